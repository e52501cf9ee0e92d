"""The spider loader (one spider per source file) and the spider classes it makes."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.settings import Settings

from newsbot.crawl import CrawlSummary, crawl_settings, feed_format
from newsbot.errors import UsageError
from newsbot.sources import load_sources
from newsbot.spiders.loader import SourceSpiderLoader, sources_dirs
from newsbot.spiders.news import NewsSpider, spider_class

POLITE = """\
site_name = "Polite"
domains = ["polite.example"]
[discovery]
feeds = ["https://polite.example/rss"]
[settings]
DOWNLOAD_DELAY = 3
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_TIMEOUT = 10
"""


@pytest.fixture
def sources_dir(tmp_path: Path) -> Path:
    (tmp_path / "polite.toml").write_text(POLITE)
    return tmp_path


def loader(sources_dir: Path) -> SourceSpiderLoader:
    return SourceSpiderLoader.from_settings(Settings({"NEWSBOT_SOURCES_DIR": str(sources_dir)}))


def test_the_loader_lists_bundled_and_user_sources(sources_dir: Path) -> None:
    names = loader(sources_dir).list()
    assert "polite" in names and "reuters" in names
    assert names == sorted(names)


def test_load_returns_a_news_spider_named_after_the_source(sources_dir: Path) -> None:
    spiders = loader(sources_dir)
    cls = spiders.load("polite")
    assert issubclass(cls, NewsSpider)
    assert cls.name == "polite"
    assert [s.name for s in cls.sources] == ["polite"]
    assert spiders.load("polite") is cls
    with pytest.raises(KeyError):
        spiders.load("nope")


def test_find_by_request_matches_domains_and_subdomains(sources_dir: Path) -> None:
    spiders = loader(sources_dir)
    assert spiders.find_by_request(Request("https://www.reuters.com/world/")) == ["reuters"]
    assert spiders.find_by_request(Request("https://polite.example/a")) == ["polite"]
    assert spiders.find_by_request(Request("https://unknown.example/")) == []


def test_a_sources_politeness_applies_to_its_own_download_slot(sources_dir: Path) -> None:
    polite = load_sources([sources_dir])["polite"]
    reuters = load_sources()["reuters"]
    cls = spider_class([polite, reuters])
    assert cls.name == "polite+reuters"
    assert cls.custom_settings == {
        "DOWNLOAD_SLOTS": {
            "newsbot:polite": {"delay": 3, "concurrency": 1},
            "newsbot:reuters": {"delay": 1.0, "concurrency": 2},
        }
    }
    spider = cls()
    request = spider._request(polite, "https://polite.example/rss", "feed", spider.parse_feed)
    assert request.meta["download_slot"] == "newsbot:polite"
    assert request.meta["download_timeout"] == 10
    assert request.meta["newsbot_source"] == "polite"
    assert request.meta["newsbot_kind"] == "feed"


def test_sources_dirs_accepts_one_several_or_a_list() -> None:
    assert sources_dirs(None) == []
    assert sources_dirs("a") == ["a"]
    assert sources_dirs(f"a{os.pathsep}b") == ["a", "b"]
    assert sources_dirs(["a", "b"]) == ["a", "b"]


def test_crawl_settings_layer_overrides_and_the_feed(tmp_path: Path) -> None:
    settings = crawl_settings("out.json", None, tmp_path, {"DOWNLOAD_DELAY": "2"})
    assert settings.get("BOT_NAME") == "newsbot"
    assert settings.getfloat("DOWNLOAD_DELAY") == 2
    assert settings.get("NEWSBOT_SOURCES_DIR") == str(tmp_path)
    assert settings.getdict("FEEDS") == {"out.json": {"format": "json", "overwrite": True}}
    assert crawl_settings().getdict("FEEDS") == {}


@pytest.mark.parametrize(
    ("output", "fmt", "expected"),
    [
        ("items.jsonl", None, "jsonlines"),
        ("items.json", None, "json"),
        ("items.txt", None, "jsonlines"),
        ("items.json", "jsonfeed", "jsonfeed"),
    ],
)
def test_feed_format(output: str, fmt: str | None, expected: str) -> None:
    assert feed_format(output, fmt) == expected


def test_an_unknown_feed_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown output format 'csv'"):
        feed_format("items.csv", "csv")


def test_the_summary_reads_the_stats() -> None:
    stats = {
        "newsbot/pages": 5,
        "item_scraped_count": 3,
        "newsbot/dedup/exact_duplicate": 1,
        "newsbot/dedup/url_duplicate": 1,
        "newsbot/dedup/near_duplicate": 4,
        "log_count/ERROR": 1,
        "finish_reason": "finished",
    }
    summary = CrawlSummary.from_stats(["a"], "out.jsonl", stats)
    assert (summary.pages, summary.items, summary.duplicates, summary.errors) == (5, 3, 2, 1)
    assert summary.line() == "pages 5, items 3, duplicates dropped 2, errors 1"
    near_dropped = CrawlSummary.from_stats(["a"], None, stats, near_dropped=True)
    assert near_dropped.duplicates == 6


def test_spider_arguments_may_be_strings(sources_dir: Path) -> None:
    polite = load_sources([sources_dir])["polite"]
    spider = spider_class([polite])(now="2026-11-26T12:00:00Z", max_age_days="1")
    assert spider.cutoff(polite) == datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert spider_class([polite])().cutoff(polite) is None  # no max_age_days anywhere
    with pytest.raises(ValueError, match="now"):
        spider_class([polite])(now="yesterday")
