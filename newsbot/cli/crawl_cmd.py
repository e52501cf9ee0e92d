"""``newsbot crawl SOURCE... [-o FILE[:FORMAT]] [--sources-dir DIR] [-s NAME=VALUE]``.

``--job NAME`` makes the crawl resumable: its state lives in ``JOBDIR`` =
``NEWSBOT_STATE_DIR/jobs/NAME``, and the same command after a kill continues it.
On a terminal the crawl shows live progress; ``--quiet`` leaves only errors.

``--archive FILE`` also writes every response fetched to a WARC file; ``--warc FILE...
[--source S | --domains a.com,b.org]`` runs the pipeline over archives instead of HTTP.

``--redis URL`` makes this process one worker of a crawl shared through Redis (see
``newsbot/distributed/``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsbot import settings as defaults
from newsbot.errors import UsageError
from newsbot.feeds.formats import FORMATS, feed_format
from newsbot.paths import safe_join
from newsbot.pipelines.allocator import allocator_choice
from newsbot.pipelines.pool import worker_count
from newsbot.pipelines.worker_process import prestart
from newsbot.sources import get_source


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "crawl",
        help="crawl sources",
        description="Crawl the sources and write one JSON item per article.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="a source's name")
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
    parser.add_argument(
        "--job",
        metavar="NAME",
        help="resumable: keep the crawl's state in NEWSBOT_STATE_DIR/jobs/NAME (JOBDIR)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress, no log lines: errors only"
    )
    parser.add_argument(
        "--archive", metavar="FILE", help="also write every response fetched to this WARC file"
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="one worker of a crawl shared through this Redis (redis://host:port/db): "
        "its request queue, seen requests and dedup store (NEWSBOT_REDIS_URL)",
    )
    parser.add_argument(
        "--warc",
        nargs="+",
        action="extend",
        metavar="FILE",
        help="read pages from these .warc/.warc.gz archives instead of crawling",
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="S",
        help="with --warc: keep the records of this source's domains (repeatable)",
    )
    parser.add_argument(
        "--domains", metavar="A,B", help="with --warc: keep the records of these domains"
    )
    parser.set_defaults(func=run)


def job_dir(name: str, overrides: dict[str, Any]) -> str:
    """The ``JOBDIR`` of ``--job NAME``: one directory per job name in the state directory."""
    state = overrides.get("NEWSBOT_STATE_DIR") or defaults.NEWSBOT_STATE_DIR
    return str(safe_join(Path(state) / "jobs", name))


def parse_output(value: str) -> tuple[str, str]:
    """``FILE[:FORMAT]`` -> (file, format)."""
    path, sep, fmt = value.rpartition(":")
    if sep and path and fmt.isalpha():  # a format name, known or not; never part of a path
        return path, feed_format(path, fmt)
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
    overrides: dict[str, Any] = parse_settings(args.set)
    if args.job:
        overrides["JOBDIR"] = job_dir(args.job, overrides)
    if args.archive:
        overrides["NEWSBOT_ARCHIVE"] = args.archive
    if args.redis:
        if args.job or args.warc:
            raise UsageError("--redis shares the queue in Redis: it takes no --job or --warc")
        from newsbot.distributed import check_redis_url

        check_redis_url(args.redis)  # one clear line within seconds, before Scrapy starts
        overrides["NEWSBOT_REDIS_URL"] = args.redis
    if not args.warc:
        if args.source or args.domains:
            raise UsageError("--source and --domains go with --warc")
        if not args.sources:
            raise UsageError("name at least one source, or read archives with --warc FILE")
    names = [*args.sources, *args.source] if args.warc else args.sources
    for name in names:  # fail fast, before Scrapy starts, with one clear line
        get_source(name, args.sources_dir or [])
    # The extraction workers' forkserver warms up (imports trafilatura) on another core
    # while this process imports Scrapy and sets the crawl up: they are ready for the
    # first page instead of a few tenths of a second after it.
    workers = overrides.get("NEWSBOT_EXTRACT_WORKERS", defaults.NEWSBOT_EXTRACT_WORKERS)
    allocator = overrides.get("NEWSBOT_EXTRACT_ALLOCATOR", defaults.NEWSBOT_EXTRACT_ALLOCATOR)
    prestart(worker_count(workers), allocator_choice(allocator))
    from newsbot.crawl import run_crawl
    from newsbot.extensions.progress import progress_settings
    from newsbot.replay import parse_domains, run_warc_crawl

    overrides = {**progress_settings(sys.stderr, args.quiet), **overrides}
    if args.warc:
        summary = run_warc_crawl(
            args.warc, names, parse_domains(args.domains), output, fmt, args.sources_dir, overrides
        )
    else:
        summary = run_crawl(args.sources, output, fmt, args.sources_dir, overrides)
    where = f" -> {output}" if output else ""
    if not args.quiet:
        line = f"newsbot crawl {' '.join(summary.sources)}: {summary.line()}{where}"
        print(line, file=sys.stderr)
    return 0 if summary.finish_reason == "finished" else 1  # None: the crawl never ran
