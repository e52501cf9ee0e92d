"""Discovery parsers take anything a server sends: any bytes in, no exception, no hang.

Sitemaps, feeds and section pages come straight off the network, so the parsers must
return a result or their documented "not a sitemap/feed" error for every input, quickly,
and every URL they return must survive canonicalization and the safety check unharmed.
The hostile documents the fault site serves (entity bombs, external entities) are
checked here too, without a crawl. ``scripts/fuzz_long.py`` runs the same properties longer.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbot.spiders.feeds import NotAFeedError, parse_feed
from newsbot.spiders.sections import article_links
from newsbot.spiders.sitemaps import NotASitemapError, parse_sitemap
from newsbot.spiders.urls import canonicalize_url, refusal
from tests.support.faultsite import billion_laughs, external_entity, malformed_rss
from tests.support.xmlfuzz import discovery_documents, hostile_urls

BASE = "http://127.0.0.1:8000/"
FUZZ = settings(
    max_examples=150,
    deadline=8000,  # ms per example: a hang or blow-up fails the property
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ARTICLES = (re.compile(r"/news/"), re.compile(r"."))


def check_urls(urls: list[str]) -> None:
    """What the spider does with each discovered URL must not raise either."""
    for url in urls:
        assert isinstance(url, str)
        canonicalize_url(url)
        refusal(url, ["127.0.0.1"], allow_loopback=True)


def sitemap_urls(body: bytes) -> list[str]:
    try:
        return [e.url for e in parse_sitemap(body, BASE).entries]
    except NotASitemapError:
        return []


def feed_urls(body: bytes) -> list[str]:
    try:
        return [e.url for e in parse_feed(body, BASE)]
    except NotAFeedError:
        return []


@FUZZ
@given(st.binary(max_size=4096))
def test_sitemap_parser_takes_any_bytes(body: bytes) -> None:
    check_urls(sitemap_urls(body))


@FUZZ
@given(st.binary(max_size=4096))
def test_feed_parser_takes_any_bytes(body: bytes) -> None:
    check_urls(feed_urls(body))


@FUZZ
@given(st.binary(max_size=4096))
def test_section_parser_takes_any_bytes(body: bytes) -> None:
    check_urls(article_links(body, BASE, ARTICLES))


@FUZZ
@given(discovery_documents())
def test_sitemap_parser_takes_any_document(body: bytes) -> None:
    check_urls(sitemap_urls(body))


@FUZZ
@given(discovery_documents())
def test_feed_parser_takes_any_document(body: bytes) -> None:
    check_urls(feed_urls(body))


@FUZZ
@given(discovery_documents(html=True))
def test_section_parser_takes_any_document(body: bytes) -> None:
    check_urls(article_links(body, BASE, ARTICLES))


@FUZZ
@given(hostile_urls())
def test_url_policy_takes_any_url(url: str) -> None:
    check_urls([url])


def test_an_entity_bomb_is_refused_without_expanding_it() -> None:
    start = time.monotonic()
    with pytest.raises(NotASitemapError, match="entities"):
        parse_sitemap(billion_laughs("http://127.0.0.1:8000"))
    assert time.monotonic() - start < 1


def test_an_external_entity_is_refused_without_loading_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-4f1d2c9e")
    with pytest.raises(NotASitemapError, match="entities") as refused:
        parse_sitemap(external_entity("http://127.0.0.1:8000", secret))
    assert "MARKER" not in str(refused.value)


def test_a_feed_declaring_entities_is_refused() -> None:
    body = b'<!DOCTYPE rss [<!ENTITY x "y">]><rss><channel><item><link>&x;</link></item></channel>'
    body += b"</rss>"
    with pytest.raises(NotAFeedError, match="entities"):
        parse_feed(body)


def test_a_feed_with_an_external_dtd_but_no_declarations_is_read() -> None:
    body = (
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        b"<rss><channel><item><link>http://127.0.0.1:8000/a</link></item></channel></rss>"
    )
    assert feed_urls(body) == ["http://127.0.0.1:8000/a"]


def test_a_malformed_feed_gives_what_it_can() -> None:
    urls = feed_urls(malformed_rss("http://127.0.0.1:8000"))
    check_urls(urls)
    assert "http://127.0.0.1:8000/news/2026/11/26/story-03.html" in urls


@pytest.mark.parametrize(
    "loc", ["http://[::1", "http://127.0.0.1:99999/x", "http://127.0.0.1:-1/", "http://[zz]/"]
)
def test_one_bad_url_does_not_lose_the_rest_of_a_sitemap(loc: str) -> None:
    body = (
        "<urlset><url><loc>http://127.0.0.1:8000/a</loc></url>"
        f"<url><loc>{loc}</loc></url>"
        "<url><loc>http://127.0.0.1:8000/b</loc></url></urlset>"
    ).encode()
    urls = sitemap_urls(body)
    assert {"http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b"} <= set(urls)
    check_urls(urls)
