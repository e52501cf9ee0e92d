"""The ``newsbot`` command: one module per subcommand, dispatched here.

Each subcommand module exposes ``register(subparsers)`` which adds its parser and
sets ``func`` to a ``run(args) -> int``. A :class:`~newsbot.errors.NewsbotError`
becomes one line on stderr and its exit status; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newsbot import __version__
from newsbot.errors import NewsbotError

COMMANDS = (
    "demo",
    "crawl",
    "sources",
    "extract",
    "dedup",
    "export",
    "store",
    "eval",
    "bench",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, not argparse's usage block: cron mails stay readable.
        self.exit(2, f"newsbot: error: {message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a command, only that command's module is imported
    (start-up time: ``newsbot extract`` must not import Scrapy for ``newsbot crawl``)."""
    parser = _Parser(prog="newsbot", description="Crawl wire-service news into clean JSON.")
    parser.add_argument("--version", action="version", version=f"newsbot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    chosen = next((a for a in argv or () if not a.startswith("-")), None)
    for name in (chosen,) if chosen in COMMANDS else COMMANDS:
        importlib.import_module(f"newsbot.cli.{name}_cmd").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except NewsbotError as exc:
        print(f"newsbot: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newsbot: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    raise SystemExit(main())
