"""Where the crawler may go, tested where it is enforced: before the downloader.

Every article, sitemap, feed or section request of a source passes
``RequestFilterMiddleware`` (downloader middleware 40, before robots.txt and the
download). A request to a forbidden place is dropped there with ``IgnoreRequest`` and
counted under ``newsbot/filtered/<reason>``; links Scrapy can't even make a request of
(``javascript:``) are dropped and counted by the spider. ``tests/test_faults.py`` shows
the same on a real crawl, from the site's request log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from newsbot import settings as project_settings
from newsbot.middlewares.filters import RequestFilterMiddleware
from newsbot.sources import read_source
from newsbot.spiders.news import KIND_KEY, SOURCE_KEY, NewsSpider, spider_class

SITE = "http://127.0.0.1:8123"

FORBIDDEN: dict[str, str] = {
    "file:///etc/passwd": "bad_scheme",
    "data:text/html;base64,PGgxPmhpPC9oMT4=": "bad_scheme",
    "ftp://127.0.0.1:8123/news/2026/a.html": "bad_scheme",
    "gopher://127.0.0.1:8123/news/2026/a.html": "bad_scheme",
    "http://10.0.0.1/news/2026/a.html": "private_address",
    "http://10.255.255.254:8123/news/2026/a.html": "private_address",
    "http://172.16.5.4/news/2026/a.html": "private_address",
    "http://172.31.0.1/news/2026/a.html": "private_address",
    "http://192.168.1.1/news/2026/a.html": "private_address",
    "http://169.254.169.254/latest/meta-data/": "private_address",
    "http://[fe80::1]/news/2026/a.html": "private_address",
    "http://[fd00::1]/news/2026/a.html": "private_address",
    "http://[::ffff:10.0.0.1]/news/2026/a.html": "private_address",
    "http://0.0.0.0:8123/news/2026/a.html": "private_address",
    "https://www.example.com/news/2026/a.html": "offsite",
    "http://127.0.0.2:8123/news/2026/a.html": "offsite",  # another loopback host
    "http://127.0.0.1.evil.example/news/2026/a.html": "offsite",
    "http://2130706433/news/2026/a.html": "offsite",  # 127.0.0.1 as a decimal number
    "http://user@127.0.0.2:8123/news/2026/a.html": "offsite",
    f"{SITE}/news/2026/report.pdf": "non_html",
}

LOOPBACK = [f"{SITE}/news/2026/a.html", "http://localhost:8123/news/2026/a.html"]


def write_source(directory: Path, name: str, *, allow_loopback: bool) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(
        'site_name = "Filter Test"\n'
        'domains = ["127.0.0.1", "localhost"]\n'
        f"allow_loopback = {str(allow_loopback).lower()}\n"
        "[discovery]\n"
        f'sitemaps = ["{SITE}/sitemap.xml"]\n'
    )
    return path


@dataclass
class Filter:
    crawler: Crawler
    spider: NewsSpider
    middleware: RequestFilterMiddleware

    def request(self, url: str, kind: str = "article") -> Request:
        return Request(url, meta={SOURCE_KEY: self.spider.sources[0].name, KIND_KEY: kind})

    def passes(self, request: Request) -> bool:
        try:
            self.middleware.process_request(request)
        except IgnoreRequest:
            return False
        return True

    def stats(self) -> dict[str, int]:
        assert self.crawler.stats is not None
        prefix = "newsbot/filtered/"
        values = self.crawler.stats.get_stats().items()
        return {k.removeprefix(prefix): v for k, v in values if k.startswith(prefix)}


def make_filter(tmp_path: Path, *, allow_loopback: bool) -> Filter:
    name = "local" if allow_loopback else "remote"
    source = read_source(write_source(tmp_path, name, allow_loopback=allow_loopback))
    crawler = get_crawler(spider_class([source]), {"LOG_LEVEL": "WARNING"})
    spider = crawler._create_spider()
    assert isinstance(spider, NewsSpider)
    crawler.spider = spider
    middleware = RequestFilterMiddleware.from_crawler(crawler)
    assert isinstance(middleware, RequestFilterMiddleware)
    return Filter(crawler, spider, middleware)


@pytest.fixture
def local(tmp_path: Path) -> Filter:
    return make_filter(tmp_path, allow_loopback=True)


@pytest.fixture
def remote(tmp_path: Path) -> Filter:
    return make_filter(tmp_path, allow_loopback=False)


def test_the_filter_runs_before_robots_txt_and_the_download() -> None:
    position = project_settings.DOWNLOADER_MIDDLEWARES[
        "newsbot.middlewares.filters.RequestFilterMiddleware"
    ]
    assert position is not None
    assert position < 100  # RobotsTxtMiddleware: not even robots.txt goes to a refused host


@pytest.mark.parametrize(("url", "reason"), FORBIDDEN.items())
def test_a_forbidden_request_is_dropped_with_a_stat(local: Filter, url: str, reason: str) -> None:
    assert not local.passes(local.request(url))
    assert local.stats() == {reason: 1}


@pytest.mark.parametrize("kind", ["sitemap", "feed", "section"])
@pytest.mark.parametrize("url", [u for u, r in FORBIDDEN.items() if r != "non_html"])
def test_discovery_requests_are_filtered_too(local: Filter, url: str, kind: str) -> None:
    assert not local.passes(local.request(url, kind))


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_is_allowed_when_the_source_says_so(local: Filter, url: str) -> None:
    assert local.passes(local.request(url))
    assert local.stats() == {}


@pytest.mark.parametrize("url", [*LOOPBACK, "http://[::1]:8123/news/2026/a.html"])
def test_loopback_is_refused_when_the_source_does_not_say_so(remote: Filter, url: str) -> None:
    assert not remote.passes(remote.request(url))
    assert remote.stats() == {"private_address": 1}


def test_a_redirect_to_a_forbidden_place_is_dropped(local: Filter) -> None:
    """Redirects come back through the downloader middlewares with the original meta."""
    first = local.request(f"{SITE}/news/2026/moved.html")
    assert local.passes(first)
    redirected = first.replace(url="http://169.254.169.254/latest/meta-data/")
    redirected.meta["redirect_urls"] = [first.url]
    assert not local.passes(redirected)
    assert local.stats() == {"private_address": 1}


def sitemap(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{u.replace('&', '&amp;')}</loc></url>" for u in urls)
    return (
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    )


def discovered(f: Filter, urls: list[str]) -> Iterator[Request]:
    request = f.request(f"{SITE}/sitemap.xml", "sitemap")
    response = XmlResponse(request.url, body=sitemap(urls), request=request)
    yield from f.spider.parse_sitemap(response)


def test_only_safe_links_of_a_sitemap_reach_the_downloader(local: Filter) -> None:
    good = f"{SITE}/news/2026/good.html"
    hostile = ["javascript:alert(1)", "mailto:desk@example.com", *FORBIDDEN, good]
    requests = list(discovered(local, hostile))
    assert [r.url for r in requests if local.passes(r)] == [good]
    stats = local.stats()
    expected = Counter(FORBIDDEN.values())
    expected["bad_scheme"] += 2  # javascript: and mailto:, dropped by the spider itself
    assert stats == expected
    assert sum(stats.values()) == len(hostile) - 1
