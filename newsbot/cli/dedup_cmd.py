"""``newsbot dedup IN.jsonl -o OUT.jsonl [--store URI] [--keep-all]``.

Runs the crawl's dedup stage over items already extracted, in file order, against the
store (so across runs too). Writes the kept items with ``storyId`` and ``duplicateOf``;
with ``--keep-all``, every item, URL and exact copies included, for inspection.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsbot.errors import InputError, UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dedup",
        help="mark or drop duplicates in a JSON Lines file of extracted items",
        description="Run the dedup stage over extracted items (JSON Lines) against the store.",
    )
    parser.add_argument("input", metavar="IN.jsonl", help="extracted items, one per line")
    parser.add_argument(
        "-o", "--output", metavar="OUT.jsonl", required=True, help="the file to write; - stdout"
    )
    parser.add_argument("--store", metavar="URI", help="the store (default: NEWSBOT_STORE)")
    parser.add_argument(
        "--keep-all",
        action="store_true",
        help="write every item, exact and URL copies too, each with storyId and duplicateOf",
    )
    parser.set_defaults(func=run)


def read_items(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file; InputError names the first bad line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"can't read {path}: {exc.strerror or exc}") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not JSON: {exc.msg}") from None
                if not isinstance(item, dict) or not (item.get("url") or item.get("canonicalUrl")):
                    raise InputError(f"{path}:{number}: not an article item (no url)")
                yield item
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None


def run(args: argparse.Namespace) -> int:
    from newsbot.cli.export_cmd import default_store_uri
    from newsbot.dedup.stage import DedupStage, annotate
    from newsbot.dedup.store import open_store
    from newsbot.feeds.atomic import atomic_write

    source = Path(args.input)
    if not source.is_file():
        raise InputError(f"can't read {source}: no such file")
    output = None if args.output == "-" else Path(args.output)
    if output is not None and (output.is_dir() or not output.parent.is_dir()):
        raise UsageError(f"can't write {output}: not a file in an existing directory")
    total = sum(1 for _ in read_items(source))  # every line checked before the store changes
    store = open_store(args.store or default_store_uri())
    kinds: Counter[str] = Counter()
    written = 0
    try:
        stage = DedupStage(store)

        def write(handle: IO[bytes]) -> int:
            count = 0
            for item in read_items(source):
                verdict = stage.check(item, save=True)
                kinds[verdict.kind] += 1
                if verdict.keep or args.keep_all:
                    line = json.dumps(annotate(item, verdict), ensure_ascii=False)
                    handle.write(line.encode("utf-8") + b"\n")
                    count += 1
            return count

        if output is None:
            written = write(sys.stdout.buffer)
            sys.stdout.flush()
        else:
            with atomic_write(output) as handle:
                written = write(handle)
    finally:
        store.close()
    summary = ", ".join(f"{kinds[k]} {k.replace('_', ' ')}" for k in sorted(kinds))
    print(
        f"newsbot: dedup: {total} items ({summary or 'none'}); wrote {written}",
        file=sys.stderr,
    )
    return 0
