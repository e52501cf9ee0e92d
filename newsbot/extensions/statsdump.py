"""Write a crawl's final stats to a JSON file, for scripts, dashboards and tests.

Enabled by ``NEWSBOT_STATS_FILE`` (a path; unset: off). The file is written once, when the
engine has stopped and every component has counted what it did, and it is replaced
atomically, so a reader never sees half of it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from newsbot.feeds.atomic import atomic_write


class StatsDump:
    def __init__(self, stats: StatsCollector, path: Path) -> None:
        self.stats = stats
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsDump:
        path = crawler.settings.get("NEWSBOT_STATS_FILE")
        if not path:
            raise NotConfigured("NEWSBOT_STATS_FILE is not set")
        assert crawler.stats is not None
        ext = cls(crawler.stats, Path(path))
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        self.write(self.stats.get_stats())

    def write(self, stats: dict[str, Any]) -> None:
        text = json.dumps(stats, indent=2, sort_keys=True, default=str)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(self.path) as file:
            file.write(text.encode("utf-8") + b"\n")
