"""``newsbot eval [extraction|dedup] [--corpus DIR]``: score against the labelled corpora."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from newsbot.errors import InputError, UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "eval", help="score the project against labelled corpora, beside the baseline"
    )
    parser.add_argument("what", nargs="?", choices=("extraction", "dedup"), default="extraction")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="the corpus directory (default: ../shared/corpus)"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=None,
        choices=("aeb", "wcxb", "wire", "seed"),
        help="extraction: score only this corpus (repeatable)",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="extraction: at most N pages per corpus"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(func=run)


def default_corpus() -> Path:
    """../shared/corpus beside the working directory (the project root when run there)."""
    return Path.cwd().parent / "shared" / "corpus"


def run(args: argparse.Namespace) -> int:
    corpus: Path = args.corpus or default_corpus()
    if not corpus.is_dir():
        raise InputError(f"corpus directory not found: {corpus} (use --corpus DIR)")
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.what == "dedup":
        return _run_dedup(corpus, args)
    from newsbot.evaluation.extraction import CORPORA, evaluate_extraction
    from newsbot.evaluation.table import print_report

    report = evaluate_extraction(corpus, corpora=args.only or CORPORA, limit=args.limit)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_report(report, title=f"newsbot eval extraction — {corpus}")
    return 0 if report.to_dict()["all_met"] else 1


def _run_dedup(corpus: Path, args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module("newsbot.evaluation.dedup")
    except ModuleNotFoundError as exc:
        if exc.name != "newsbot.evaluation.dedup":
            raise
        raise InputError(
            "dedup evaluation is not available: newsbot.evaluation.dedup "
            "is not installed in this build"
        ) from None
    status: int = module.run(corpus, args)
    return status
