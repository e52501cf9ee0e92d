"""URL canonicalization and the URL safety policy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsbot.spiders.urls import (
    Refusal,
    canonicalize_url,
    has_non_html_extension,
    host_matches,
    is_private_address,
    refusal,
)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://example.com/a/b/#comments", "https://example.com/a/b/"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed", "https://example.com/a"),
        ("https://example.com/a?id=7&utm_campaign=x&fbclid=abc", "https://example.com/a?id=7"),
        ("https://example.com/a?gclid=1&b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("HTTPS://WWW.Example.COM:443/Path", "https://www.example.com/Path"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com/a?q=", "https://example.com/a?q="),
        ("https://example.com/s?q=caf%C3%A9", "https://example.com/s?q=caf%C3%A9"),
    ],
)
def test_canonicalize_url(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


def test_urls_differing_only_by_tracking_parameters_are_equal() -> None:
    a = canonicalize_url("https://example.com/2026/11/26/story/?utm_source=rss")
    b = canonicalize_url("https://example.com/2026/11/26/story/?utm_source=twitter#top")
    assert a == b == "https://example.com/2026/11/26/story/"


paths = st.text(alphabet="abcdefghij-/0123456789", max_size=20).map(lambda s: "/" + s)
params = st.lists(
    st.tuples(st.sampled_from(["id", "page", "q", "a"]), st.text("xyz019", max_size=4)), max_size=4
)


@given(paths, params, st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid"]))
def test_canonicalization_is_idempotent_and_ignores_tracking(
    path: str, query: list[tuple[str, str]], tracker: str
) -> None:
    plain = (
        "https://example.com"
        + path
        + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")
    )
    tracked = plain + ("&" if query else "?") + f"{tracker}=x#frag"
    once = canonicalize_url(plain)
    assert canonicalize_url(once) == once
    assert canonicalize_url(tracked) == once


def test_host_matches_domains_and_subdomains() -> None:
    assert host_matches("example.com", ["example.com"])
    assert host_matches("www.example.com", ["example.com"])
    assert host_matches("WWW.EXAMPLE.COM.", ["example.com"])
    assert not host_matches("notexample.com", ["example.com"])
    assert not host_matches("example.com.evil.net", ["example.com"])


@pytest.mark.parametrize(
    ("host", "allow_loopback", "private"),
    [
        ("127.0.0.1", False, True),
        ("127.0.0.1", True, False),
        ("127.0.0.2", True, False),
        ("localhost", False, True),
        ("localhost", True, False),
        ("::1", False, True),
        ("[::1]", True, False),
        ("10.1.2.3", True, True),
        ("192.168.0.1", True, True),
        ("172.16.5.4", False, True),
        ("169.254.169.254", True, True),  # cloud metadata: never
        ("fe80::1", True, True),
        ("::ffff:10.0.0.1", True, True),
        ("0.0.0.0", True, True),
        ("8.8.8.8", False, False),
        ("example.com", False, False),
    ],
)
def test_private_addresses(host: str, allow_loopback: bool, private: bool) -> None:
    assert is_private_address(host, allow_loopback=allow_loopback) is private


@pytest.mark.parametrize(
    ("url", "non_html"),
    [
        ("https://example.com/report.pdf", True),
        ("https://example.com/photo.JPG", True),
        ("https://example.com/a/b.png?w=200", True),
        ("https://example.com/podcast.mp3", True),
        ("https://example.com/files/data.xlsx", True),
        ("https://example.com/archive.zip", True),
        ("https://example.com/story.html", False),
        ("https://example.com/story.php?id=3", False),
        ("https://example.com/2026/11/26/story/", False),
        ("https://example.com/news/1234567", False),
        ("https://example.com/v1.2/story", False),
    ],
)
def test_non_html_extensions(url: str, non_html: bool) -> None:
    assert has_non_html_extension(url) is non_html


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.example.com/2026/story/", None),
        ("ftp://example.com/story", Refusal.SCHEME),
        ("file:///etc/passwd", Refusal.SCHEME),
        ("javascript:alert(1)", Refusal.SCHEME),
        ("https://other.net/story", Refusal.OFFSITE),
        ("http://10.0.0.5/story", Refusal.PRIVATE_ADDRESS),
        ("http://169.254.169.254/latest/meta-data/", Refusal.PRIVATE_ADDRESS),
        ("http://127.0.0.1/story", Refusal.PRIVATE_ADDRESS),
        ("https://example.com/report.pdf", Refusal.NON_HTML),
    ],
)
def test_refusal(url: str, reason: Refusal | None) -> None:
    assert refusal(url, ["example.com"]) is reason


def test_loopback_only_when_the_source_allows_it() -> None:
    assert refusal("http://127.0.0.1:8080/a/", ["127.0.0.1"], allow_loopback=True) is None
    assert refusal("http://127.0.0.1:8080/a/", ["127.0.0.1"]) is Refusal.PRIVATE_ADDRESS
    assert (
        refusal("http://127.0.0.2:8080/a/", ["127.0.0.1"], allow_loopback=True) is Refusal.OFFSITE
    )


def test_discovery_documents_skip_the_extension_check() -> None:
    assert refusal("https://example.com/sitemap.xml", ["example.com"], article=False) is None
    assert refusal("https://example.com/sitemap.xml", ["example.com"]) is Refusal.NON_HTML
