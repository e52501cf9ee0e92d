"""``newsbot export``: write a feed from the article store, atomically.

The feed is written to a temporary file beside ``-o FILE`` and renamed onto it, so a
reader (a web server, the next cron job) sees the previous feed or the new one, never
half of one. An empty selection still writes a valid, empty feed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsbot.cli._since import parse_since
from newsbot.errors import UsageError
from newsbot.feeds.atomic import atomic_write
from newsbot.feeds.writers import write_jsonfeed, write_jsonlines

FORMATS = ("jsonfeed", "jsonl")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a JSON Feed or JSON Lines file from the article store",
        description="Write a feed from the article store, atomically (temp file, then rename).",
    )
    parser.add_argument("--format", choices=FORMATS, default="jsonfeed", help="default: jsonfeed")
    parser.add_argument(
        "--since",
        metavar="WHEN",
        help="only articles published (else fetched) since: 2h, 30m, 7d, or an ISO 8601 date",
    )
    parser.add_argument("--source", metavar="S", help="only this source's articles")
    parser.add_argument("--agency", metavar="A", help="only articles credited to this agency")
    parser.add_argument("--limit", metavar="N", type=_positive_int, help="at most N articles")
    parser.add_argument("--title", help="the feed's title (default: names the sources)")
    parser.add_argument("--store", metavar="URI", help="the store (default: NEWSBOT_STORE)")
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the file to write; - for stdout"
    )
    parser.set_defaults(func=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def default_store_uri() -> str:
    """``NEWSBOT_STORE`` from the Scrapy project settings (the env and scrapy.cfg apply)."""
    from scrapy.utils.project import get_project_settings

    from newsbot.dedup.store import DEFAULT_STORE_URI

    uri: str = get_project_settings().get("NEWSBOT_STORE") or DEFAULT_STORE_URI
    return uri


def run(args: argparse.Namespace) -> int:
    since = parse_since(args.since) if args.since else None
    output = None if args.output == "-" else Path(args.output)
    if output is not None:
        _check_writable(output)

    from newsbot.dedup.store import open_store

    store = open_store(args.store or default_store_uri())
    try:
        articles = store.iter_articles(
            since=since, source=args.source, agency=args.agency, limit=args.limit
        )
        if output is None:
            count = _write(sys.stdout.buffer, args.format, articles, args.title)
            sys.stdout.flush()
        else:
            try:
                with atomic_write(output) as handle:
                    count = _write(handle, args.format, articles, args.title)
            except OSError as exc:
                raise UsageError(f"can't write {output}: {exc.strerror or exc}") from None
    finally:
        store.close()
    if output is not None:
        print(f"newsbot: exported {count} articles to {output}", file=sys.stderr)
    return 0


def _check_writable(output: Path) -> None:
    """Fail before touching the store when the output can't be written."""
    if output.is_dir():
        raise UsageError(f"can't write {output}: it is a directory")
    directory = output.parent
    if not directory.is_dir():
        raise UsageError(f"can't write {output}: no directory {directory}")


def _write(
    handle: IO[bytes], fmt: str, articles: Iterable[dict[str, Any]], title: str | None
) -> int:
    rows: Iterator[dict[str, Any]] = iter(articles)
    if fmt == "jsonl":
        return write_jsonlines(handle, rows)
    return write_jsonfeed(handle, rows, title=title)
