"""``newsbot crawl SOURCE... [-o FILE[:FORMAT]] [--sources-dir DIR] [-s NAME=VALUE]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsbot.crawl import FORMATS, feed_format, run_crawl
from newsbot.errors import UsageError
from newsbot.sources import get_source


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "crawl",
        help="crawl sources",
        description="Crawl the sources and write one JSON item per article.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="a source's name")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE[:FORMAT]",
        help=f"write items to FILE, replacing it; FORMAT is one of {', '.join(FORMATS)} "
        "(default: from the suffix, jsonlines)",
    )
    parser.add_argument(
        "--sources-dir", action="append", metavar="DIR", help="another directory of sources"
    )
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a Scrapy or newsbot setting (repeatable)",
    )
    parser.set_defaults(func=run)


def parse_output(value: str) -> tuple[str, str]:
    """``FILE[:FORMAT]`` -> (file, format)."""
    path, sep, fmt = value.rpartition(":")
    if sep and fmt in FORMATS and path:
        return path, fmt
    return value, feed_format(value)


def parse_settings(pairs: list[str]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-s takes NAME=VALUE, not {pair!r}")
        settings[name.strip()] = value
    return settings


def run(args: argparse.Namespace) -> int:
    output, fmt = parse_output(args.output) if args.output else (None, None)
    overrides = parse_settings(args.set)
    for name in args.sources:  # fail fast, before Scrapy starts, with one clear line
        get_source(name, args.sources_dir or [])
    summary = run_crawl(args.sources, output, fmt, args.sources_dir, overrides)
    where = f" -> {output}" if output else ""
    print(f"newsbot crawl {' '.join(summary.sources)}: {summary.line()}{where}", file=sys.stderr)
    return 0 if summary.finish_reason in (None, "finished") else 1
