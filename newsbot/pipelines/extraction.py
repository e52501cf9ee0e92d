"""Turn each ``FetchedPage`` into an ``Article`` with :func:`newsbot.extraction.extract_article`.

A page with no article text is dropped (``newsbot/extraction/no_article``, logged at
INFO); any other failure is logged and dropped (``newsbot/extraction/error``), or re-raised
when ``NEWSBOT_STRICT`` is true, which the tests use so extraction bugs can't hide.
Extraction runs in a process pool (``NEWSBOT_EXTRACT_WORKERS``, see
:mod:`newsbot.pipelines.pool`) so the reactor keeps downloading meanwhile; with 0 workers
it runs in a thread of this process. A worker that dies on a page costs that page only
(``newsbot/extraction/worker_crash``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newsbot.errors import NoArticleError
from newsbot.item import FetchedPage
from newsbot.pipelines.allocator import allocator_choice
from newsbot.pipelines.pool import ExtractionPool, WorkerCrash, worker_count
from newsbot.pipelines.worker import extract_page

logger = logging.getLogger(__name__)


class ExtractionPipeline:
    def __init__(
        self,
        stats: StatsCollector,
        *,
        strict: bool = False,
        pool: ExtractionPool | None = None,
        fingerprint: bool = False,
    ) -> None:
        self.stats = stats
        self.strict = strict
        self.pool = pool
        self.fingerprint = fingerprint
        """Whether articles also carry their dedup record (made where they are extracted)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        assert crawler.stats is not None
        workers = worker_count(crawler.settings.get("NEWSBOT_EXTRACT_WORKERS"))
        allocator = allocator_choice(crawler.settings.get("NEWSBOT_EXTRACT_ALLOCATOR"))
        pool = ExtractionPool(workers, allocator) if workers > 0 else None
        return cls(
            crawler.stats,
            strict=crawler.settings.getbool("NEWSBOT_STRICT"),
            pool=pool,
            fingerprint=bool(crawler.settings.get("NEWSBOT_STORE")),
        )

    def open_spider(self) -> None:
        if self.pool is not None:
            self.pool.start()

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        try:
            if self.pool is not None:
                article = await self.pool.extract(item, self.strict, self.fingerprint)
            else:
                article = await asyncio.to_thread(extract_page, item, self.strict, self.fingerprint)
        except WorkerCrash as exc:  # strict or not: one page's crash never costs the crawl
            self.stats.inc_value("newsbot/extraction/worker_crash")
            logger.error("Extraction worker crashed on %s: %s", item.url, exc)
            raise DropItem(f"extraction worker crashed: {item.url}: {exc}") from None
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
