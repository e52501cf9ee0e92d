"""``newsbot sources [--sources-dir DIR]``: the sources and their discovery URLs."""

from __future__ import annotations

import argparse
from typing import Any

from newsbot.sources import Source, load_sources


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sources",
        help="list the sources",
        description="List the sources and their discovery URLs.",
    )
    parser.add_argument(
        "--sources-dir", action="append", metavar="DIR", help="another directory of sources"
    )
    parser.set_defaults(func=run)


def describe(source: Source) -> list[str]:
    age = f", max age {source.max_age_days:g} days" if source.max_age_days else ""
    lines = [f"{source.name}: {source.site_name} ({', '.join(source.domains)}{age})"]
    d = source.discovery
    for kind, urls in (("sitemap", d.sitemaps), ("feed", d.feeds), ("section", d.sections)):
        lines.extend(f"  {kind:8} {url}" for url in urls)
    if d.article_urls:
        lines.append(f"  articles {' | '.join(p.pattern for p in d.article_urls)}")
    if source.settings:
        lines.append("  settings " + ", ".join(f"{k}={v}" for k, v in source.settings.items()))
    return lines


def run(args: argparse.Namespace) -> int:
    for source in load_sources(args.sources_dir or []).values():
        print("\n".join(describe(source)))
    return 0
