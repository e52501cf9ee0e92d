"""WARC out and in through real crawls: archive a crawl of the local wire site, replay it.

The live crawl runs with ``--archive``; the replay reads that archive with ``--warc`` in
another working directory (its own state) and must give the same items. Archives built
with warcio check the record filter and the ``--domains`` form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from newsbot.archives import WarcPage
from newsbot.extensions.archive import exchange_of
from newsbot.sources import Discovery, Source
from newsbot.spiders.news import DISCOVERED_KEY, KIND_KEY, SOURCE_KEY
from newsbot.spiders.warc import WarcSpider
from tests.support.crawls import CrawlRun, newsbot, settings_args
from tests.support.mockserver import MockServer
from tests.support.warc_archives import ArchiveBuilder, article_page
from tests.test_crawl import ARTICLE_PATTERN, SITE, source_toml


@dataclass
class Archived:
    live: CrawlRun
    archive: Path
    sources_dir: Path
    workdir: Path


@pytest.fixture(scope="module")
def archived(
    module_mockserver: Callable[..., MockServer], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archived]:
    """One live crawl of the wire site (every discovery kind), archived to a WARC."""
    other = module_mockserver(SITE, host="127.0.0.2")
    server = module_mockserver(SITE, other=other.base)
    sources_dir = tmp_path_factory.mktemp("sources")
    (sources_dir / "everything.toml").write_text(
        source_toml(
            server.base,
            sitemaps=["/sitemap-index.xml"],
            feeds=["/feeds/rss.xml", "/feeds/atom.xml"],
            sections=["/world/"],
            article_urls=[ARTICLE_PATTERN],
        )
    )
    live_dir = tmp_path_factory.mktemp("live")
    live = crawl(
        live_dir, "everything", "--sources-dir", str(sources_dir), "--archive", "a.warc.gz"
    )
    assert live.returncode == 0, live.stderr[-3000:]
    yield Archived(live, live_dir / "a.warc.gz", sources_dir, tmp_path_factory.mktemp("work"))


def crawl(cwd: Path, *args: str) -> CrawlRun:
    output = cwd / "items.jsonl"
    return newsbot("crawl", *args, "-o", str(output), *settings_args(), cwd=cwd, output=output)


def by_url(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["url"]: {k: v for k, v in item.items() if k != "fetchedAt"} for item in items}


def test_the_archive_holds_every_response_with_its_request(archived: Archived) -> None:
    with archived.archive.open("rb") as fh:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
            for r in ArchiveIterator(fh, check_digests="raise")
        ]

    kinds = [kind for kind, _ in records]
    assert kinds[0] == "warcinfo"
    assert kinds.count("response") == archived.live.stats["newsbot/archive/responses"]
    assert kinds.count("request") == kinds.count("response")
    responses = {url for kind, url in records if kind == "response"}
    assert archived.live.item_urls <= responses
    assert any(url.endswith("/robots.txt") for url in responses)
    assert any(url.endswith("/sitemap-index.xml") for url in responses)
    assert [p.name for p in archived.archive.parent.iterdir() if ".warc" in p.name] == ["a.warc.gz"]


def test_replaying_the_archive_gives_the_live_crawls_items(archived: Archived) -> None:
    workdir = archived.workdir / "replay"
    workdir.mkdir()

    replay = crawl(
        workdir,
        "--warc",
        str(archived.archive),
        "--source",
        "everything",
        "--sources-dir",
        str(archived.sources_dir),
    )

    assert replay.returncode == 0, replay.stderr[-3000:]
    assert len(archived.live.items) >= 3
    assert by_url(replay.items) == by_url(archived.live.items)
    # Discovery documents were archived too, but are not articles.
    assert replay.stats["newsbot/warc/skipped/not_article"] >= 1
    assert replay.stats["newsbot/pages"] == archived.live.stats["newsbot/pages"]


def test_replay_by_domain_keeps_only_that_domains_records(tmp_path: Path) -> None:
    archive = (
        ArchiveBuilder(tmp_path / "cc-news.warc.gz")
        .warcinfo()
        .request("https://www.example.com/2026/a")
        .response("https://www.example.com/2026/a", article_page("Harbour plan approved"))
        .metadata("https://www.example.com/2026/a")
        .response("https://news.other.org/2026/b", article_page("Elsewhere entirely"))
        .response("https://example.com/logo.png", b"\x89PNG", content_type="image/png")
        .response("https://example.com/2026/c", article_page("Bridge reopens after repairs"))
        .save()
    )

    run = crawl(tmp_path, "--warc", str(archive), "--domains", "example.com")

    assert run.returncode == 0, run.stderr[-3000:]
    # Pages are extracted concurrently, as in a live crawl: items come in any order.
    assert sorted((i["url"], i["source"], i["headline"]) for i in run.items) == [
        ("https://example.com/2026/c", "example.com", "Bridge reopens after repairs"),
        ("https://www.example.com/2026/a", "example.com", "Harbour plan approved"),
    ]
    assert run.stats["newsbot/warc/skipped/off_domain"] == 1
    assert run.stats["newsbot/warc/skipped/not_html"] == 1


def test_warc_flags_fail_with_one_line(tmp_path: Path) -> None:
    missing = crawl(tmp_path, "--warc", str(tmp_path / "missing.warc.gz"))
    no_warc = crawl(tmp_path, "--domains", "example.com")

    assert missing.returncode != 0
    assert missing.stderr.strip().splitlines() == [
        f"newsbot: error: no such archive: {tmp_path / 'missing.warc.gz'}"
    ]
    assert no_warc.returncode != 0
    assert "Traceback" not in no_warc.stderr
    assert "--warc" in no_warc.stderr


def test_an_exchange_keeps_what_the_spider_knew_about_the_request() -> None:
    meta = {KIND_KEY: "article", SOURCE_KEY: "wire", DISCOVERED_KEY: {"title": "Floods"}}
    request = Request("http://a.com/x", meta=meta, headers={"User-Agent": "test-agent"})
    response = HtmlResponse(
        "http://a.com/x",
        body=b"<html></html>",
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        request=request,
        protocol="HTTP/1.1",
    )

    exchange = exchange_of(request, response)

    assert exchange.metadata == {
        "newsbot-kind": "article",
        "newsbot-source": "wire",
        "newsbot-discovered": '{"title": "Floods"}',
    }
    assert ("User-Agent", "test-agent") in exchange.request_headers
    assert ("Content-Encoding", "gzip") in exchange.response_headers
    assert exchange.body == b"<html></html>"


def test_the_spider_maps_records_to_sources_and_skips_discovery_pages() -> None:
    wire = Source("wire", "Wire Daily", ("wire.com",), Discovery())
    crawler = get_crawler(WarcSpider)
    spider = WarcSpider.from_crawler(crawler, sources=[wire], domains=["other.org"])
    record = WarcPage(
        url="https://www.wire.com/a",
        status=200,
        headers=[],
        body=b"<html></html>",
        encoding="utf-8",
        warc_date="2026-11-27T09:30:00.123456Z",
        record_id="<urn:uuid:1>",
        offset=0,
        metadata={"newsbot-discovered": '{"title": "T"}'},
    )

    page = spider.fetched_page(record)
    other = spider.fetched_page(replace(record, url="https://news.other.org/b", metadata={}))
    section = spider.fetched_page(replace(record, metadata={"newsbot-kind": "section"}))
    offsite = spider.fetched_page(replace(record, url="https://elsewhere.net/c"))

    assert page is not None and other is not None
    assert (page.source, page.siteName, page.fetchedAt) == (
        "wire",
        "Wire Daily",
        "2026-11-27T09:30:00Z",
    )
    assert page.discovered == {"title": "T"}
    assert (other.source, other.siteName, other.discovered) == ("other.org", None, {})
    assert section is None and offsite is None
    assert crawler.stats is not None
    assert crawler.stats.get_value("newsbot/warc/skipped/not_article") == 1
    assert crawler.stats.get_value("newsbot/warc/skipped/off_domain") == 1
