"""The feed formats ``newsbot crawl -o FILE[:FORMAT]`` writes, and the one a file name implies.

Apart from :mod:`newsbot.crawl` so that the command line reads them without importing
Scrapy.
"""

from __future__ import annotations

from pathlib import Path

from newsbot.errors import UsageError

FORMATS = ("jsonlines", "json", "jsonfeed")
_FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonlines",
    ".jl": "jsonlines",
    ".ndjson": "jsonlines",
    ".json": "json",
}


def feed_format(output: str, fmt: str | None = None) -> str:
    """The feed format for ``output``: ``fmt`` if given, else from the suffix (jsonlines)."""
    if fmt is None:
        fmt = _FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "jsonlines")
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    return fmt
