"""scrapy-redis's scheduler, with each worker's in-flight requests recorded in Redis.

scrapy-redis pops a request off the shared queue and forgets it: if the worker dies before
finishing it, the request is lost (its fingerprint stays in the dupe filter, so nobody
schedules it again). :class:`SharedScheduler` pops it *into* the worker's in-flight set in
the same atomic step (a Lua script), and removes it there once the engine is done with it
(downloaded, its callback's requests queued and its items through the pipelines). When a
worker's heartbeat expires, another worker moves that set back into the queue
(:func:`requeue_dead_worker`), keeping each request's priority.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler

from newsbot.distributed.keys import WORKER_ID, CrawlKeys, split_namespace

# KEYS: queue, in-flight set. The queue's first member (lowest score: highest priority).
_POP = """
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 0 then return false end
redis.call('ZREM', KEYS[1], first[1])
redis.call('ZADD', KEYS[2], first[2], first[1])
return first[1]
"""

# KEYS: queue, dead's in-flight, dead's claims, workers, seed lock, seeded flag, my claims.
# ARGV: the dead worker's id. Returns false if another worker got there first, else
# {requests re-queued, seed lock released (0/1), the claims now mine}.
_RESCUE = """
if redis.call('SREM', KEYS[4], ARGV[1]) == 0 then return false end
local requeued = redis.call('ZCARD', KEYS[2])
if requeued > 0 then
  redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], KEYS[2], 'AGGREGATE', 'MIN')
end
redis.call('DEL', KEYS[2])
local claims = redis.call('SMEMBERS', KEYS[3])
if #claims > 0 then
  redis.call('SUNIONSTORE', KEYS[7], KEYS[7], KEYS[3])
end
redis.call('DEL', KEYS[3])
local released = 0
if redis.call('GET', KEYS[5]) == ARGV[1] and redis.call('EXISTS', KEYS[6]) == 0 then
  redis.call('DEL', KEYS[5])
  released = 1
end
return {requeued, released, claims}
"""


def requeue_dead_worker(
    server: Any, keys: CrawlKeys, dead: str, queue_key: str, me: str = WORKER_ID
) -> tuple[int, bool, list[str]] | None:
    """Give a dead worker's in-flight requests back to the queue and its claims to ``me``.

    Returns (requests re-queued, whether its seed lock was released, its claimed URLs), or
    ``None`` when another worker already did it. One atomic step: no request is re-queued
    twice, no claim lost.
    """
    script_keys = [
        queue_key,
        keys.inflight(dead),
        keys.claims(dead),
        keys.workers,
        keys.seed,
        keys.seeded,
        keys.claims(me),
    ]
    found = server.eval(_RESCUE, len(script_keys), *script_keys, dead)
    if not found:
        return None
    requeued, released, claims = found
    return int(requeued), bool(released), [_text(c) for c in claims]


class SharedScheduler(Scheduler):
    """``SCHEDULER`` of a shared crawl (set by :mod:`newsbot.distributed.settings`)."""

    df: Any
    queue: Any

    def __init__(self, server: Any, **kwargs: Any) -> None:
        super().__init__(server, **kwargs)
        self.worker = WORKER_ID
        self.inflight_key = ""
        self._popped: dict[Request, bytes] = {}
        self._pop = server.register_script(_POP)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        scheduler: SharedScheduler = super().from_crawler(crawler)
        scheduler.namespace, _ = split_namespace(crawler.settings["NEWSBOT_REDIS_URL"])
        return scheduler

    def open(self, spider: Spider) -> None:
        """As scrapy-redis's, minus its deprecated ``spider.log()`` call."""
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server,
            spider=spider,
            key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer,
        )
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if self.flush_on_start:
            self.flush()
        self.keys = CrawlKeys(self.namespace, spider.name)
        self.inflight_key = self.keys.inflight(self.worker)

    def enqueue_request(self, request: Request) -> bool:
        """As scrapy-redis's, without the ``spider`` argument Scrapy 2.13 deprecates."""
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        data = self._pop(keys=[self.queue.key, self.inflight_key])
        if data is None:
            return None
        request: Request = self.queue._decode_request(data)
        self._popped[request] = data
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def ack(self, in_progress: Collection[Request]) -> int:
        """Forget the popped requests the engine no longer has ``in_progress``."""
        done = [request for request in self._popped if request not in in_progress]
        if done:
            self.server.zrem(self.inflight_key, *(self._popped.pop(r) for r in done))
        return len(done)

    def close(self, reason: str) -> None:
        """Requests still popped (a shutdown mid-crawl) go back to the queue for the others."""
        if self.inflight_key:
            pipe = self.server.pipeline(transaction=True)
            if self._popped:
                keys = [self.queue.key, self.inflight_key]
                pipe.zunionstore(self.queue.key, keys, aggregate="MIN")
            pipe.delete(self.inflight_key)
            pipe.execute()
            self._popped.clear()
        super().close(reason)

    @property
    def in_flight(self) -> int:
        return len(self._popped)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
