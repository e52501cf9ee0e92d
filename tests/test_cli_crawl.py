"""``newsbot crawl``, ``newsbot sources``, ``scrapy list`` and ``run_crawl``, as users run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.crawls import env, newsbot, newsbot_crawl, scrapy, settings_args
from tests.support.mockserver import MockServer

SITE = Path(__file__).parent / "data" / "sites" / "wire"
SUMMIT = "/news/2026/11/26/summit/"
FLOODS = "/news/2026/11/24/floods/"


def rss_source(
    directory: Path, base: str, name: str = "wire", feed: str = "/feeds/rss.xml"
) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / f"{name}.toml").write_text(
        'site_name = "Wire Test Daily"\n'
        'domains = ["127.0.0.1"]\n'
        "max_age_days = 2\n"
        "allow_loopback = true\n"
        "[discovery]\n"
        f'feeds = ["{base}{feed}"]\n'
    )
    return directory


def assert_one_line_error(stderr: str, *fragments: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("newsbot: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_an_unknown_source_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    run = newsbot("crawl", "nope", cwd=tmp_path)
    assert run.returncode == 2
    assert_one_line_error(run.stderr, "unknown source 'nope'", "known sources:", "reuters")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_source_among_known_ones_fails_before_crawling(tmp_path: Path) -> None:
    run = newsbot("crawl", "reuters", "nope", "-o", "out.jsonl", cwd=tmp_path)
    assert run.returncode == 2
    assert_one_line_error(run.stderr, "unknown source 'nope'")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_bad_source_file_is_one_line_naming_file_and_key(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    bad = sources / "broken.toml"
    bad.write_text('site_name = "B"\ndomains = ["b.com"]\nmax_age = 2\n[discovery]\nfeeds = []\n')
    for args in (["crawl", "broken"], ["sources"]):
        run = newsbot(*args, "--sources-dir", str(sources), cwd=tmp_path)
        assert run.returncode == 2
        assert_one_line_error(run.stderr, str(bad), "'max_age'")


def test_a_missing_sources_dir_is_one_line(tmp_path: Path) -> None:
    run = newsbot("sources", "--sources-dir", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert run.returncode == 2
    assert_one_line_error(run.stderr, "nowhere", "does not exist")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-s", "NOEQUALS"], "-s takes NAME=VALUE"),
        (["-o", "out.jsonl:csv"], "unknown output format 'csv'"),
        (["-s", "NEWSBOT_NOW=yesterday"], "NEWSBOT_NOW: not an ISO 8601"),
        (["-s", "NEWSBOT_MAX_AGE_DAYS=soon"], "NEWSBOT_MAX_AGE_DAYS: not a positive number"),
        (["-s", "NEWSBOT_EXTRACT_WORKERS=many"], "NEWSBOT_EXTRACT_WORKERS: not a whole number"),
        (["-s", "NEWSBOT_EXTRACT_ALLOCATOR=tcmalloc"], "NEWSBOT_EXTRACT_ALLOCATOR: one of"),
    ],
)
def test_bad_options_are_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    run = newsbot("crawl", "reuters", *args, cwd=tmp_path)
    assert run.returncode == 2
    assert_one_line_error(run.stderr, fragment)


_PRESTART_ORDER = """
import sys
import newsbot.cli.crawl_cmd as crawl_cmd

def prestart(workers, allocator):
    print(workers, allocator, "scrapy" in sys.modules)
    raise SystemExit(0)

crawl_cmd.prestart = prestart
from newsbot.cli import main
main(sys.argv[1:])
"""


def test_the_workers_forkserver_starts_before_scrapy_is_imported(tmp_path: Path) -> None:
    # It warms up on another core while this process imports Scrapy and sets the crawl up.
    for args, expected in (
        ([], [str(os.cpu_count()), "jemalloc"]),
        (
            ["-s", "NEWSBOT_EXTRACT_WORKERS=3", "-s", "NEWSBOT_EXTRACT_ALLOCATOR=system"],
            ["3", "system"],
        ),
    ):
        run = subprocess.run(
            [sys.executable, "-c", _PRESTART_ORDER, "crawl", "reuters", *args],
            cwd=tmp_path,
            env=env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.split() == [*expected, "False"]


def test_sources_lists_every_source_with_its_discovery_urls(tmp_path: Path) -> None:
    sources = rss_source(tmp_path / "sources", "http://127.0.0.1:9")
    run = newsbot("sources", "--sources-dir", str(sources), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "wire: Wire Test Daily (127.0.0.1, max age 2 days)" in run.stdout
    assert "  feed     http://127.0.0.1:9/feeds/rss.xml" in run.stdout
    assert "reuters: Reuters (reuters.com" in run.stdout
    assert "  sitemap  https://www.reuters.com/" in run.stdout
    assert "  settings DOWNLOAD_DELAY=1.0, CONCURRENT_REQUESTS_PER_DOMAIN=2" in run.stdout


def test_scrapy_list_lists_bundled_and_user_sources(tmp_path: Path) -> None:
    sources = rss_source(tmp_path / "sources", "http://127.0.0.1:9")
    run = scrapy("list", sources_dir=sources, state_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    names = run.stdout.split()
    assert {"wire", "reuters", "apnews", "france24", "aljazeera", "dawn", "thedailystar"} <= set(
        names
    )
    assert names == sorted(names)


def test_crawl_writes_json_lines_and_prints_a_summary(
    mockserver: Callable[..., MockServer], tmp_path: Path
) -> None:
    server = mockserver(SITE)
    output = tmp_path / "items.jsonl"
    run = newsbot_crawl(["wire"], rss_source(tmp_path / "sources", server.base), output)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.item_urls == {server.url(SUMMIT), server.url(FLOODS)}
    summary = run.stderr.strip().splitlines()[-1]
    assert (
        summary
        == f"newsbot crawl wire: pages 2, items 2, duplicates dropped 0, errors 0 -> {output}"
    )


def test_the_summary_counts_duplicates_dropped(
    mockserver: Callable[..., MockServer], tmp_path: Path
) -> None:
    server = mockserver(SITE)
    sources = rss_source(tmp_path / "sources", server.base, feed="/feeds/copies.xml")
    output = tmp_path / "items.jsonl"
    run = newsbot_crawl(["wire"], sources, output)
    assert run.returncode == 0, run.stderr[-3000:]
    assert len(run.items) == 1
    assert server.paths().count("/news/2026/11/26/summit-copy/") == 1
    summary = run.stderr.strip().splitlines()[-1]
    assert "pages 2, items 1, duplicates dropped 1, errors 0" in summary


@pytest.mark.parametrize("spec", ["items.json", "items.out:json"])
def test_crawl_writes_a_json_array(
    mockserver: Callable[..., MockServer], tmp_path: Path, spec: str
) -> None:
    server = mockserver(SITE)
    sources = rss_source(tmp_path / "sources", server.base)
    args = ["crawl", "wire", "-o", spec, "--sources-dir", str(sources), *settings_args()]
    run = newsbot(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    items = json.loads((tmp_path / spec.split(":")[0]).read_text())
    assert sorted(item["url"] for item in items) == sorted([server.url(SUMMIT), server.url(FLOODS)])


def test_crawl_writes_a_json_feed(mockserver: Callable[..., MockServer], tmp_path: Path) -> None:
    server = mockserver(SITE)
    sources = rss_source(tmp_path / "sources", server.base)
    args = ["crawl", "wire", "-o", "feed.json:jsonfeed", "--sources-dir", str(sources)]
    run = newsbot(*args, *settings_args(), cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    feed = json.loads((tmp_path / "feed.json").read_text())
    assert feed["version"].startswith("https://jsonfeed.org/version/1")
    assert sorted(item["url"] for item in feed["items"]) == sorted(
        [server.url(SUMMIT), server.url(FLOODS)]
    )


def test_run_crawl_returns_a_summary(mockserver: Callable[..., MockServer], tmp_path: Path) -> None:
    server = mockserver(SITE)
    sources = rss_source(tmp_path / "sources", server.base)
    code = (
        "import json, sys\n"
        "from newsbot.crawl import run_crawl\n"
        "s = run_crawl(['wire'], 'out.jsonl', None, sys.argv[1], {\n"
        "    'NEWSBOT_NOW': '2026-11-26T12:00:00Z', 'AUTOTHROTTLE_ENABLED': False,\n"
        "    'LOG_LEVEL': 'WARNING'})\n"
        "print(json.dumps([s.sources, s.output, s.pages, s.items, s.errors, s.finish_reason]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(sources)],
        cwd=tmp_path,
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.splitlines()[-1]) == [["wire"], "out.jsonl", 2, 2, 0, "finished"]
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 2
