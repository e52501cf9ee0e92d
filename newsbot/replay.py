"""Run the pipeline over WARC archives instead of HTTP: ``newsbot crawl --warc``.

The counterpart of :func:`newsbot.crawl.run_crawl`, with the same settings, feeds and
summary; the spider is :class:`newsbot.spiders.warc.WarcSpider`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess

from newsbot.crawl import CrawlSummary, check_settings, crawl_settings
from newsbot.errors import InputError, SourceError
from newsbot.sources import load_sources
from newsbot.spiders.loader import sources_dirs
from newsbot.spiders.warc import WarcSpider


def parse_domains(value: str | None) -> list[str]:
    """``a.com,b.org`` -> ``["a.com", "b.org"]``."""
    return [d.strip().lower() for d in (value or "").split(",") if d.strip()]


def run_warc_crawl(
    archives: Sequence[str | Path],
    source_names: Sequence[str] = (),
    domains: Sequence[str] = (),
    output: str | None = None,
    fmt: str | None = None,
    sources_dir: str | Path | Iterable[str | Path] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
) -> CrawlSummary:
    """Extract, dedup and export the HTML records of ``archives`` that the sources or
    domains own (every record when both are empty).

    Blocks until done; starts a Twisted reactor, so call it once per process.
    """
    missing = [str(p) for p in archives if not Path(p).is_file()]
    if missing:
        raise InputError(f"no such archive: {missing[0]}")
    settings = crawl_settings(output, fmt, sources_dir, settings_overrides)
    check_settings(settings)
    sources = []
    if source_names:
        available = load_sources(sources_dirs(settings.get("NEWSBOT_SOURCES_DIR")))
        unknown = [n for n in source_names if n not in available]
        if unknown:
            known = ", ".join(available) or "none"
            raise SourceError(f"unknown source {unknown[0]!r} (known sources: {known})")
        sources = [available[n] for n in dict.fromkeys(source_names)]
    # Nothing is downloaded: the archive is written by the crawl that fetched the pages.
    settings.set("NEWSBOT_ARCHIVE", None, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(WarcSpider)
    process.crawl(crawler, archives=list(archives), sources=sources, domains=list(domains))
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    names = [s.name for s in sources] or list(domains) or ["warc"]
    near_dropped = settings.get("NEWSBOT_DEDUP_NEAR") == "drop"
    return CrawlSummary.from_stats(names, output, stats, near_dropped=near_dropped)
