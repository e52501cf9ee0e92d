"""``newsbot store stats`` and ``newsbot store reset [--source S]``: the state kept across runs."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("store", help="show or reset the dedup and article store")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    stats = actions.add_parser("stats", help="counts per source, story clusters, size")
    stats.add_argument("--store", metavar="URI", help="the store (default: NEWSBOT_STORE)")
    reset = actions.add_parser("reset", help="forget seen URLs, fingerprints, stories, articles")
    reset.add_argument("--source", metavar="S", help="forget only what came from this source")
    reset.add_argument("--store", metavar="URI", help="the store (default: NEWSBOT_STORE)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsbot.cli.export_cmd import default_store_uri
    from newsbot.dedup.store import open_store

    uri = args.store or default_store_uri()
    store = open_store(uri)
    try:
        if args.action == "reset":
            store.reset(args.source)
            what = f"source {args.source!r}" if args.source else "everything"
            print(f"newsbot: store {uri}: reset {what}")
            return 0
        stats = store.stats()
    finally:
        store.close()
    print(f"store      {uri}")
    size = "n/a" if stats.size_bytes is None else f"{stats.size_bytes / 1e6:,.1f} MB"
    print(f"size       {size}")
    print(f"urls       {stats.urls:,}")
    print(f"bodies     {stats.documents:,}  (fingerprints {stats.fingerprints:,})")
    print(f"stories    {stats.clusters:,}")
    print(f"articles   {stats.articles:,}")
    if stats.per_source:
        width = max(6, *(len(s) for s in stats.per_source))
        print(f"\n{'source':<{width}}  {'urls':>9}  {'bodies':>9}  {'articles':>9}")
        for source, per in sorted(stats.per_source.items()):
            print(
                f"{source or '-':<{width}}  {per['urls']:>9,}  {per['documents']:>9,}"
                f"  {per['articles']:>9,}"
            )
    return 0
