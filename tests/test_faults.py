"""A crawl of a site that fails in every way the open web does keeps going and loses nothing.

One real crawl (``python -m newsbot crawl`` in a subprocess) of the fault site
(``tests/support/faultsite.py``): good articles among 500s, stalls, resets, truncation,
redirect loops, a 20 MB page, a gzip bomb, entity-bomb and external-entity sitemaps,
malformed RSS, odd charsets, binary, empty and absurdly nested pages, and links to places
a crawler must never go. The assertions read the items, the crawl's final stats
(``NEWSBOT_STATS_FILE``) and the site's request log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.faultsite import (
    DISCOVERY,
    FAULTS,
    GOOD_ARTICLES,
    OTHER_HOST,
    FaultSite,
    forbidden_links,
)

PEAK_RSS_LIMIT = 500 * 1024 * 1024
TEST_SETTINGS = {
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "1",
    "AUTOTHROTTLE_ENABLED": "false",
    "LOG_LEVEL": "INFO",
}


def write_source(directory: Path, name: str, site: FaultSite, *, allow_loopback: bool) -> None:
    directory.mkdir(parents=True, exist_ok=True)

    def urls(kind: str) -> str:
        return json.dumps([site.url(p) for p in DISCOVERY[kind]])

    (directory / f"{name}.toml").write_text(
        f'site_name = "Fault Gazette"\n'
        f'domains = ["127.0.0.1"]\n'
        f"allow_loopback = {str(allow_loopback).lower()}\n"
        f"[discovery]\n"
        f"sitemaps = {urls('sitemaps')}\n"
        f"feeds = {urls('feeds')}\n"
        f"sections = {urls('sections')}\n"
        "article_urls = ['/news/\\d{4}/']\n"
    )


@dataclass
class CrawlRun:
    returncode: int
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str
    peak_rss: int
    """Bytes: the crawl process's own peak resident set size."""
    output_text: str


def run_crawl(workdir: Path, source: str, sources_dir: Path, **settings: str) -> CrawlRun:
    """``python -m newsbot crawl`` in a subprocess; its peak RSS from ``wait4``."""
    items_path, stats_path = workdir / "items.jsonl", workdir / "stats.json"
    argv = [sys.executable, "-m", "newsbot", "crawl", source, "--sources-dir", str(sources_dir)]
    argv += ["-o", str(items_path), "-s", f"NEWSBOT_STATS_FILE={stats_path}"]
    for name, value in {**TEST_SETTINGS, **settings}.items():
        argv += ["-s", f"{name}={value}"]
    log_path = workdir / "crawl.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(argv, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = items_path.read_text(encoding="utf-8") if items_path.exists() else ""
    return CrawlRun(
        returncode=proc.returncode,
        items=[json.loads(line) for line in text.splitlines()],
        stats=json.loads(stats_path.read_text()) if stats_path.exists() else {},
        log=log_path.read_text(encoding="utf-8", errors="replace"),
        peak_rss=usage.ru_maxrss * 1024,  # kilobytes on Linux
        output_text=text,
    )


@dataclass
class FaultCrawl:
    site: FaultSite
    run: CrawlRun
    marker: str


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> Any:
    workdir = tmp_path_factory.mktemp("faults")
    marker = f"SECRET-{uuid.uuid4().hex}"
    secret = workdir / "secret.txt"
    secret.write_text(marker + "\n")
    with FaultSite(workdir, secret=secret) as site:
        write_source(workdir / "sources", "faults", site, allow_loopback=True)
        run = run_crawl(workdir, "faults", workdir / "sources")
        yield FaultCrawl(site, run, marker)


def test_the_crawl_finishes_with_exit_status_0(fault_crawl: FaultCrawl) -> None:
    run = fault_crawl.run
    assert run.returncode == 0, run.log[-3000:]
    assert run.stats["finish_reason"] == "finished"


def test_every_good_article_comes_out_exactly_once(fault_crawl: FaultCrawl) -> None:
    urls = [item["url"] for item in fault_crawl.run.items]
    assert sorted(urls) == sorted(fault_crawl.site.url(p) for p in GOOD_ARTICLES)


def test_each_article_body_is_intact_whatever_its_charset(fault_crawl: FaultCrawl) -> None:
    bodies = {item["url"]: item["articleBody"] for item in fault_crawl.run.items}
    for path, phrase in GOOD_ARTICLES.items():
        body = bodies[fault_crawl.site.url(path)]
        assert phrase in body, (path, body[:300])
        assert "\ufffd" not in body and "Ã" not in body, path  # no replacement chars, no mojibake


def test_no_fault_page_becomes_an_item(fault_crawl: FaultCrawl) -> None:
    urls = {item["url"] for item in fault_crawl.run.items}
    assert not urls & {fault_crawl.site.url(p) for p in FAULTS}


def failed(stats: dict[str, Any]) -> dict[str, int]:
    prefix = "newsbot/failed/"
    return {k.removeprefix(prefix): v for k, v in stats.items() if k.startswith(prefix)}


@pytest.mark.parametrize(
    ("fault", "key", "count"),
    [
        ("error-500", "newsbot/failed/http_500", 1),
        ("error-503", "newsbot/failed/http_503", 1),
        ("stall", "newsbot/failed/timeout", 1),
        ("reset", "newsbot/failed/connection_lost", 1),
        ("truncated", "newsbot/failed/truncated", 1),
        ("loop-a", "newsbot/failed/redirect_loop", 1),
        ("huge, huge-stream", "newsbot/failed/too_large", 2),
        ("gzip-bomb", "newsbot/failed/decompressed_too_large", 1),
        ("binary, empty, nested", "newsbot/extraction/no_article", 3),
        ("sitemap-bomb, sitemap-xxe", "newsbot/discovery/bad_document", 2),
    ],
)
def test_each_failure_is_counted_under_a_clear_key(
    fault_crawl: FaultCrawl, fault: str, key: str, count: int
) -> None:
    assert fault_crawl.run.stats.get(key) == count, (fault, failed(fault_crawl.run.stats))


def test_failures_are_counted_once_after_retrying(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.run.stats
    # 500, 503, stall, reset and truncated are each tried twice (RETRY_TIMES=1) ...
    assert stats["retry/max_reached"] == 5
    # ... and the pages that fail once recover: flaky-503 and flaky-reset are items.
    assert stats["retry/count"] >= 7
    # Nothing else failed: no 404 (the entity sitemaps are refused whole, not half-read).
    assert failed(stats) == {"http_500": 1, "http_503": 1, "timeout": 1, "connection_lost": 1,
                             "truncated": 1, "redirect_loop": 1, "too_large": 2,
                             "decompressed_too_large": 1}  # fmt: skip


def test_hostile_links_are_dropped_before_the_downloader(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.run.stats
    assert stats["newsbot/filtered/bad_scheme"] >= 4  # file:, data:, javascript:, ftp:
    assert stats["newsbot/filtered/private_address"] >= 5  # 10/8, 172.16/12, 192.168/16, ...
    assert stats["newsbot/filtered/offsite"] >= 3  # another domain, another host, a redirect
    requests = fault_crawl.site.requests()
    assert requests, "the request log is empty"
    assert [r for r in requests if r["local"] != "127.0.0.1"] == []  # 127.0.0.2 never asked
    paths = {r["path"] for r in requests}
    leaked = [u for u in forbidden_links(fault_crawl.site.port) if urlsplit(u).path in paths]
    assert leaked == []


def test_nothing_crashed_along_the_way(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.run.stats
    assert [k for k in stats if k.startswith("spider_exceptions/")] == []
    assert "newsbot/extraction/error" not in stats
    assert stats["newsbot/discovery/sitemaps"] == len(DISCOVERY["sitemaps"])
    assert stats["newsbot/discovery/feeds"] == len(DISCOVERY["feeds"])
    assert "Unhandled error" not in fault_crawl.run.log
    assert "CRITICAL" not in fault_crawl.run.log


def test_memory_stays_bounded(fault_crawl: FaultCrawl) -> None:
    assert 0 < fault_crawl.run.peak_rss < PEAK_RSS_LIMIT


def test_the_local_file_behind_the_external_entity_leaks_nowhere(fault_crawl: FaultCrawl) -> None:
    run = fault_crawl.run
    for where in (run.output_text, json.dumps(run.stats), run.log):
        assert fault_crawl.marker not in where
    assert fault_crawl.marker not in fault_crawl.site.log_path.read_text()


def test_a_crawl_that_cannot_start_exits_non_zero(tmp_path: Path) -> None:
    with FaultSite(tmp_path) as site:
        write_source(tmp_path / "sources", "faults", site, allow_loopback=True)
        run = run_crawl(
            tmp_path,
            "faults",
            tmp_path / "sources",
            DOWNLOADER_MIDDLEWARES='{"newsbot.no_such_module.Middleware": 500}',
        )
    assert run.returncode != 0
    assert site.requests() == []


def test_a_source_without_allow_loopback_fetches_nothing_on_loopback(tmp_path: Path) -> None:
    with FaultSite(tmp_path) as site:
        write_source(tmp_path / "sources", "remote", site, allow_loopback=False)
        run = run_crawl(tmp_path, "remote", tmp_path / "sources")
        assert run.returncode == 0, run.log[-3000:]
        assert run.items == []
        discovery = sum(len(urls) for urls in DISCOVERY.values())
        assert run.stats["newsbot/filtered/private_address"] == discovery
        assert site.requests() == []  # not even robots.txt


def test_the_other_host_is_really_there(tmp_path: Path) -> None:
    """The off-site checks above mean something: 127.0.0.2 would have answered."""
    import urllib.request

    with FaultSite(tmp_path) as site:
        url = f"http://{OTHER_HOST}:{site.port}/robots.txt"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200
        assert [r["local"] for r in site.requests()] == [OTHER_HOST]
