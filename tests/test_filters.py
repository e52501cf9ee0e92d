"""The request and response filters, on requests and responses made by hand."""

from __future__ import annotations

import ipaddress
from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Headers, HtmlResponse, Response

from newsbot.middlewares.filters import HtmlResponseMiddleware, RequestFilterMiddleware
from newsbot.sources import Discovery, Source

SOURCE = Source(
    name="example",
    site_name="Example",
    domains=("example.com",),
    discovery=Discovery(feeds=("https://example.com/rss",)),
)


class Stats:
    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count


def middleware(cls: type[Any]) -> Any:
    crawler = SimpleNamespace(spider=SimpleNamespace(sources_by_name={"example": SOURCE}))
    return cls(crawler, Stats())


def request(url: str, kind: str = "article", source: str | None = "example") -> Request:
    meta = {"newsbot_kind": kind}
    if source:
        meta["newsbot_source"] = source
    return Request(url, meta=meta)


@pytest.mark.parametrize(
    ("url", "kind", "stat"),
    [
        ("https://evil.net/2026/story/", "article", "offsite"),
        ("https://example.com/report.pdf", "article", "non_html"),
        ("http://169.254.169.254/latest/", "article", "private_address"),
        ("http://10.0.0.8/sitemap.xml", "sitemap", "private_address"),
    ],
)
def test_requests_refused(url: str, kind: str, stat: str) -> None:
    mw = middleware(RequestFilterMiddleware)
    with pytest.raises(IgnoreRequest):
        mw.process_request(request(url, kind))
    assert mw.stats.values == {f"newsbot/filtered/{stat}": 1}


def test_requests_allowed() -> None:
    mw = middleware(RequestFilterMiddleware)
    assert mw.process_request(request("https://www.example.com/2026/story/")) is None
    assert mw.process_request(request("https://example.com/sitemap.xml", "sitemap")) is None
    # Not newsbot's: robots.txt, other spiders.
    assert mw.process_request(request("https://evil.net/robots.txt", source=None)) is None
    assert not mw.stats.values


def response(content_type: bytes | None, ip: str | None = None, cls: type = Response) -> Response:
    headers = {b"Content-Type": content_type} if content_type else {}
    address = ipaddress.ip_address(ip) if ip else None
    url = "https://example.com/2026/story/"
    return cls(url, headers=headers, body=b"<html></html>", ip_address=address)


@pytest.mark.parametrize(
    ("content_type", "cls", "kept"),
    [
        (b"text/html; charset=utf-8", HtmlResponse, True),
        (b"application/xhtml+xml", HtmlResponse, True),
        (None, HtmlResponse, True),
        (None, Response, False),
        (b"application/pdf", Response, False),
        (b"image/jpeg", Response, False),
    ],
)
def test_article_responses_must_be_html(content_type: bytes | None, cls: type, kept: bool) -> None:
    mw = middleware(HtmlResponseMiddleware)
    req = request("https://example.com/2026/story/")
    if kept:
        assert mw.process_response(req, response(content_type, cls=cls)).url == req.url
    else:
        with pytest.raises(IgnoreRequest):
            mw.process_response(req, response(content_type, cls=cls))
        assert mw.stats.values == {"newsbot/filtered/non_html_response": 1}


def test_discovery_responses_may_be_anything() -> None:
    mw = middleware(HtmlResponseMiddleware)
    req = request("https://example.com/sitemap.xml.gz", "sitemap")
    assert mw.process_response(req, response(b"application/gzip")).status == 200


def test_a_response_from_a_private_address_is_dropped() -> None:
    mw = middleware(HtmlResponseMiddleware)
    req = request("https://example.com/2026/story/")
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, response(b"text/html", ip="10.1.2.3", cls=HtmlResponse))
    assert mw.stats.values == {"newsbot/filtered/private_address": 1}


def test_a_non_html_article_download_stops_at_the_headers() -> None:
    mw = middleware(HtmlResponseMiddleware)
    article = request("https://example.com/2026/story/")
    with pytest.raises(StopDownload):
        mw.headers_received(Headers({b"Content-Type": b"video/mp4"}), article)
    mw.headers_received(Headers({b"Content-Type": b"text/html"}), article)
    mw.headers_received(Headers({}), article)
    mw.headers_received(
        Headers({b"Content-Type": b"application/xml"}),
        request("https://example.com/s.xml", "sitemap"),
    )
