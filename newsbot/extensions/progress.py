"""Live crawl progress on a terminal, and a summary table at the end.

Enabled by ``NEWSBOT_PROGRESS = True`` (``newsbot crawl`` and ``newsbot demo`` set it when
stderr is a terminal and ``--quiet`` is not given; see :func:`progress_settings`). Reads the
crawl's stats every ``NEWSBOT_PROGRESS_INTERVAL`` seconds; it never touches the crawl
itself. Off a terminal it stays off and Scrapy's own log lines (``LogStats``) remain.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from rich.console import Console
from rich.live import Live
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

from newsbot.crawl import CrawlSummary
from newsbot.extensions.progress_view import Progress, live_table, summary_table

SEEN_STAT = "newsbot/dedup/seen_url_skipped"
"""Article requests skipped before download: kept in an earlier run."""


def progress_settings(stream: IO[Any], quiet: bool) -> dict[str, Any]:
    """Settings for a CLI crawl: live progress on a terminal, nothing but errors if quiet."""
    if quiet:
        return {"NEWSBOT_PROGRESS": False, "LOG_LEVEL": "ERROR", "LOGSTATS_INTERVAL": 0}
    if stream.isatty():
        # The live table replaces the INFO log lines, which would tear it apart.
        return {"NEWSBOT_PROGRESS": True, "LOG_LEVEL": "WARNING"}
    return {"NEWSBOT_PROGRESS": False}


class _Board:
    """The one live display shared by every crawl in the process."""

    def __init__(self) -> None:
        self.rows: dict[int, Progress] = {}
        self.running: set[int] = set()
        self.live: Live | None = None
        self.console: Console | None = None

    def open(self, key: int, console: Console) -> None:
        self.running.add(key)
        if self.live is None:
            self.console = console
            self.live = Live(console=console, auto_refresh=False, transient=True)
            self.live.start()

    def update(self, key: int, progress: Progress) -> None:
        self.rows[key] = progress
        if self.live is not None:
            self.live.update(live_table(self.rows.values()), refresh=True)

    def close(self, key: int, progress: Progress) -> None:
        self.update(key, progress)
        self.running.discard(key)
        if self.running or self.live is None:
            return
        self.live.stop()
        if self.console is not None:
            self.console.print(summary_table(self.rows.values()))
        self.live = None
        self.rows.clear()


_BOARD = _Board()


class ProgressExtension:
    """``EXTENSIONS``: feeds a crawl's stats to the live display."""

    def __init__(
        self, stats: StatsCollector, interval: float, console: Console, near_dropped: bool = False
    ) -> None:
        self.stats = stats
        self.interval = interval
        self.console = console
        self.near_dropped = near_dropped
        self.started = time.monotonic()
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        settings = crawler.settings
        # Bare NotConfigured: being off is normal, not worth Scrapy's "Disabled" warning.
        if not settings.getbool("NEWSBOT_PROGRESS") or not sys.stderr.isatty():
            raise NotConfigured
        assert crawler.stats is not None
        console = Console(stderr=True, force_terminal=True)
        extension = cls(
            crawler.stats,
            settings.getfloat("NEWSBOT_PROGRESS_INTERVAL", 0.5),
            console,
            near_dropped=settings.get("NEWSBOT_DEDUP_NEAR") == "drop",
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.name = spider.name
        self.started = time.monotonic()
        _BOARD.open(id(self), self.console)
        self.task = create_looping_call(self.refresh)
        self.task.start(self.interval)

    def snapshot(self, finished: bool = False) -> Progress:
        # CrawlSummary holds the one definition of what counts as a page, a duplicate, ...
        stats = self.stats.get_stats()
        counts = CrawlSummary.from_stats([self.name], None, stats, near_dropped=self.near_dropped)
        return Progress(
            name=self.name,
            pages=counts.pages,
            items=counts.items,
            duplicates=counts.duplicates,
            errors=counts.errors,
            seen=int(stats.get(SEEN_STAT, 0)),
            elapsed=time.monotonic() - self.started,
            finished=finished,
        )

    def refresh(self) -> None:
        _BOARD.update(id(self), self.snapshot())

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        _BOARD.close(id(self), self.snapshot(finished=True))
