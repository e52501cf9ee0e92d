"""The shared store: Redis, for several crawl processes on several machines.

Keys live under one namespace (``newsbot:`` unless the URI says ``?namespace=X``), as
scrapy-redis keeps its own. A check-and-add is optimistic: it WATCHes the page's URL
keys, its fingerprint key and its LSH band keys, reads, decides, and writes in one
MULTI/EXEC, retrying when another writer touched any of those keys in between. So two
processes never both record the same page, body or story start.

Round trips for a new body: WATCH; one pipeline that reads the URL and fingerprint keys
and the band sets and reserves a document id; the candidates' records (only when a band
is shared); the MULTI/EXEC. Reads after the WATCH may use any connection: a write to a
watched key after the WATCH fails the EXEC whichever connection read it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsbot.dedup.store._imports import import_redis
from newsbot.dedup.store._records import article_agencies, article_timestamp, article_url
from newsbot.dedup.store._records import to_timestamp as _to_ts
from newsbot.dedup.store.base import (
    SCHEMA_VERSION,
    Chooser,
    Decision,
    DocRecord,
    Keeper,
    StoreStats,
    same_page,
)
from newsbot.errors import StoreError

CONNECT_TIMEOUT_S = 3.0
MAX_CANDIDATES = 64
T = TypeVar("T")


class RedisStore:
    """The :class:`~newsbot.dedup.store.base.Store` in a Redis database."""

    def __init__(self, uri: str) -> None:
        redis = import_redis()
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError,)
        self._watch_error = redis.WatchError
        self.uri = uri
        parts = urlsplit(uri)
        query = dict(parse_qsl(parts.query))
        self.ns = query.pop("namespace", "newsbot")
        client_uri = urlunsplit(parts._replace(query=urlencode(query)))
        try:
            self._r = redis.Redis.from_url(
                client_uri, socket_connect_timeout=CONNECT_TIMEOUT_S, socket_timeout=30
            )
            self._r.ping()
        except (*self._errors, ValueError) as exc:
            raise StoreError(f"can't reach the Redis store at {uri}: {exc}") from exc
        self._guard(self._check_schema)

    def _guard(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except self._errors as exc:
            raise StoreError(f"Redis store {self.uri}: {exc}") from exc

    def _k(self, *parts: object) -> str:
        return ":".join((self.ns, *map(str, parts)))

    def _check_schema(self) -> None:
        meta = self._k("meta")
        self._r.hsetnx(meta, "schema_version", SCHEMA_VERSION)
        found = self._r.hget(meta, "schema_version")
        version = int(found) if found is not None else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"Redis store {self.uri} has schema version {version}, newer than this "
                f"newsbot's {SCHEMA_VERSION}: upgrade newsbot"
            )

    # -- dedup ----------------------------------------------------------------

    def has_url(self, url: str) -> bool:
        return bool(self._guard(lambda: self._r.exists(self._k("url", url))))

    def check_and_add(
        self, doc: DocRecord, choose: Chooser, keep: Keeper | None = None
    ) -> Decision:
        return self._guard(lambda: self._check_and_add(doc, choose, keep))

    def check_and_add_now(
        self, doc: DocRecord, choose: Chooser, keep: Keeper | None = None
    ) -> Decision | None:
        return None  # every check waits on the network

    def _check_and_add(self, doc: DocRecord, choose: Chooser, keep: Keeper | None) -> Decision:
        urls = list(dict.fromkeys((doc.url, *doc.aliases)))
        url_keys = [self._k("url", u) for u in urls]
        fp_key = self._k("fp", doc.fingerprint) if doc.fingerprint else None
        band_keys = [self._k("band", b) for b in doc.band_keys]
        watched = [*url_keys, *([fp_key] if fp_key else []), *band_keys]
        while True:
            with self._r.pipeline() as pipe:
                try:
                    pipe.watch(*watched)
                    decision = self._decide(pipe, doc, choose, urls, url_keys, fp_key)
                    article = keep(decision) if keep else None
                    if article is not None:  # in the same MULTI as the decision
                        self._queue_article(pipe, article)
                    pipe.execute()
                    return decision
                except self._watch_error:
                    continue

    def _decide(
        self,
        pipe: Any,
        doc: DocRecord,
        choose: Chooser,
        urls: list[str],
        url_keys: list[str],
        fp_key: str | None,
    ) -> Decision:
        reads = self._r.pipeline(transaction=False)
        reads.mget([*url_keys, *([fp_key] if fp_key else [])])
        for key in doc.band_keys:
            reads.smembers(self._k("band", key))
        # Reserved now to save a round trip; an id left unused by a duplicate is harmless.
        reads.incr(self._k("docid"))
        seen, *bands, new_id = reads.execute()
        for doc_id in dict.fromkeys(i for i in seen[: len(url_keys)] if i is not None):
            old = self._load(pipe, [doc_id])
            if old and same_page(doc, doc.fingerprint, old[0][1], old[0][2], choose):
                pipe.multi()
                return Decision("url_duplicate", old[0][1].story_id, old[0][1].url)
        owner = seen[len(url_keys)] if fp_key else None
        if owner is not None:
            old = self._load(pipe, [owner])
            if old:
                pipe.multi()
                self._add_urls(pipe, urls, owner, doc.source)
                return Decision("exact_duplicate", old[0][1].story_id, old[0][1].url)
        chosen = choose(doc, self._candidates(bands)) if doc.band_keys else None
        story = chosen.story_id if chosen else doc.story_id
        story_key = self._k("story", story)
        first = pipe.hget(story_key, "first_url") if chosen else None
        doc_id = str(new_id)
        pipe.multi()
        pipe.hset(
            self._k("doc", doc_id),
            mapping={
                "url": doc.url,
                "source": doc.source,
                "story": story,
                "published": "" if doc.published is None else repr(doc.published),
                "shingles": doc.shingles,
                "fingerprint": doc.fingerprint or "",
                "bands": ",".join(map(str, doc.band_keys)),
            },
        )
        pipe.sadd(self._k("src", doc.source, "docs"), doc_id)
        pipe.sadd(self._k("sources"), doc.source)
        self._add_urls(pipe, urls, doc_id, doc.source)
        if fp_key:
            pipe.set(fp_key, doc_id, nx=True)
        for key in doc.band_keys:
            pipe.sadd(self._k("band", key), doc_id)
        pipe.hsetnx(story_key, "first_url", doc.url)
        pipe.hincrby(story_key, "size", 1)
        pipe.sadd(self._k("stories"), story)
        if chosen is None:
            return Decision("new", story, None)
        return Decision("near_duplicate", story, first.decode() if first else chosen.url)

    def _add_urls(self, pipe: Any, urls: list[str], doc_id: Any, source: str) -> None:
        for url in urls:
            pipe.set(self._k("url", url), doc_id, nx=True)
            pipe.sadd(self._k("src", source, "urls"), url)
        pipe.sadd(self._k("sources"), source)

    def _load(self, client: Any, ids: list[Any]) -> list[tuple[Any, DocRecord, str | None]]:
        fields = ("url", "source", "story", "published", "shingles", "fingerprint")
        batch = self._r.pipeline(transaction=False)
        for doc_id in ids:
            batch.hmget(self._k("doc", _text(doc_id)), fields)
        loaded = []
        for doc_id, row in zip(ids, batch.execute(), strict=True):
            if row[0] is None:
                continue
            url, source, story, published, shingles, fp = row
            record = DocRecord(
                url=url.decode(),
                source=source.decode(),
                story_id=story.decode(),
                published=float(published) if published else None,
                shingles=shingles,
            )
            loaded.append((doc_id, record, fp.decode() or None))
        return loaded

    def _candidates(self, bands: list[set[bytes]]) -> list[DocRecord]:
        """The records of the docs sharing most of ``bands`` (the members of each)."""
        shared: Counter[bytes] = Counter()
        for members in bands:
            shared.update(members)
        top = [doc_id for doc_id, _ in shared.most_common(MAX_CANDIDATES)]
        return [record for _, record, _ in self._load(self._r, top)]

    # -- articles -------------------------------------------------------------

    def put_article(self, article: Mapping[str, Any]) -> None:
        self._guard(lambda: self._put_article(article))

    def _put_article(self, article: Mapping[str, Any]) -> None:
        pipe = self._r.pipeline()
        self._queue_article(pipe, article)
        pipe.execute()

    def _queue_article(self, pipe: Any, article: Mapping[str, Any]) -> None:
        """Queue the writes that keep ``article`` on ``pipe`` (a MULTI pipeline)."""
        url = article_url(article)
        key = self._k("article", url)
        old = self._r.get(key)
        stamp = article_timestamp(article)
        if old is not None:
            previous = json.loads(old)
            for agency in article_agencies(previous):
                pipe.zrem(self._k("agency", agency, "articles"), url)
            pipe.zrem(self._k("src", previous.get("source") or "", "articles"), url)
        pipe.set(key, json.dumps(dict(article), ensure_ascii=False))
        pipe.zadd(self._k("articles"), {url: stamp})
        pipe.zadd(self._k("src", article.get("source") or "", "articles"), {url: stamp})
        for agency in article_agencies(article):
            pipe.zadd(self._k("agency", agency, "articles"), {url: stamp})

    def iter_articles(
        self,
        since: datetime | None = None,
        source: str | None = None,
        agency: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        index = self._k("articles")
        if agency is not None:
            index = self._k("agency", agency, "articles")
        elif source is not None:
            index = self._k("src", source, "articles")
        low = _to_ts(since) if since is not None else "-inf"
        urls = self._guard(lambda: self._r.zrevrangebyscore(index, "+inf", low))
        count = 0
        for start in range(0, len(urls), 500):
            chunk = [self._k("article", u.decode()) for u in urls[start : start + 500]]
            for data in self._guard(lambda c=chunk: self._r.mget(c)):  # type: ignore[misc]
                if data is None:
                    continue
                article: dict[str, Any] = json.loads(data)
                if source is not None and article.get("source") != source:
                    continue
                if limit is not None and count >= limit:
                    return
                count += 1
                yield article

    # -- upkeep ---------------------------------------------------------------

    def stats(self) -> StoreStats:
        return self._guard(self._stats)

    def _stats(self) -> StoreStats:
        stats = StoreStats()
        for raw in sorted(self._r.smembers(self._k("sources"))):
            source = raw.decode()
            per = {
                "urls": self._r.scard(self._k("src", source, "urls")),
                "documents": self._r.scard(self._k("src", source, "docs")),
                "articles": self._r.zcard(self._k("src", source, "articles")),
            }
            stats.per_source[source] = per
            stats.urls += per["urls"]
            stats.documents += per["documents"]
        stats.fingerprints = sum(1 for _ in self._r.scan_iter(self._k("fp", "*"), count=1000))
        stats.clusters = self._r.scard(self._k("stories"))
        stats.articles = self._r.zcard(self._k("articles"))
        stats.size_bytes = int(self._r.info("memory").get("used_memory", 0))
        return stats

    def reset(self, source: str | None = None) -> None:
        self._guard(lambda: self._reset(source))

    def _reset(self, source: str | None) -> None:
        if source is None:
            batch: list[bytes] = []
            for key in self._r.scan_iter(f"{self.ns}:*", count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    self._r.unlink(*batch)
                    batch = []
            if batch:
                self._r.unlink(*batch)
            self._check_schema()
            return
        pipe = self._r.pipeline()
        for doc_id in self._r.smembers(self._k("src", source, "docs")):
            row = self._r.hmget(self._k("doc", doc_id.decode()), ("bands", "fingerprint"))
            for band in filter(None, (row[0] or b"").decode().split(",")):
                pipe.srem(self._k("band", band), doc_id)
            if row[1] and self._r.get(self._k("fp", row[1].decode())) == doc_id:
                pipe.delete(self._k("fp", row[1].decode()))
            pipe.delete(self._k("doc", doc_id.decode()))
        for url in self._r.smembers(self._k("src", source, "urls")):
            pipe.delete(self._k("url", url.decode()))
        for url in self._r.zrange(self._k("src", source, "articles"), 0, -1):
            data = self._r.get(self._k("article", url.decode()))
            for agency in article_agencies(json.loads(data)) if data else []:
                pipe.zrem(self._k("agency", agency, "articles"), url)
            pipe.zrem(self._k("articles"), url)
            pipe.delete(self._k("article", url.decode()))
        for part in ("docs", "urls", "articles"):
            pipe.delete(self._k("src", source, part))
        pipe.srem(self._k("sources"), source)
        pipe.execute()

    def close(self) -> None:
        self._r.close()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
