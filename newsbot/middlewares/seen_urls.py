"""Skip article requests whose URL the store has already seen, before the download.

A second crawl of an unchanged site then downloads no article page at all. Only requests
the spider marks as articles (``meta["newsbot_kind"] == "article"``) are checked: sitemaps,
feeds and sections must be fetched again to discover new articles. Skips are counted under
``newsbot/dedup/seen_url_skipped``.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.statscollectors import StatsCollector

from newsbot.dedup.store import Store, open_store
from newsbot.dedup.urls import canonical_url
from newsbot.pipelines.dedup import dedup_settings
from newsbot.spiders.news import KIND_KEY

logger = logging.getLogger(__name__)


class SeenUrlMiddleware:
    def __init__(self, store: Store, stats: StatsCollector) -> None:
        self.store = store
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenUrlMiddleware:
        uri, _, _ = dedup_settings(crawler.settings)
        assert crawler.stats is not None
        middleware = cls(open_store(uri), crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Request) -> None:
        if request.meta.get(KIND_KEY) != "article":
            return
        if self.store.has_url(canonical_url(request.url)):
            self.stats.inc_value("newsbot/dedup/seen_url_skipped")
            logger.debug("Seen in an earlier run, not downloaded: %s", request.url)
            raise IgnoreRequest(f"newsbot: seen before: {request.url}")

    def spider_closed(self) -> None:
        self.store.close()
