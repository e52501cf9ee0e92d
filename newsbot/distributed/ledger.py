"""Which worker delivers which article, so that together the workers' feeds hold each once.

An article is *claimed* by the worker about to keep it (:class:`ClaimPipeline`, just before
the dedup stage records it), and *delivered* once that worker's feed file is complete
(:meth:`Ledger.finish`). A worker killed with SIGKILL never completes its feed, which is a
temporary file until the end, yet the store already holds what it kept, so the seen-URL
check would skip those URLs for good. The worker that finds it dead takes over its claims
and delivers the claimed articles the store holds (:meth:`Ledger.recoverable`), unless
another live worker claims or has delivered them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.distributed.keys import WORKER_ID, CrawlKeys, split_namespace
from newsbot.distributed.settings import connect
from newsbot.item import Article


class ClaimPipeline:
    """``ITEM_PIPELINES`` of a shared crawl: records the worker's claim on each article."""

    def __init__(self, crawler: Crawler, server: Any, namespace: str) -> None:
        self.crawler = crawler
        self.server = server
        self.namespace = namespace
        self.key = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClaimPipeline:
        url = crawler.settings.get("NEWSBOT_REDIS_URL")
        if not url:
            raise NotConfigured
        namespace, _ = split_namespace(str(url))
        return cls(crawler, connect(str(url)), namespace)

    def open_spider(self) -> None:
        assert self.crawler.spider is not None
        self.key = CrawlKeys(self.namespace, self.crawler.spider.name).claims(WORKER_ID)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article) and item.url:
            self.server.sadd(self.key, item.url)
        return item

    def close_spider(self) -> None:
        self.server.close()


class Ledger:
    """This worker's deliveries: what it kept this run, and what it recovers for the dead."""

    def __init__(self, server: Any, keys: CrawlKeys, store_uri: str, items_key: str | None) -> None:
        self.server = server
        self.keys = keys
        self.store_uri = store_uri
        self.items_key = items_key
        self.kept: list[str] = []

    def keep(self, item: Any) -> None:
        """An item went to this worker's feeds (``item_scraped``)."""
        article = item.to_dict() if isinstance(item, Article) else dict(item)
        url = article.get("url")
        if isinstance(url, str):
            self.kept.append(url)
        if self.items_key:
            self.server.rpush(self.items_key, json.dumps(article, ensure_ascii=False))

    def recoverable(self, claims: Iterable[str], sources: Iterable[str]) -> list[dict[str, Any]]:
        """The articles a dead worker claimed that the store kept and nobody delivers."""
        wanted = set(claims) - {_text(u) for u in self.server.smembers(self.keys.delivered)}
        others = [
            self.keys.claims(_text(w))
            for w in self.server.smembers(self.keys.workers)
            if _text(w) != WORKER_ID
        ]
        if others:
            wanted -= {_text(u) for u in self.server.sunion(others)}
        if not wanted:
            return []
        from newsbot.dedup.store import open_store

        store = open_store(self.store_uri)
        try:
            found: dict[str, dict[str, Any]] = {}
            for source in sources:
                for article in store.iter_articles(source=source):
                    url = article.get("url")
                    if url in wanted and url not in found:
                        found[url] = article
        finally:
            store.close()
        return list(reversed(found.values()))  # the store lists newest first

    def finish(self) -> None:
        """The feeds are complete: this worker's kept articles are delivered; it leaves."""
        pipe = self.server.pipeline(transaction=True)
        if self.kept:
            pipe.sadd(self.keys.delivered, *self.kept)
        pipe.delete(self.keys.claims(WORKER_ID), self.keys.heartbeat(WORKER_ID))
        pipe.srem(self.keys.workers, WORKER_ID)
        pipe.execute()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
