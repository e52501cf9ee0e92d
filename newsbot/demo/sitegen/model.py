"""The demo stories as typed pages: ``stories.toml`` loaded, copies resolved."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from importlib.resources import files
from typing import Any

DISCOVERY_KINDS = ("news-sitemap", "sitemap", "rss", "section")


@dataclass(frozen=True)
class Page:
    """One article page of the demo site."""

    key: str
    outlet: str
    path: str
    """URL path; ends in ``/`` for a directory-style URL."""
    discovery: tuple[str, ...]
    published: str
    """Offset from the server's start, as in a ``{{NOW-9h}}`` placeholder: ``-9h``."""
    tz: str
    """The outlet's UTC offset, ``+01:00``."""
    section: str
    headline: str
    description: str
    byline: str
    dateline: str
    """Printed before the first paragraph (``BRUSSELS, ... (Reuters) -``), or empty."""
    image: str
    caption: str
    credit: str
    paragraphs: tuple[str, ...]
    modified: str | None = None
    lang: str = "en"
    tags: tuple[str, ...] = ()
    agency: str | None = None
    subheadline: str | None = None
    authors: tuple[str, ...] = ()
    caption_alt: str | None = None
    """``img@alt`` when it differs from the caption (the CMS truncated it)."""
    trailer: str = ""
    trailer_rule: bool = False
    """An AP-style ``___`` line before the trailer."""
    advisory: str | None = None
    double_lead: bool = False
    """The CMS printed the lead paragraph twice."""
    aliases: tuple[str, ...] = ()
    """Other paths serving the same bytes."""
    copy_of: str | None = None

    def when(self, fmt: str, offset: str | None = None, tz: str | None = None) -> str:
        """A date placeholder for this page, e.g. ``when("iso")``."""
        return f"{{{{NOW{offset or self.published}|{fmt}|{tz or self.tz}}}}}"

    @property
    def modified_or_published(self) -> str:
        return self.modified or self.published


_COPY_ONLY = {"keep", "edits", "append"}
_NOT_INHERITED = {"key", "outlet", "path", "discovery", "aliases", "published", "modified"}
_TUPLES = {"discovery", "tags", "authors", "paragraphs", "aliases"}


def _resolve(raw: dict[str, Any], originals: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if "copy_of" not in raw:
        return raw
    original = originals[raw["copy_of"]]
    merged = {k: v for k, v in original.items() if k not in _NOT_INHERITED}
    merged.update({k: v for k, v in raw.items() if k not in _COPY_ONLY})
    paragraphs = list(original["paragraphs"])
    if "keep" in raw:
        paragraphs = [paragraphs[i] for i in raw["keep"]]
    for old, new in raw.get("edits", []):
        if not any(old in p for p in paragraphs):
            raise ValueError(f"{raw['key']}: edit {old!r} matches no paragraph")
        paragraphs = [p.replace(old, new) for p in paragraphs]
    merged["paragraphs"] = paragraphs + list(raw.get("append", []))
    return merged


def load_pages(text: str | None = None) -> list[Page]:
    """The pages of ``stories.toml`` (or of ``text``), in file order."""
    if text is None:
        text = files(__package__).joinpath("stories.toml").read_text(encoding="utf-8")
    raws: list[dict[str, Any]] = tomllib.loads(text)["page"]
    originals = {raw["key"]: raw for raw in raws}
    known = {f.name for f in fields(Page)}
    pages = []
    for raw in raws:
        values = _resolve(raw, originals)
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"{raw['key']}: unknown keys {sorted(unknown)}")
        for name in _TUPLES & set(values):
            values[name] = tuple(values[name])
        bad = set(values["discovery"]) - set(DISCOVERY_KINDS)
        if bad:
            raise ValueError(f"{raw['key']}: unknown discovery {sorted(bad)}")
        pages.append(Page(**values))
    return pages
