"""Replay WARC archives through the pipeline: one ``FetchedPage`` per HTML response record.

A thin wrapper around :class:`newsbot.archives.WarcReader`. ``start()`` yields items, not
requests, so extraction, dedup, ``FEEDS`` and the store run exactly as in a live crawl.
Only records whose host belongs to the given sources' domains (or the given domains) are
kept; with neither, every HTML record is, under its host's name.

An archive written by ``newsbot crawl --archive`` says what each page was to the crawl
(``metadata`` records): discovery pages (sitemaps, feeds, sections) are skipped, and an
article keeps what discovery knew about it, so the replay gives the live crawl's items.
CC-NEWS and other archives have no such records: every page is taken as an article.

Stats: ``newsbot/warc/records``, ``newsbot/warc/pages``, ``newsbot/warc/skipped/<reason>``
(the reader's reasons, plus ``off_domain`` and ``not_article``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newsbot.archives import WarcPage, WarcReader
from newsbot.errors import InputError
from newsbot.extensions.archive import DISCOVERED_FIELD, KIND_FIELD
from newsbot.item import FetchedPage
from newsbot.sources import Source
from newsbot.spiders.urls import host_matches

_DRAIN_TIMEOUT = 5.0


class WarcSpider(Spider):
    name = "warc"

    def __init__(
        self,
        *args: Any,
        archives: Sequence[str | Path] = (),
        sources: Sequence[Source] = (),
        domains: Sequence[str] = (),
        max_in_flight: int = 100,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.archives = [Path(p) for p in archives]
        self.sources = tuple(sources)
        self.domains = tuple(d.lower().strip(".") for d in domains if d)
        self.max_in_flight = max(1, max_in_flight)
        self._in_flight = 0
        self._room = asyncio.Event()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WarcSpider:
        kwargs.setdefault("max_in_flight", crawler.settings.getint("CONCURRENT_ITEMS"))
        spider: WarcSpider = super().from_crawler(crawler, *args, **kwargs)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_done, signal=signal)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for path in self.archives:
            reader = WarcReader(path)
            pages = iter(reader)
            try:
                # Reading and decompressing stay off the reactor thread.
                while (page := await asyncio.to_thread(next, pages, None)) is not None:
                    item = self.fetched_page(page)
                    if item is None:
                        continue
                    # Items from start() are not throttled by Scrapy: keep at most
                    # CONCURRENT_ITEMS pages in the pipeline, never the whole archive.
                    await self._until_in_flight_below(self.max_in_flight)
                    self._in_flight += 1
                    self._inc("newsbot/pages")
                    yield item
            except InputError as exc:
                self._inc("newsbot/warc/unreadable_archive")
                self.logger.error("Skipped archive %s", exc)
            finally:
                for key, count in reader.stats.items():
                    self._inc(f"newsbot/warc/{key}", count)
        # Scrapy checks for idleness once start() ends, then only every 5 s: end with the
        # pipeline empty so the crawl closes at once (bounded, should a signal go missing).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._until_in_flight_below(1), _DRAIN_TIMEOUT)

    def fetched_page(self, page: WarcPage) -> FetchedPage | None:
        """The item for a page, or None when it is off-domain or not an article."""
        kind = page.metadata.get(KIND_FIELD)
        if kind and kind != "article":
            self._inc("newsbot/warc/skipped/not_article")
            return None
        host = (urlsplit(page.url).hostname or "").lower()
        source = self.source_for(host)
        if source is None:
            self._inc("newsbot/warc/skipped/off_domain")
            return None
        return FetchedPage(
            url=page.url,
            source=source.name if isinstance(source, Source) else source,
            body=page.body,
            encoding=page.encoding,
            fetchedAt=page.fetched_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            siteName=source.site_name if isinstance(source, Source) else None,
            discovered=_discovered(page.metadata.get(DISCOVERED_FIELD)),
        )

    def source_for(self, host: str) -> Source | str | None:
        """The source (or domain) a host belongs to; the bare host when nothing filters."""
        for source in self.sources:
            if host_matches(host, source.domains):
                return source
        for domain in self.domains:
            if host_matches(host, [domain]):
                return domain
        if self.sources or self.domains or not host:
            return None
        return host.removeprefix("www.")

    async def _until_in_flight_below(self, limit: int) -> None:
        while self._in_flight >= limit:
            self._room.clear()
            await self._room.wait()

    def _item_done(self, **kwargs: Any) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._room.set()

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, count)


def _discovered(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
