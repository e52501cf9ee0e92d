"""``newsbot bench``: the performance benchmarks, as a table or (``--json``) as JSON.

Everything runs on this machine in one run; see the README's "Performance" section and
:mod:`newsbot.bench.suite`. Progress goes to stderr, the figures to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsbot.errors import UsageError

_SECTIONS = ("extraction", "crawl", "memory", "dedup", "warc", "startup")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help="run the performance benchmarks")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="DIR",
        help="the corpus root (default: ../shared/corpus beside the project)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small, fast run of every section (smoke test, not figures)",
    )
    parser.add_argument(
        "--sections",
        default=",".join(_SECTIONS),
        help=f"comma-separated, of: {', '.join(_SECTIONS)} (default: all)",
    )
    parser.add_argument("--pages", type=int, default=None, help="crawl: site size (2000)")
    parser.add_argument(
        "--crawl-rounds",
        type=int,
        default=None,
        metavar="N",
        help="crawl: rounds, each after a bare reading; the median is reported (3)",
    )
    parser.add_argument(
        "--memory-pages",
        default=None,
        metavar="SMALL,LARGE",
        help="memory: the two crawl sizes compared (2000,10000)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="NEWSBOT_EXTRACT_WORKERS for the crawls (default: one per core)",
    )
    parser.add_argument(
        "--extraction-pages",
        type=int,
        default=None,
        help="extraction: aeb pages timed (default: all)",
    )
    parser.add_argument("--dedup-n", type=int, default=None, help="dedup: SQLite articles (1M)")
    parser.add_argument("--redis-n", type=int, default=None, help="dedup: Redis articles (100k)")
    parser.add_argument(
        "--redis",
        default=None,
        metavar="URI",
        help="a Redis for the dedup figure (default: a private redis-server)",
    )
    parser.add_argument("--warc-records", type=int, default=None, help="warc: records (2000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsbot.bench import DEFAULT_CORPUS
    from newsbot.bench.suite import BenchOptions, run_bench

    sections = tuple(s.strip() for s in args.sections.split(",") if s.strip())
    unknown = [s for s in sections if s not in _SECTIONS]
    if unknown or not sections:
        raise UsageError(
            f"unknown section {unknown[0] if unknown else '(none)'!r} "
            f"(known: {', '.join(_SECTIONS)})"
        )
    corpus = args.corpus or DEFAULT_CORPUS
    options = BenchOptions.quick(corpus, sections) if args.quick else BenchOptions(corpus, sections)
    _apply_sizes(options, args)
    report = run_bench(options, progress=lambda line: print(f"bench: {line}", file=sys.stderr))
    if args.json:
        print(json.dumps(report.to_json(), indent=2, default=str))
    else:
        from newsbot.bench.report import print_report

        print_report(report)
    return 0


def _apply_sizes(options: Any, args: argparse.Namespace) -> None:
    for name in ("pages", "crawl_rounds", "extraction_pages", "dedup_n", "redis_n", "warc_records"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1")
    if args.pages is not None:
        options.crawl_pages = args.pages
    for name in ("crawl_rounds", "extraction_pages", "dedup_n", "redis_n", "warc_records"):
        if getattr(args, name) is not None:
            setattr(options, name, getattr(args, name))
    if args.workers is not None:
        options.workers = args.workers
    if args.redis is not None:
        options.redis_uri = args.redis
    if args.memory_pages is not None:
        try:
            small, large = (int(v) for v in args.memory_pages.split(","))
        except ValueError:
            raise UsageError("--memory-pages must be SMALL,LARGE (e.g. 2000,10000)") from None
        options.memory_pages = (small, large)
