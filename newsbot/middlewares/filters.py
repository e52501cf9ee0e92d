"""Refuse unsafe, off-site and non-HTML requests before the download, non-HTML responses after.

Both are downloader middlewares, so they also see the requests Scrapy makes on its own:
redirects, retries and anything a later middleware schedules. Requests that carry no
``newsbot_source`` meta (robots.txt, other spiders) pass untouched. Drops are expected:
each is counted under ``newsbot/filtered/<reason>`` and the first per host is logged at INFO.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Headers, HtmlResponse, Response
from scrapy.statscollectors import StatsCollector

from newsbot.sources import Source
from newsbot.spiders.news import KIND_KEY, SOURCE_KEY
from newsbot.spiders.urls import is_private_address, refusal

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


class _SourceAware:
    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats
        self._logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _SourceAware:
        assert crawler.stats is not None
        return cls(crawler, crawler.stats)

    def source_for(self, request: Request) -> Source | None:
        name = request.meta.get(SOURCE_KEY)
        sources = getattr(self.crawler.spider, "sources_by_name", None)
        if name is None or not sources:
            return None
        source: Source | None = sources.get(name)
        return source

    def drop(self, reason: str, request: Request, host: str) -> IgnoreRequest:
        self.stats.inc_value(f"newsbot/filtered/{reason}")
        level = logging.DEBUG if (reason, host) in self._logged else logging.INFO
        self._logged.add((reason, host))
        logger.log(level, "Filtered (%s): %s", reason, request.url)
        return IgnoreRequest(f"newsbot: {reason}: {request.url}")


class RequestFilterMiddleware(_SourceAware):
    """Drop requests with a bad scheme, to a private address, off the source's domains, or
    (for article requests) with a document or media extension."""

    def process_request(self, request: Request) -> None:
        source = self.source_for(request)
        if source is None:
            return
        why = refusal(
            request.url,
            source.domains,
            allow_loopback=source.allow_loopback,
            article=request.meta.get(KIND_KEY) == "article",
        )
        if why is not None:
            raise self.drop(why.value, request, _host(request.url))


class HtmlResponseMiddleware(_SourceAware):
    """Drop article responses that are not HTML by Content-Type, and responses served from a
    private address (a public name resolving to one) unless the source allows loopback.

    A non-HTML article body is not even downloaded: the download stops once the headers
    are in, and the (empty) response is then dropped here like any other.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HtmlResponseMiddleware:
        assert crawler.stats is not None
        middleware = cls(crawler, crawler.stats)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        return middleware

    def headers_received(self, headers: Headers, request: Request, **kwargs: Any) -> None:
        article = request.meta.get(KIND_KEY) == "article" and self.source_for(request)
        if article and _is_html(headers.get(b"Content-Type")) is False:
            raise StopDownload(fail=False)

    def process_response(self, request: Request, response: Response) -> Response:
        source = self.source_for(request)
        if source is None:
            return response
        host = _host(response.url)
        ip = response.ip_address
        if ip is not None and is_private_address(str(ip), allow_loopback=source.allow_loopback):
            raise self.drop("private_address", request, host)
        if request.meta.get(KIND_KEY) != "article" or not 200 <= response.status < 300:
            return response
        html = _is_html(response.headers.get(b"Content-Type"))
        if html or (html is None and isinstance(response, HtmlResponse)):
            return response
        raise self.drop("non_html_response", request, host)


def _is_html(content_type: bytes | None) -> bool | None:
    """Whether a Content-Type is HTML; ``None`` when there is none."""
    if content_type is None:
        return None
    return content_type.split(b";", 1)[0].strip().lower().decode("latin-1") in HTML_TYPES


def _host(url: str) -> str:
    return url.split("/", 3)[2] if url.count("/") >= 2 else url
