"""Turn each ``FetchedPage`` into an ``Article`` with :func:`newsbot.extraction.extract_article`.

A page with no article text is dropped (``newsbot/extraction/no_article``, logged at
INFO); any other failure is logged and dropped (``newsbot/extraction/error``), or re-raised
when ``NEWSBOT_STRICT`` is true, which the tests use so extraction bugs can't hide.
Extraction runs in a worker thread so the reactor keeps downloading meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newsbot.errors import NoArticleError
from newsbot.extraction import extract_article
from newsbot.item import Article, FetchedPage

logger = logging.getLogger(__name__)


class ExtractionPipeline:
    def __init__(self, stats: StatsCollector, *, strict: bool = False) -> None:
        self.stats = stats
        self.strict = strict

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, strict=crawler.settings.getbool("NEWSBOT_STRICT"))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        try:
            article = await asyncio.to_thread(self.extract, item)
        except NoArticleError as exc:  # expected, strict or not: a page that isn't an article
            self.stats.inc_value("newsbot/extraction/no_article")
            raise DropItem(f"no article text: {item.url}: {exc}", log_level="INFO") from None
        except Exception as exc:
            self.stats.inc_value("newsbot/extraction/error")
            if self.strict:
                raise
            logger.exception("Extraction failed for %s", item.url)
            raise DropItem(f"extraction failed: {item.url}: {exc!r}") from None
        self.stats.inc_value("newsbot/extraction/articles")
        return article

    def extract(self, page: FetchedPage) -> Article:
        return extract_article(
            page.body,
            page.url,
            source=page.source,
            fetched_at=page.fetchedAt,
            site_name=page.siteName,
            encoding=page.encoding,
            discovered=page.discovered,
            strict=self.strict,
        )
