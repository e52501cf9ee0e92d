"""One crawl cycle shared by several workers: seeded once, ended when its work is done.

**Seeding: a lock.** At start every worker tries ``SET <ns>:crawl:<spider>:seed <id> NX EX
NEWSBOT_REDIS_SEED_TTL``. The one that gets it starts a new cycle (the previous cycle's
dupe filter and delivery record are cleared in the same step), runs discovery (the spider's
``start()``: sitemaps, feeds, sections) into the shared queue, then sets ``seeded``. The
others only consume.

**Termination: in-flight sets and heartbeats.** Every worker refreshes a heartbeat key
(TTL ``NEWSBOT_REDIS_WORKER_TIMEOUT``) and records the requests it popped and has not
finished (:mod:`newsbot.distributed.scheduler`). A worker with nothing to do (Scrapy's
``spider_idle``) reads one atomic snapshot and:

- gives a dead worker's (expired heartbeat) in-flight requests back to the queue and
  delivers the articles it kept but never delivered (:mod:`newsbot.distributed.ledger`);
  if it died while seeding, its seed lock is released and the next idle worker seeds;
- waits (``DontCloseSpider``) while requests are queued, discovery has not finished, or
  another live worker has requests in flight; after ``NEWSBOT_REDIS_IDLE_TIMEOUT`` seconds
  of waiting it gives up (finish reason ``idle_timeout``);
- otherwise the cycle is done: it deletes the seed lock (``seeded`` stays, so a late worker
  of this cycle exits too; the next worker to start takes the lock and begins the next
  cycle) and closes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Collection
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.task import LoopingCall

from newsbot.distributed.heartbeat import Heartbeat
from newsbot.distributed.keys import WORKER_ID, CrawlKeys, split_namespace
from newsbot.distributed.ledger import Ledger
from newsbot.distributed.scheduler import SharedScheduler, requeue_dead_worker
from newsbot.distributed.settings import connect
from newsbot.distributed.state import (
    next_step,
    release_unfinished_seed,
    snapshot,
    take_seed_lock,
)
from newsbot.item import Article

logger = logging.getLogger(__name__)


class SharedCrawl:
    """``SPIDER_MIDDLEWARES`` of a shared crawl: the seed lock, heartbeats, the idle check."""

    def __init__(self, crawler: Crawler, server: Any, namespace: str) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = server
        self.namespace = namespace
        self.seed_ttl = settings.getint("NEWSBOT_REDIS_SEED_TTL", 3600)
        self.worker_timeout = settings.getfloat("NEWSBOT_REDIS_WORKER_TIMEOUT", 30.0)
        self.idle_timeout = settings.getfloat("NEWSBOT_REDIS_IDLE_TIMEOUT", 300.0)
        self.items_key = settings.get("NEWSBOT_REDIS_ITEMS_KEY") or None
        self.store_uri = str(settings.get("NEWSBOT_STORE") or settings["NEWSBOT_REDIS_URL"])
        self.keys = CrawlKeys(namespace, "")
        self.ledger: Ledger | None = None
        self.heartbeat: Heartbeat | None = None
        self.ticks = LoopingCall(self.tick)
        self.waiting_since: float | None = None
        self.finished = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedCrawl:
        url = crawler.settings.get("NEWSBOT_REDIS_URL")
        if not url:
            raise NotConfigured
        namespace, _ = split_namespace(str(url))
        middleware = cls(crawler, connect(str(url)), namespace)
        connect_signal = crawler.signals.connect
        connect_signal(middleware.spider_opened, signal=signals.spider_opened)
        connect_signal(middleware.spider_idle, signal=signals.spider_idle)
        connect_signal(middleware.item_scraped, signal=signals.item_scraped)
        connect_signal(middleware.spider_closed, signal=signals.spider_closed)
        connect_signal(middleware.feeds_closed, signal=signals.feed_exporter_closed)
        return middleware

    # -- seeding ------------------------------------------------------------------------

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        assert self.crawler.spider is not None
        self._open(self.crawler.spider)
        if not self.take_seed_lock():
            holder = self.server.get(self.keys.seed)
            logger.info("Worker %s: %s seeds this cycle; consuming only", WORKER_ID, _text(holder))
            return
        logger.info("Worker %s: seeding this cycle through the shared queue", WORKER_ID)
        try:
            async for item_or_request in start:
                yield item_or_request
        except Exception:
            self.mark_seeded()  # a broken discovery: the cycle goes on with what it found
            raise
        self.mark_seeded()  # not on a shutdown mid-discovery: see feeds_closed()

    def take_seed_lock(self) -> bool:
        taken = take_seed_lock(self.server, self.keys, self.seed_ttl)
        if taken:
            self._inc("newsbot/redis/seeded")
        return taken

    def mark_seeded(self) -> None:
        self.server.set(self.keys.seeded, WORKER_ID, ex=self.seed_ttl)

    async def _reseed(self, spider: Spider) -> None:
        """Discovery again, from an idle worker, after the seeder died before finishing it."""
        assert self.crawler.engine is not None
        try:
            async for request in spider.start():
                if isinstance(request, Request):
                    self.crawler.engine.crawl(request)
        except Exception:
            logger.exception("Worker %s: discovery failed", WORKER_ID)
        self.mark_seeded()

    # -- worker lifecycle ---------------------------------------------------------------

    def _open(self, spider: Spider) -> None:
        if self.ledger is not None:
            return
        self.keys = CrawlKeys(self.namespace, spider.name)
        self.ledger = Ledger(self.server, self.keys, self.store_uri, self.items_key)
        self.heartbeat = Heartbeat(self.server, self.keys, self.worker_timeout)
        self.heartbeat.start()

    def spider_opened(self, spider: Spider) -> None:
        self._open(spider)
        assert self.heartbeat is not None
        self.ticks.start(self.heartbeat.interval, now=False)

    def tick(self) -> None:
        """Forget finished requests; let the engine look at the queue now."""
        if self.finished:
            return
        try:
            scheduler = self._scheduler()
            in_progress = self._in_progress()
            if scheduler is not None and in_progress is not None:
                scheduler.ack(in_progress)
                if scheduler.in_flight:
                    self.waiting_since = None
        except Exception:  # a Redis hiccup must not stop the ticks for good
            logger.warning("Worker %s: tick failed", WORKER_ID, exc_info=True)
        self._kick()

    def spider_idle(self, spider: Spider) -> None:
        scheduler = self._scheduler()
        if scheduler is not None:
            # The engine's own record, not "all done": a response on its way from the
            # downloader to the scraper is in neither, and the engine looks idle meanwhile.
            in_progress = self._in_progress()
            scheduler.ack(() if in_progress is None else in_progress)
        state = snapshot(self.server, self.keys, self._queue_key())
        step = next_step(state)
        if step == "rescue":
            for dead in state.dead:
                self.rescue(dead, spider)
            raise DontCloseSpider
        if step == "seed" and self.take_seed_lock():
            logger.info("Worker %s: the seeder died; seeding this cycle", WORKER_ID)
            deferred_from_coro(self._reseed(spider))
            raise DontCloseSpider
        if step in ("wait", "seed"):
            now = time.monotonic()
            self.waiting_since = self.waiting_since or now
            if now - self.waiting_since > self.idle_timeout:
                logger.warning("Worker %s: idle for %.0f s, leaving", WORKER_ID, self.idle_timeout)
                raise CloseSpider("idle_timeout")
            raise DontCloseSpider
        self.server.delete(self.keys.seed)
        logger.info("Worker %s: the cycle is done", WORKER_ID)

    def rescue(self, dead: str, spider: Spider) -> None:
        """Take over a dead worker: its requests back to the queue, its articles delivered."""
        found = requeue_dead_worker(self.server, self.keys, dead, self._queue_key())
        if found is None:
            return  # another worker did it
        requeued, released, claims = found
        assert self.ledger is not None
        sources = [s.name for s in getattr(spider, "sources", ())] or [spider.name]
        recovered = self.ledger.recoverable(claims, sources)
        for article in recovered:
            self.crawler.signals.send_catch_log(
                signal=signals.item_scraped,
                item=Article.from_dict(article),
                response=None,
                spider=spider,
            )
        self._inc("newsbot/redis/dead_workers")
        self._inc("newsbot/redis/requeued", requeued)
        self._inc("newsbot/redis/recovered", len(recovered))
        logger.warning(
            "Worker %s: worker %s died; re-queued %d requests, delivered %d articles it kept%s",
            WORKER_ID,
            dead,
            requeued,
            len(recovered),
            "; its seed lock is released" if released else "",
        )

    def item_scraped(self, item: Any) -> None:
        if self.ledger is not None:
            self.ledger.keep(item)

    def spider_closed(self) -> None:
        if self.ticks.running:
            self.ticks.stop()
        if not self.crawler.settings.getdict("FEEDS"):
            self.feeds_closed()  # no feed: nothing to wait for

    def feeds_closed(self) -> None:
        if self.finished or self.ledger is None:
            return
        self.finished = True
        if self.heartbeat is not None:
            self.heartbeat.stop()
        if release_unfinished_seed(self.server, self.keys):
            logger.info("Worker %s: stopped during discovery; seed lock released", WORKER_ID)
        self.ledger.finish()
        self.server.close()

    # -- engine access ------------------------------------------------------------------

    def _scheduler(self) -> SharedScheduler | None:
        engine = self.crawler.engine
        scheduler = engine.scheduler if engine is not None else None
        return scheduler if isinstance(scheduler, SharedScheduler) else None

    def _queue_key(self) -> str:
        scheduler = self._scheduler()
        return scheduler.queue.key if scheduler is not None else self.keys.requests

    def _in_progress(self) -> Collection[Request] | None:
        """The requests the engine popped and is not done with (Scrapy keeps no public view)."""
        slot = getattr(self.crawler.engine, "_slot", None)
        in_progress = getattr(slot, "inprogress", None)
        return in_progress if isinstance(in_progress, set) else None

    def _kick(self) -> None:
        """Have the engine pull from the queue (and go idle) now, not at its 5 s heartbeat."""
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, count)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")
