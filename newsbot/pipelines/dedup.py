"""Run each extracted article through :class:`~newsbot.dedup.DedupStage`.

URL and exact duplicates are dropped (``newsbot/dedup/url_duplicate``,
``newsbot/dedup/exact_duplicate``); near-copies keep the first copy's ``storyId`` and get
``duplicateOf``, or are dropped under ``NEWSBOT_DEDUP_NEAR = "drop"``
(``newsbot/dedup/near_duplicate`` either way). Drops are expected, so they are logged at
INFO. Kept items are written to the store's article table for ``newsbot export``, in the same
transaction that marks their URL seen.

A check runs on the reactor's thread when the store can make it at once: SQLite, with no
other process writing to it (a check is about a millisecond, most of it inside SQLite).
One that would wait (another crawl holds the store's write lock; Redis, where every check
is a network round trip) runs on the pipeline's own thread instead, and so does every
check behind it until that thread is idle again, so decisions keep the order items
arrive in (counted as ``newsbot/dedup/deferred``). Handing every check to the thread cost
more than the check: the wake-ups of a fourth busy thread beside the reactor and two
extraction workers on two cores (eight paired bench crawls: 94.4 -> 98.5 pages/s and
20.9 -> 20.0 ms of CPU a page with the checks inline, the crawl process's share lower
in every pair).

The CPU-heavy part of a check, a body's shingles and MinHash, is made beforehand in the
extraction workers (:mod:`newsbot.dedup.precomputed`).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

from newsbot.dedup.precomputed import take_record
from newsbot.dedup.stage import NEAR_POLICIES, DedupStage, Verdict
from newsbot.dedup.store import DocRecord, Store, open_store
from newsbot.item import Article


def dedup_settings(settings: BaseSettings) -> tuple[str, str, timedelta | None]:
    """``NEWSBOT_STORE``, ``NEWSBOT_DEDUP_NEAR`` and the window, or NotConfigured."""
    uri = settings.get("NEWSBOT_STORE")
    if not uri:
        raise NotConfigured("NEWSBOT_STORE is empty: dedup is off")
    policy = settings.get("NEWSBOT_DEDUP_NEAR", "annotate")
    if policy not in NEAR_POLICIES:
        raise NotConfigured(f"NEWSBOT_DEDUP_NEAR must be one of {NEAR_POLICIES}, not {policy!r}")
    hours = settings.getfloat("NEWSBOT_DEDUP_WINDOW_HOURS", 48.0)
    return str(uri), str(policy), timedelta(hours=hours) if hours > 0 else None


class DedupPipeline:
    def __init__(self, stage: DedupStage, stats: StatsCollector) -> None:
        self.stage = stage
        self.store: Store = stage.store
        self.stats = stats
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbot-dedup")
        self._deferred = 0
        """Checks handed to the thread and not yet decided."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        uri, policy, window = dedup_settings(crawler.settings)
        assert crawler.stats is not None
        return cls(DedupStage(open_store(uri), near_policy=policy, window=window), crawler.stats)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        record = take_record(item, self.stage.hasher)
        # Without a record made ahead, making one (shingles, MinHash) is for the thread too.
        verdict = None if self._deferred or record is None else self.check_now(item, record)
        if verdict is None:
            self.stats.inc_value("newsbot/dedup/deferred")
            self._deferred += 1
            try:
                verdict = await asyncio.get_running_loop().run_in_executor(
                    self._thread, self.check, item, record
                )
            finally:
                self._deferred -= 1
        if verdict.kind != "new":
            self.stats.inc_value(f"newsbot/dedup/{verdict.kind}")
        if not verdict.keep:
            what = verdict.kind.replace("_", " ")
            raise DropItem(f"{what} of {verdict.duplicate_of}: {item.url}", log_level="INFO")
        return item

    def check(self, item: Article, record: DocRecord | None = None) -> Verdict:
        return self._annotate(item, self.stage.check(item.fields_view(), save=True, record=record))

    def check_now(self, item: Article, record: DocRecord | None = None) -> Verdict | None:
        verdict = self.stage.check_now(item.fields_view(), save=True, record=record)
        return None if verdict is None else self._annotate(item, verdict)

    @staticmethod
    def _annotate(item: Article, verdict: Verdict) -> Verdict:
        item.storyId = verdict.story_id
        item.duplicateOf = verdict.duplicate_of
        return verdict

    def close_spider(self) -> None:
        self._thread.shutdown(wait=True)
        self.store.close()
