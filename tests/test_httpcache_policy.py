"""Only discovery documents are cached, and they are revalidated on every run."""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path
from time import time

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.settings import Settings

from newsbot.extensions.httpcache import DiscoveryCachePolicy, StateDirCacheStorage


@pytest.fixture
def policy() -> DiscoveryCachePolicy:
    settings = Settings()
    settings.setmodule("newsbot.settings")
    return DiscoveryCachePolicy(settings)


def request(kind: str | None, url: str = "http://127.0.0.1/x") -> Request:
    return Request(url, meta={"newsbot_kind": kind} if kind else {})


@pytest.mark.parametrize(
    ("kind", "url", "cached"),
    [
        ("sitemap", "http://127.0.0.1/sitemap.xml", True),
        ("feed", "http://127.0.0.1/rss.xml", True),
        ("section", "http://127.0.0.1/world/", True),
        (None, "http://127.0.0.1/robots.txt", True),
        ("article", "http://127.0.0.1/news/a.html", False),
        (None, "http://127.0.0.1/other.html", False),
    ],
)
def test_only_discovery_requests_are_cached(
    policy: DiscoveryCachePolicy, kind: str | None, url: str, cached: bool
) -> None:
    assert policy.should_cache_request(request(kind, url)) is cached


def test_a_last_modified_response_is_revalidated_not_guessed_fresh(
    policy: DiscoveryCachePolicy,
) -> None:
    now = time()
    cached = Response(
        "http://127.0.0.1/sitemap.xml",
        headers={
            "Date": formatdate(now, usegmt=True),
            "Last-Modified": formatdate(now - 30 * 86400, usegmt=True),  # RFC 2616 guess: 3 days
            "ETag": '"v1"',
        },
    )
    again = request("sitemap", "http://127.0.0.1/sitemap.xml")

    assert policy.should_cache_response(cached, again)
    assert not policy.is_cached_response_fresh(cached, again)
    assert again.headers[b"If-None-Match"] == b'"v1"'
    assert again.headers[b"If-Modified-Since"] == cached.headers[b"Last-Modified"]


def test_an_explicit_max_age_is_honoured(policy: DiscoveryCachePolicy) -> None:
    cached = Response(
        "http://127.0.0.1/sitemap.xml",
        headers={"Date": formatdate(time(), usegmt=True), "Cache-Control": "max-age=300"},
    )

    assert policy.is_cached_response_fresh(cached, request("sitemap"))


def test_a_relative_cache_dir_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no scrapy.cfg here, as in a Scrapyd job
    settings = Settings({"HTTPCACHE_DIR": ".newsbot/httpcache"})
    settings.freeze()

    storage = StateDirCacheStorage(settings)

    assert storage.cachedir == str(tmp_path / ".newsbot" / "httpcache")
