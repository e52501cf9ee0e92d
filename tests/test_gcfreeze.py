"""The crawl process's collector: frozen while a crawl runs, as it was once none runs."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from newsbot.crawl import crawl_settings
from newsbot.extensions.gcfreeze import YOUNG_THRESHOLD, GcFreeze


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def crawler_with_extension() -> Crawler:
    crawler = get_crawler(settings_dict={"EXTENSIONS_BASE": {}, "LOG_LEVEL": "WARNING"})
    # Scrapy's extension manager keeps its extensions; signals hold receivers weakly.
    crawler.gc_freeze = GcFreeze.from_crawler(crawler)  # type: ignore[attr-defined]
    return crawler


def send(crawler: Crawler, signal: object) -> None:
    crawler.signals.send_catch_log(signal=signal)


def test_newsbot_crawls_enable_it() -> None:
    extensions = crawl_settings().getwithbase("EXTENSIONS")
    assert extensions["newsbot.extensions.gcfreeze.GcFreeze"] is not None


def test_frozen_while_the_engine_runs_and_thawed_after() -> None:
    crawler = crawler_with_extension()
    send(crawler, signals.engine_started)
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    send(crawler, signals.engine_stopped)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == (700, 10, 10)


class Node:
    def __init__(self) -> None:
        self.me = self


def test_cycles_made_during_the_crawl_are_still_collected() -> None:
    crawler = crawler_with_extension()
    send(crawler, signals.engine_started)
    cycle = Node()
    gone = weakref.ref(cycle)
    del cycle
    gc.collect()
    assert gone() is None
    send(crawler, signals.engine_stopped)


def test_two_crawls_in_one_process_thaw_when_the_last_stops() -> None:
    first, second = crawler_with_extension(), crawler_with_extension()
    send(first, signals.engine_started)
    send(second, signals.engine_started)
    send(first, signals.engine_stopped)
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    send(second, signals.engine_stopped)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == (700, 10, 10)


def test_a_stop_without_a_start_changes_nothing() -> None:
    crawler = crawler_with_extension()
    send(crawler, signals.engine_stopped)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0
