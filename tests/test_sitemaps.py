"""Sitemaps, sitemap indexes and Google News sitemaps; hostile XML stays harmless."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbot.spiders.dates import parse_rfc822_datetime, parse_w3c_datetime
from newsbot.spiders.sitemaps import NotASitemapError, parse_sitemap

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://example.com/world/2026/11/26/summit/</loc>
    <lastmod>2026-11-26T11:00:00Z</lastmod>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-26T09:30:00+01:00</news:publication_date>
      <news:title>EU leaders agree &amp; sign</news:title>
    </news:news>
    <image:image><image:loc>https://example.com/a.jpg</image:loc></image:image>
  </url>
  <url>
    <loc> https://example.com/world/2026/11/25/markets/ </loc>
  </url>
  <url><lastmod>2026-11-26</lastmod></url>
</urlset>
"""


def test_a_google_news_sitemap_keeps_news_title_and_publication_date() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP)
    assert sitemap.kind == "urlset"
    summit, markets = sitemap.entries  # the entry without <loc> is skipped
    assert summit.url == "https://example.com/world/2026/11/26/summit/"
    assert summit.news_title == "EU leaders agree & sign"
    assert summit.news_publication_date_raw == "2026-11-26T09:30:00+01:00"
    assert summit.news_publication_date == datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert summit.lastmod == datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
    assert summit.newest_possible == summit.news_publication_date
    assert markets.url == "https://example.com/world/2026/11/25/markets/"
    assert markets.news_title is None and markets.newest_possible is None


def test_a_sitemap_index_lists_sitemaps_with_lastmod() -> None:
    body = b"""<?xml version="1.0"?>
    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://example.com/news.xml</loc><lastmod>2026-11-26</lastmod></sitemap>
      <sitemap><loc>/archive.xml</loc></sitemap>
    </sitemapindex>"""
    sitemap = parse_sitemap(body, "https://example.com/sitemap.xml")
    assert sitemap.kind == "sitemapindex"
    assert [e.url for e in sitemap.entries] == [
        "https://example.com/news.xml",
        "https://example.com/archive.xml",
    ]
    assert sitemap.entries[0].lastmod == datetime(2026, 11, 26, tzinfo=UTC)
    assert sitemap.entries[1].lastmod is None


def test_a_sitemap_without_the_namespace_still_parses() -> None:
    body = b"<urlset><url><loc>https://example.com/a</loc></url></urlset>"
    assert [e.url for e in parse_sitemap(body).entries] == ["https://example.com/a"]


@pytest.mark.parametrize(
    "body",
    [b"", b"not xml at all", b"<html><body>Hello</body></html>", b'<rss version="2.0"/>'],
)
def test_anything_else_is_not_a_sitemap(body: bytes) -> None:
    with pytest.raises(NotASitemapError):
        parse_sitemap(body)


def test_an_entity_expansion_bomb_is_harmless() -> None:
    entities = "\n".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">'
        for i in range(10)
    )
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [{entities}]>
<urlset><url><loc>https://example.com/&lol9;</loc></url></urlset>""".encode()
    started = time.perf_counter()
    try:
        entries = parse_sitemap(body).entries
    except NotASitemapError:
        entries = ()
    assert time.perf_counter() - started < 2
    assert all(len(e.url) < 1000 for e in entries)


def test_an_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file://{secret}">]>
<urlset><url><loc>https://example.com/&xxe;</loc></url></urlset>""".encode()
    try:
        entries = parse_sitemap(body).entries
    except NotASitemapError:
        entries = ()
    assert not any("TOP-SECRET" in e.url for e in entries)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-26", datetime(2026, 11, 26, tzinfo=UTC)),
        ("2026-11", datetime(2026, 11, 1, tzinfo=UTC)),
        ("2026-11-26T10:00Z", datetime(2026, 11, 26, 10, tzinfo=UTC)),
        (
            "2026-11-26T10:00:00.250+05:30",
            datetime(
                2026, 11, 26, 10, 0, 0, 250000, tzinfo=timezone(timedelta(hours=5, minutes=30))
            ),
        ),
        ("2026-11-26 10:00:00", datetime(2026, 11, 26, 10, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_w3c_dates(raw: str, expected: datetime | None) -> None:
    assert parse_w3c_datetime(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thu, 26 Nov 2026 08:30:00 GMT", datetime(2026, 11, 26, 8, 30, tzinfo=UTC)),
        ("Thu, 26 Nov 2026 08:30:00 +0200", datetime(2026, 11, 26, 6, 30, tzinfo=UTC)),
        ("2026-11-26T08:30:00Z", datetime(2026, 11, 26, 8, 30, tzinfo=UTC)),
        ("not a date", None),
    ],
)
def test_rfc822_dates(raw: str, expected: datetime | None) -> None:
    assert parse_rfc822_datetime(raw) == expected
