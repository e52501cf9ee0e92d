"""Run a crawl of named sources in this process and summarize it from the crawl's stats.

``newsbot crawl`` and ``newsbot demo`` both call :func:`run_crawl`. Items are written by
Scrapy's ``FEEDS``; this module only chooses the feed's URI and format.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newsbot.errors import SourceError, UsageError
from newsbot.feeds.formats import feed_format
from newsbot.pipelines.allocator import allocator_choice
from newsbot.pipelines.pool import worker_count
from newsbot.pipelines.worker_process import prestart
from newsbot.sources import load_sources
from newsbot.spiders.dates import parse_w3c_datetime
from newsbot.spiders.loader import sources_dirs
from newsbot.spiders.news import spider_class

#: The dedup stage's stats for the copies it always drops (see newsbot/pipelines/dedup.py).
DROPPED_DUPLICATE_STATS = ("newsbot/dedup/url_duplicate", "newsbot/dedup/exact_duplicate")
#: Near-copies: counted either way, dropped only under ``NEWSBOT_DEDUP_NEAR = "drop"``.
NEAR_DUPLICATE_STAT = "newsbot/dedup/near_duplicate"


@dataclass(frozen=True)
class CrawlSummary:
    """What a crawl did, read from its stats."""

    sources: tuple[str, ...]
    output: str | None
    pages: int
    """Article pages fetched."""
    items: int
    """Items written."""
    duplicates: int
    """Items the dedup stage dropped as copies."""
    errors: int
    """Errors logged (failed downloads, extraction errors, spider exceptions)."""
    finish_reason: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_stats(
        cls,
        sources: Sequence[str],
        output: str | None,
        stats: Mapping[str, Any],
        *,
        near_dropped: bool = False,
    ) -> CrawlSummary:
        """``near_dropped``: near-copies were dropped (``NEWSBOT_DEDUP_NEAR = "drop"``)."""
        return cls(
            sources=tuple(sources),
            output=output,
            pages=int(stats.get("newsbot/pages", 0)),
            items=int(stats.get("item_scraped_count", 0)),
            duplicates=_duplicates(stats, near_dropped),
            errors=int(stats.get("log_count/ERROR", 0)),
            finish_reason=stats.get("finish_reason"),
            stats=dict(stats),
        )

    def line(self) -> str:
        """One human line: ``pages 24, items 20, duplicates dropped 3, errors 0``."""
        return (
            f"pages {self.pages}, items {self.items}, "
            f"duplicates dropped {self.duplicates}, errors {self.errors}"
        )


def _duplicates(stats: Mapping[str, Any], near_dropped: bool) -> int:
    keys = (
        (*DROPPED_DUPLICATE_STATS, NEAR_DUPLICATE_STAT) if near_dropped else DROPPED_DUPLICATE_STATS
    )
    return sum(int(stats.get(key, 0)) for key in keys)


def crawl_settings(
    output: str | None = None,
    fmt: str | None = None,
    sources_dir: str | Path | Iterable[str | Path] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """newsbot's settings, then ``settings_overrides``, then the output feed."""
    settings = Settings()
    settings.setmodule("newsbot.settings", priority="project")
    dirs = _dirs(sources_dir)
    if dirs:
        settings.set("NEWSBOT_SOURCES_DIR", os.pathsep.join(dirs), priority="cmdline")
    settings.update(dict(settings_overrides or {}), priority="cmdline")
    if output:
        feed = {"format": feed_format(output, fmt), "overwrite": True}
        settings.set("FEEDS", {output: feed}, priority="cmdline")
    return settings


def check_settings(settings: Settings) -> None:
    """Refuse bad ``NEWSBOT_*`` values with a :class:`UsageError` before Scrapy starts."""
    now = settings.get("NEWSBOT_NOW")
    if now and parse_w3c_datetime(str(now)) is None:
        raise UsageError(f"NEWSBOT_NOW: not an ISO 8601 date and time: {now!r}")
    max_age = settings.get("NEWSBOT_MAX_AGE_DAYS")
    if max_age not in (None, ""):
        try:
            valid = float(max_age) > 0
        except (TypeError, ValueError):
            valid = False
        if not valid:
            raise UsageError(f"NEWSBOT_MAX_AGE_DAYS: not a positive number: {max_age!r}")
    worker_count(settings.get("NEWSBOT_EXTRACT_WORKERS"))  # raises UsageError when bad
    allocator_choice(settings.get("NEWSBOT_EXTRACT_ALLOCATOR"))


def _dirs(value: str | Path | Iterable[str | Path] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str | Path):
        return sources_dirs(str(value))
    return [str(v) for v in value]


def run_crawl(
    source_names: Sequence[str],
    output: str | None = None,
    fmt: str | None = None,
    sources_dir: str | Path | Iterable[str | Path] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl ``source_names`` in one Scrapy crawl, writing items to ``output``.

    Blocks until the crawl ends. Starts a Twisted reactor, so call it once per process.
    Raises :class:`SourceError` for an unknown source or a bad source file.
    """
    if not source_names:
        raise UsageError("name at least one source")
    settings = crawl_settings(output, fmt, sources_dir, settings_overrides)
    check_settings(settings)
    available = load_sources(sources_dirs(settings.get("NEWSBOT_SOURCES_DIR")))
    names = list(dict.fromkeys(source_names))
    unknown = [n for n in names if n not in available]
    if unknown:
        known = ", ".join(available) or "none"
        raise SourceError(f"unknown source {unknown[0]!r} (known sources: {known})")
    spidercls = spider_class([available[n] for n in names])
    prestart(
        worker_count(settings.get("NEWSBOT_EXTRACT_WORKERS")),
        allocator_choice(settings.get("NEWSBOT_EXTRACT_ALLOCATOR")),
    )

    process = CrawlerProcess(settings)  # LOG_INSTALL_ROOT_HANDLER defaults to True
    crawler = process.create_crawler(spidercls)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    near_dropped = settings.get("NEWSBOT_DEDUP_NEAR") == "drop"
    return CrawlSummary.from_stats(names, output, stats, near_dropped=near_dropped)
