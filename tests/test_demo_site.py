"""The demo newsroom's files and server: placeholders filled, dates recent, paths mapped.

The server runs in a subprocess (``python -m newsbot.demo.server``) that prints its base
URL on its first line, so no test waits for it by sleeping.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from newsbot.demo.placeholders import PlaceholderError, fill
from newsbot.demo.server import SITE, DemoServer, DemoSite
from newsbot.demo.sitegen import render_site
from newsbot.demo.sitegen.model import load_pages
from newsbot.demo.sources import OUTLETS, DemoOutlet
from newsbot.sources import read_source

NOW = datetime(2026, 12, 3, 9, 5, tzinfo=UTC)
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsbot.demo.server"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    base = proc.stdout.readline().strip()  # the server prints its URL once it listens
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base), proc.stderr
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # also closes the pipes


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers["Content-Type"], body
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


# --- placeholders -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{BASE}}/a/", "http://127.0.0.1:9/a/"),
        ("{{NOW}}", "2026-12-03T09:05:00+00:00"),
        ("{{NOW-9h|iso|+01:00}}", "2026-12-03T01:05:00+01:00"),
        ("{{NOW-1d6h|date}}", "2026-12-02"),
        ("{{NOW-9h|reuters|+01:00}}", "Dec 3"),
        ("{{NOW-90d|reuters}}", "Sept 4"),
        ("{{NOW-90d|ap}}", "Sept. 4"),
        ("{{NOW|long|-06:00}}", "December 3, 2026"),
        ("{{NOW-10h|%A|-05:00}}", "Wednesday"),
        ("{{NOW|%-d/%m %-I:%M %p|+05:30}}", "3/12 2:35 PM"),
        ("{{NOW|rfc822}}", "Thu, 03 Dec 2026 09:05:00 +0000"),
    ],
)
def test_fill_replaces_base_and_relative_dates(text: str, expected: str) -> None:
    assert fill(text, "http://127.0.0.1:9/", NOW) == expected


@pytest.mark.parametrize("text", ["{{NOW|fortnightly}}", "{{NOW-9x}}", "{{NOW|iso|CET}}"])
def test_fill_rejects_a_bad_placeholder(text: str) -> None:
    with pytest.raises(PlaceholderError):
        fill(text, "http://x", NOW)


# --- the site's files -----------------------------------------------------------------


def test_committed_site_matches_the_generator() -> None:
    """``site/`` is what ``python -m newsbot.demo.sitegen`` writes from stories.toml."""
    expected = render_site()
    root = Path(str(SITE))
    actual = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in root.rglob("*")
        if p.is_file()
    }
    assert sorted(actual) == sorted(expected)
    stale = [name for name, text in expected.items() if actual[name] != text]
    assert stale == [], "run: python -m newsbot.demo.sitegen"


def test_every_file_fills_without_leftover_placeholders() -> None:
    site = DemoSite("http://127.0.0.1:9", NOW)
    for name in render_site():
        response = site.get("/" + name)
        text = response.body.decode("utf-8")
        assert response.status == 200, name
        assert not re.search(r"\{\{\s*(?:BASE|NOW)", text), name
        assert "http://127.0.0.1:9/" in text or name == "robots.txt", name


def test_the_site_has_24_articles_and_two_syndicated_stories() -> None:
    pages = load_pages()
    crawlable = [p for p in pages if p.key not in ("preview-earnings", "old-regatta")]
    assert len(crawlable) >= 24
    copies: dict[str, list[str]] = {}
    for page in pages:
        if page.copy_of:
            copies.setdefault(page.copy_of, []).append(page.outlet)
    assert len(copies) >= 2
    assert all(len(set(outlets)) == len(outlets) for outlets in copies.values())
    assert len({p.outlet for p in pages}) >= 6


# --- the server ---------------------------------------------------------------------


def test_server_fills_the_base_url_into_an_article(server: str) -> None:
    status, ctype, html = get(server + "/dispatch/world/482913")
    assert status == 200
    assert ctype.startswith("text/html")
    assert f'<link rel="canonical" href="{server}/dispatch/world/482913">' in html
    assert "<strong>Reuters, Brussels :</strong>" in html
    assert "{{" not in html


def test_server_ignores_the_query_string_like_a_cms(server: str) -> None:
    path = "/ledger/news/council-approves-riverfront-bike-lanes/"
    plain = get(server + path)
    tracked = get(server + path + "?utm_source=rss&utm_medium=feed")
    assert plain[0] == tracked[0] == 200
    assert plain[2] == tracked[2]


def test_server_answers_404_for_a_missing_page(server: str) -> None:
    assert get(server + "/ledger/news/no-such-story/")[0] == 404
    assert get(server + "/../pyproject.toml")[0] == 404


def test_robots_txt_disallows_a_linked_path(server: str) -> None:
    _, _, robots = get(server + "/robots.txt")
    assert "Disallow: /ledger/preview/" in robots
    _, _, section = get(server + "/ledger/news/")
    assert f'href="{server}/ledger/preview/' in section


def test_news_sitemap_dates_are_recent_but_one(server: str) -> None:
    dates, locs = [], []
    for path in ("/wire/news-sitemap.xml", "/harbour/news-sitemap.xml"):
        _, ctype, xml = get(server + path)
        assert ctype.startswith("application/xml")
        root = ElementTree.fromstring(xml)
        dates += [
            datetime.fromisoformat(el.text or "") for el in root.iter(f"{NEWS_NS}publication_date")
        ]
        locs += [el.text or "" for el in root.iter(f"{SITEMAP_NS}loc")]
    now = datetime.now(UTC)
    recent = [d for d in dates if now - timedelta(days=2) < d <= now + timedelta(minutes=1)]
    assert len(dates) >= 8
    assert len(recent) == len(dates) - 1  # one story is a month old, for max_age_days
    assert all(loc.startswith(server + "/") for loc in locs)


def test_rss_feed_dates_are_recent(server: str) -> None:
    dates, links = [], []
    for path in ("/dispatch/rss.xml", "/ledger/rss.xml"):
        root = ElementTree.fromstring(get(server + path)[2])
        dates += [
            datetime.strptime(el.text or "", "%a, %d %b %Y %H:%M:%S %z")
            for el in root.iter("pubDate")
        ]
        links += [el.text or "" for el in root.iter("link")]
    now = datetime.now(UTC)
    assert len(dates) >= 8
    assert all(now - timedelta(days=2) < d <= now for d in dates)
    assert any("utm_source=rss" in link for link in links)


@pytest.mark.parametrize("outlet", OUTLETS.values(), ids=lambda o: o.name)
def test_each_outlet_is_a_valid_source_whose_discovery_urls_resolve(
    outlet: DemoOutlet, tmp_path: Path
) -> None:
    base = "http://127.0.0.1:9"
    path = tmp_path / f"{outlet.name}.toml"
    path.write_text(outlet.source_toml(base), encoding="utf-8")
    source = read_source(path)  # newsbot's own loader and its checks
    assert source.name == outlet.name and source.site_name == outlet.site_name
    assert source.allow_loopback and source.domains == ("127.0.0.1",)
    assert source.discovery.urls
    site = DemoSite(base, NOW)
    for url in source.discovery.urls:
        assert site.get(url.removeprefix(base)).status == 200, url
    for url in source.discovery.sections:
        links = re.findall(r'href="([^"]+)"', site.get(url.removeprefix(base)).body.decode())
        articles = [link for link in links if source.discovery.is_article_url(link)]
        assert articles and all(site.get(a.removeprefix(base)).status == 200 for a in articles)


def test_demo_server_in_a_thread_records_its_requests() -> None:
    with DemoServer() as demo:
        status, _, robots = get(demo.base_url + "/robots.txt")
        get(demo.base_url + "/missing")
        assert status == 200 and "Disallow:" in robots
        assert demo.requests == [("GET", "/robots.txt", 200), ("GET", "/missing", 404)]
