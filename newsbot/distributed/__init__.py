"""Several workers, one crawl: scrapy-redis's scheduler and our Redis store, shared.

- :mod:`~newsbot.distributed.settings`: the settings built from ``NEWSBOT_REDIS_URL`` and
  the add-on that applies them;
- :mod:`~newsbot.distributed.keys`: every Redis key of a shared crawl;
- :mod:`~newsbot.distributed.scheduler`: scrapy-redis's scheduler with in-flight records;
- :mod:`~newsbot.distributed.cycle`: seeding once per cycle, and when workers stop;
- :mod:`~newsbot.distributed.state`: the cycle's state in Redis, in atomic steps;
- :mod:`~newsbot.distributed.heartbeat`: a worker's heartbeat, from a thread of its own;
- :mod:`~newsbot.distributed.ledger`: which worker delivers which article.
"""

from __future__ import annotations

from newsbot.distributed.keys import CrawlKeys
from newsbot.distributed.settings import SharedCrawlAddon, check_redis_url, redis_settings

__all__ = ["CrawlKeys", "SharedCrawlAddon", "check_redis_url", "redis_settings"]
