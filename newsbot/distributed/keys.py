"""Where a shared crawl keeps its state in Redis: one place for every key name.

All keys live under the store's namespace (``newsbot`` unless the URL says
``?namespace=X``), beside the dedup store's own keys, in ``<ns>:crawl:<spider>:...``:

====================  ============================================================
``requests``          scrapy-redis's request queue (a sorted set, by priority)
``dupefilter``        scrapy-redis's seen-request fingerprints (a set), per cycle
``seed``              the seed lock: the id of the worker that runs discovery
``seeded``            set once discovery has pushed its requests into the queue
``workers``           the ids of the workers taking part (a set)
``worker:<id>``       a worker's heartbeat; it expires when the worker dies
``inflight:<id>``     requests a worker popped and has not finished (a sorted set)
``claims:<id>``       article URLs a worker is keeping but has not delivered yet
``delivered``         article URLs in a complete feed file, this cycle
====================  ============================================================
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

DEFAULT_NAMESPACE = "newsbot"

#: This process's worker id: host, pid and a random part (a restarted worker on the same
#: host may get a dead one's pid).
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def split_namespace(url: str) -> tuple[str, str]:
    """``redis://h:p/db?namespace=X`` -> (``X``, the URL without it) for the Redis client."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    namespace = query.pop("namespace", DEFAULT_NAMESPACE)
    return namespace, urlunsplit(parts._replace(query=urlencode(query)))


def crawl_prefix(namespace: str, spider: str) -> str:
    return f"{namespace}:crawl:{spider}"


@dataclass(frozen=True)
class CrawlKeys:
    """The keys of one spider's shared crawl (see the module docstring)."""

    namespace: str
    spider: str

    @property
    def prefix(self) -> str:
        return crawl_prefix(self.namespace, self.spider)

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    @property
    def requests(self) -> str:
        return self._k("requests")

    @property
    def dupefilter(self) -> str:
        return self._k("dupefilter")

    @property
    def seed(self) -> str:
        return self._k("seed")

    @property
    def seeded(self) -> str:
        return self._k("seeded")

    @property
    def workers(self) -> str:
        return self._k("workers")

    @property
    def delivered(self) -> str:
        return self._k("delivered")

    def heartbeat(self, worker: str) -> str:
        return self._k("worker", worker)

    def inflight(self, worker: str) -> str:
        return self._k("inflight", worker)

    def claims(self, worker: str) -> str:
        return self._k("claims", worker)
