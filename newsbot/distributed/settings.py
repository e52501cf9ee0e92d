"""The settings of a shared crawl, built from one Redis URL, and the add-on applying them.

``NEWSBOT_REDIS_URL = "redis://host:port/db"`` (``newsbot crawl --redis URL``) turns a crawl
into one worker of a shared crawl: scrapy-redis's scheduler and request dupe filter hold
the queue and the seen requests, our Redis store backend the dedup state (``NEWSBOT_STORE``
is set to the same URL unless given), and :mod:`newsbot.distributed.cycle` coordinates
seeding and termination. scrapy-redis is used only through the settings below, so its
pinned version (``scrapy-redis>=0.9,<0.10``) is this module's business.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings

from newsbot.dedup.store._imports import import_redis
from newsbot.distributed.keys import crawl_prefix, split_namespace
from newsbot.errors import StoreError, UsageError

CONNECT_TIMEOUT_S = 3.0
SOCKET_TIMEOUT_S = 30.0
#: Between the extraction (300) and the dedup stage (400): a URL is claimed before it's kept.
CLAIM_PIPELINE_ORDER = 350
CYCLE_MIDDLEWARE_ORDER = 50


def redis_settings(url: str) -> dict[str, Any]:
    """The scrapy-redis settings of a shared crawl through the Redis at ``url``."""
    namespace, client_url = split_namespace(url)
    keys = crawl_prefix(namespace.replace("%", "%%"), "%(spider)s")
    return {
        "SCHEDULER": "newsbot.distributed.scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{keys}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{keys}:dupefilter",
        # The queue outlives each worker: the cycle (newsbot.distributed.cycle) ends it.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        "REDIS_URL": client_url,
        "REDIS_PARAMS": {
            "socket_connect_timeout": CONNECT_TIMEOUT_S,
            "socket_timeout": SOCKET_TIMEOUT_S,
            "retry_on_timeout": True,
        },
    }


def connect(url: str) -> Any:
    """A Redis client for ``url`` (its ``?namespace=`` removed), pinged: :class:`StoreError`
    within a few seconds when nobody answers."""
    redis = import_redis()
    _, client_url = split_namespace(url)
    try:
        client = redis.Redis.from_url(
            client_url,
            socket_connect_timeout=CONNECT_TIMEOUT_S,
            socket_timeout=SOCKET_TIMEOUT_S,
        )
        client.ping()
    except (redis.RedisError, ValueError) as exc:
        raise StoreError(f"can't reach Redis at {url}: {exc}") from exc
    return client


def check_redis_url(url: str) -> None:
    """Refuse anything but a reachable ``redis://``, ``rediss://`` or ``unix://`` URL."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise UsageError(f"--redis takes a redis://host:port/db URL, not {url!r}")
    connect(url).close()


class SharedCrawlAddon:
    """``ADDONS``: applies :func:`redis_settings` when ``NEWSBOT_REDIS_URL`` is set."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("NEWSBOT_REDIS_URL")
        if not url:
            return
        if settings.get("JOBDIR"):
            raise UsageError(
                "a shared crawl (NEWSBOT_REDIS_URL) keeps its queue in Redis: no JOBDIR"
            )
        # Above the project's settings, below the command line's.
        for name, value in redis_settings(str(url)).items():
            settings.set(name, value, priority="spider")
        settings.set("NEWSBOT_STORE", str(url), priority="spider")
        try:
            import scrapy_redis  # noqa: F401
        except ImportError as exc:
            raise UsageError(
                "a shared crawl needs scrapy-redis: pip install 'newsbot[redis]'"
            ) from exc
        from newsbot.distributed.cycle import SharedCrawl
        from newsbot.distributed.ledger import ClaimPipeline

        settings.set_in_component_priority_dict(
            "SPIDER_MIDDLEWARES", SharedCrawl, CYCLE_MIDDLEWARE_ORDER
        )
        settings.set_in_component_priority_dict(
            "ITEM_PIPELINES", ClaimPipeline, CLAIM_PIPELINE_ORDER
        )
