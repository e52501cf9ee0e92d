"""``newsbot demo [-o FILE]``: crawl the bundled demo newsroom, served on 127.0.0.1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsbot.extensions.progress import progress_settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="crawl the bundled demo newsroom (no network needed)",
        description="Serve the bundled demo newsroom on 127.0.0.1 and crawl it, "
        "writing one JSON line per article.",
    )
    parser.add_argument(
        "-o",
        "--output",
        default="items.jsonl",
        metavar="FILE",
        help="write items here as JSON Lines, replacing it (default: items.jsonl)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress, no log lines: errors only"
    )
    parser.add_argument(
        "--access-log",
        type=Path,
        metavar="FILE",
        help="also write the demo server's request log here (one 'METHOD PATH STATUS' a line)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsbot.demo.run import run_demo  # imports Scrapy: only when the command runs

    overrides = progress_settings(sys.stderr, args.quiet)
    log = args.access_log.open("w", encoding="utf-8") if args.access_log else None
    try:
        result = run_demo(args.output, access_log=log, settings_overrides=overrides)
    finally:
        if log is not None:
            log.close()
    summary = result.summary
    print(f"newsbot demo: crawled {result.base_url}")
    print(f"newsbot demo: {summary.line()} -> {args.output}")
    return 0 if summary.finish_reason == "finished" else 1  # None: the crawl never ran
