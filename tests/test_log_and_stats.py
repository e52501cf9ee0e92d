"""Scrapy's stats and per-page log messages, through newsbot's STATS_CLASS and LOG_FORMATTER.

The formatter skips a message only when no handler would print it, so what a user reads is
the same: a real crawl at DEBUG still logs "Crawled" and "Scraped from" for each page, and
one at INFO logs neither.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from newsbot.logformatter import is_shown
from newsbot.statscollectors import StatsCollector
from tests.support.crawls import CrawlRun, newsbot_crawl
from tests.support.mockserver import MockServer

SITE = Path(__file__).parent / "data" / "sites" / "wire"


@pytest.fixture
def isolated() -> logging.Logger:
    """A logger under a parent of its own, outside logging's registry (and pytest's reach)."""
    parent = logging.Logger("newsbot-test-logs", logging.DEBUG)
    parent.propagate = False
    child = logging.Logger("newsbot-test-logs.child")
    child.parent = parent
    return child


def test_a_level_is_shown_only_when_a_handler_on_the_path_takes_it(
    isolated: logging.Logger,
) -> None:
    handler = logging.StreamHandler()
    handler.setLevel(logging.INFO)
    assert isolated.parent is not None
    isolated.parent.addHandler(handler)
    assert not is_shown(isolated, logging.DEBUG)
    assert is_shown(isolated, logging.INFO)
    handler.setLevel(logging.NOTSET)
    assert is_shown(isolated, logging.DEBUG)


def test_a_logger_level_above_the_message_hides_it(isolated: logging.Logger) -> None:
    assert isolated.parent is not None
    isolated.parent.addHandler(logging.StreamHandler())
    isolated.setLevel(logging.WARNING)
    try:
        assert not is_shown(isolated, logging.INFO)
        assert is_shown(isolated, logging.ERROR)
    finally:
        isolated.setLevel(logging.NOTSET)


def test_with_no_handler_anywhere_python_last_resort_decides(isolated: logging.Logger) -> None:
    assert not is_shown(isolated, logging.INFO)
    assert is_shown(isolated, logging.WARNING)


def test_the_stats_collector_counts_without_scrapy_per_read_shim() -> None:
    assert StatsCollector.__getattribute__ is object.__getattribute__
    stats = StatsCollector.__new__(StatsCollector)
    stats._stats = {}
    stats.inc_value("pages")
    stats.inc_value("pages", 2)
    stats.max_value("biggest", 5)
    stats.max_value("biggest", 3)
    assert stats.get_stats() == {"pages": 3, "biggest": 5}


@pytest.fixture(scope="module")
def sources(
    module_mockserver: Callable[..., MockServer], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    server = module_mockserver(SITE)
    directory = tmp_path_factory.mktemp("sources")
    (directory / "one.toml").write_text(
        'site_name = "Wire Test Daily"\ndomains = ["127.0.0.1"]\nallow_loopback = true\n'
        f'[discovery]\nsitemaps = ["{server.url("/sitemaps/news.xml")}"]\n',
        encoding="utf-8",
    )
    return directory


def crawl(sources: Path, tmp_path: Path, level: str) -> CrawlRun:
    run = newsbot_crawl(["one"], sources, tmp_path / "items.jsonl", LOG_LEVEL=level)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.items
    return run


def test_a_debug_crawl_logs_each_page_crawled_and_scraped(sources: Path, tmp_path: Path) -> None:
    run = crawl(sources, tmp_path, "DEBUG")
    assert "Crawled (200) <GET http://127.0.0.1" in run.stderr
    assert "Scraped from <200 http://127.0.0.1" in run.stderr
    assert run.stats["item_scraped_count"] == len(run.items)


def test_an_info_crawl_logs_neither_and_still_counts(sources: Path, tmp_path: Path) -> None:
    run = crawl(sources, tmp_path, "INFO")
    assert "Crawled (200)" not in run.stderr
    assert "Scraped from" not in run.stderr
    assert run.stats["item_scraped_count"] == len(run.items)
