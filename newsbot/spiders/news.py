"""The discovery spider: a thin Scrapy wrapper around the pure parsers in this package.

One spider class per crawl, covering one or more sources. Every request carries its
source's name in ``meta["newsbot_source"]`` and what it is in ``meta["newsbot_kind"]``
(``sitemap``, ``feed``, ``section`` or ``article``); the request filter middleware relies on
both. All requests of a source share one download slot, which takes the source's politeness
overrides through ``DOWNLOAD_SLOTS``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip, gzip_magic_number

from newsbot.item import FetchedPage
from newsbot.sources import Source
from newsbot.spiders.dates import iso, parse_w3c_datetime
from newsbot.spiders.feeds import FeedEntry, NotAFeedError, parse_feed
from newsbot.spiders.sections import article_links
from newsbot.spiders.sitemaps import NotASitemapError, Sitemap, parse_sitemap
from newsbot.spiders.urls import canonicalize_url, refusal

SOURCE_KEY = "newsbot_source"
KIND_KEY = "newsbot_kind"
DISCOVERED_KEY = "newsbot_discovered"


class NewsSpider(Spider):
    """Discovers article URLs from sitemaps, feeds and section pages; yields ``FetchedPage``."""

    name = "newsbot"
    sources: ClassVar[tuple[Source, ...]] = ()

    def __init__(
        self,
        *args: Any,
        now: datetime | str | None = None,
        max_age_days: float | str | None = None,
        **kwargs: Any,
    ) -> None:
        """``now`` and ``max_age_days`` may come as strings (``scrapy crawl -a now=...``)."""
        super().__init__(*args, **kwargs)
        if isinstance(now, str):
            parsed = parse_w3c_datetime(now)
            if parsed is None:
                raise ValueError(f"now: not an ISO 8601 date and time: {now!r}")
            now = parsed
        self.now: datetime | None = now
        """The crawl's clock for age filtering; ``None``: the real time."""
        self.max_age_override = float(max_age_days) if max_age_days not in (None, "") else None
        """Overrides every source's ``max_age_days``."""
        self.sources_by_name: dict[str, Source] = {s.name: s for s in self.sources}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        kwargs.setdefault("now", crawler.settings.get("NEWSBOT_NOW") or None)
        kwargs.setdefault("max_age_days", crawler.settings.get("NEWSBOT_MAX_AGE_DAYS"))
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        return spider

    # -- requests ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources:
            for url in source.discovery.sitemaps:
                yield self._request(source, url, "sitemap", self.parse_sitemap)
            for url in source.discovery.feeds:
                yield self._request(source, url, "feed", self.parse_feed)
            for url in source.discovery.sections:
                yield self._request(source, url, "section", self.parse_section)

    def _request(self, source: Source, url: str, kind: str, callback: Any, **meta: Any) -> Request:
        meta = {
            SOURCE_KEY: source.name,
            KIND_KEY: kind,
            "download_slot": source.download_slot,
            **source.request_meta(),
            **meta,
        }
        return Request(url, callback=callback, meta=meta)

    def _article(self, source: Source, url: str, discovered: dict[str, Any]) -> Iterator[Request]:
        """The article request for ``url``; none, counted, when Scrapy can't even build one
        (``javascript:``, ``mailto:``, a bad port), so one bad link never loses the rest."""
        found = {k: v for k, v in discovered.items() if v is not None}
        meta = {DISCOVERED_KEY: found}
        try:
            request = self._request(
                source, canonicalize_url(url), "article", self.parse_article, **meta
            )
        except ValueError:
            why = refusal(url, source.domains, allow_loopback=source.allow_loopback)
            self._inc(f"newsbot/filtered/{why.value if why else 'bad_url'}")
            return
        yield request

    # -- discovery --------------------------------------------------------------------

    def source_of(self, response: Response) -> Source:
        return self.sources_by_name[response.meta[SOURCE_KEY]]

    def cutoff(self, source: Source) -> datetime | None:
        """Articles discovered with an older date are not fetched."""
        days = self.max_age_override or source.max_age_days
        if not days:
            return None
        return (self.now or datetime.now(UTC)) - timedelta(days=days)

    def _too_old(self, date: datetime | None, cutoff: datetime | None, what: str) -> bool:
        if date is None or cutoff is None or date >= cutoff:
            return False
        self._inc(f"newsbot/filtered/{what}")
        return True

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """A sitemap or sitemap index; a feed listed as a sitemap is read as a feed."""
        self._inc("newsbot/discovery/sitemaps")
        yield from self._parse_discovery(response, sitemap_first=True)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """An RSS or Atom feed; a sitemap listed as a feed is read as a sitemap."""
        self._inc("newsbot/discovery/feeds")
        yield from self._parse_discovery(response, sitemap_first=False)

    def _parse_discovery(self, response: Response, *, sitemap_first: bool) -> Iterator[Request]:
        source = self.source_of(response)
        try:
            body = self._xml_body(response)
        except (OSError, EOFError, ValueError) as exc:  # corrupt gzip, or past DOWNLOAD_MAXSIZE
            self._bad_document(response, exc)
            return
        try:
            sitemap = parse_sitemap(body, response.url)
        except NotASitemapError as exc:
            try:
                entries = parse_feed(body, response.url)
            except NotAFeedError as feed_exc:
                self._bad_document(response, exc if sitemap_first else feed_exc)
                return
            yield from self._feed_requests(source, entries)
            return
        yield from self._sitemap_requests(source, sitemap)

    def _sitemap_requests(self, source: Source, sitemap: Sitemap) -> Iterator[Request]:
        cutoff = self.cutoff(source)
        if sitemap.kind == "sitemapindex":
            for entry in sitemap.entries:
                if self._too_old(entry.lastmod, cutoff, "too_old_sitemap"):
                    continue
                try:
                    yield self._request(source, entry.url, "sitemap", self.parse_sitemap)
                except ValueError:  # a URL Scrapy can't request: skip it, keep the rest
                    self._inc("newsbot/filtered/bad_url")
            return
        for entry in sitemap.entries:
            self._inc("newsbot/discovery/sitemap_urls")
            if self._too_old(entry.newest_possible, cutoff, "too_old"):
                continue
            discovered = {
                "title": entry.news_title,
                "datePublished": iso(entry.news_publication_date),
                "datePublishedRaw": entry.news_publication_date_raw,
                "via": "sitemap",
            }
            yield from self._article(source, entry.url, discovered)

    def _feed_requests(self, source: Source, entries: list[FeedEntry]) -> Iterator[Request]:
        cutoff = self.cutoff(source)
        for entry in entries:
            self._inc("newsbot/discovery/feed_urls")
            if self._too_old(entry.published, cutoff, "too_old"):
                continue
            discovered = {
                "title": entry.title,
                "datePublished": iso(entry.published),
                "datePublishedRaw": entry.published_raw,
                "via": "feed",
            }
            yield from self._article(source, entry.url, discovered)

    def parse_section(self, response: Response) -> Iterable[Request]:
        source = self.source_of(response)
        self._inc("newsbot/discovery/sections")
        if not isinstance(response, TextResponse):
            self._bad_document(response, ValueError("a section page must be HTML"))
            return
        for url in article_links(response.body, response.url, source.discovery.article_urls):
            self._inc("newsbot/discovery/section_urls")
            yield from self._article(source, url, {"via": "section"})

    # -- articles ---------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        source = self.source_of(response)
        self._inc("newsbot/pages")
        yield FetchedPage(
            url=response.url,
            source=source.name,
            body=response.body,
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            fetchedAt=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            siteName=source.site_name,
            discovered=dict(response.meta.get(DISCOVERED_KEY) or {}),
        )

    # -- helpers ----------------------------------------------------------------------

    def _xml_body(self, response: Response) -> bytes:
        body = response.body
        if gzip_magic_number(response):
            max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            body = gunzip(body, max_size=max_size)
        return body

    def _bad_document(self, response: Response, exc: Exception) -> None:
        self._inc("newsbot/discovery/bad_document")
        self.logger.warning("Skipped %s: %s", response.url, exc)

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def spider_class(sources: Sequence[Source], name: str | None = None) -> type[NewsSpider]:
    """A :class:`NewsSpider` subclass crawling ``sources``, named after them by default."""
    slots = {s.download_slot: s.slot_settings() for s in sources if s.slot_settings()}
    attrs: dict[str, Any] = {
        "name": name or "+".join(s.name for s in sources),
        "sources": tuple(sources),
        "custom_settings": {"DOWNLOAD_SLOTS": slots} if slots else {},
        "__module__": __name__,
    }
    return type(
        "NewsSpider_" + attrs["name"].replace("+", "_").replace("-", "_"), (NewsSpider,), attrs
    )
