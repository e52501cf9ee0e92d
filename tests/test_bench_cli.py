"""``newsbot bench``: its JSON, its errors, the bench site, and a lean ``newsbot extract``.

No figure is compared with a time: a smoke run only checks that every section reports
positive numbers and every target a verdict.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsbot.bench.site import BenchSite
from newsbot.pipelines.allocator import preload_library
from tests.support.crawls import env

PAGE = (
    b'<html><head><link rel="canonical" href="https://wire.example/a/1">'
    b'<meta property="og:url" content="https://wire.example/a/1"></head><body><nav>'
    b"<p>Home</p></nav><article><p>" + b"A long paragraph of the story text. " * 5 + b"</p>"
    b"<p>" + b"Another long paragraph of the body. " * 4 + b"</p></article></body></html>"
)


def newsbot(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbot", *args],
        cwd=cwd,
        env=env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.shared
@pytest.mark.slow
def test_a_quick_run_reports_every_section_as_json(shared_dir: Path) -> None:
    run = newsbot("bench", "--quick", "--json", "--corpus", str(shared_dir / "corpus"))
    assert run.returncode == 0, run.stderr[-3000:]
    report: dict[str, Any] = json.loads(run.stdout)

    extraction = report["extraction"]
    assert extraction["ours_ms"] > 0 and extraction["bare_ms"] > 0 and extraction["ratio"] > 0
    crawl = report["crawl"]
    assert crawl["pages"] == crawl["site_pages"] == 100  # every article page was fetched
    assert 0 < crawl["items"] <= crawl["pages"]
    for key in ("pages_per_s", "items_per_s", "peak_rss_mb", "ratio_to_bare", "cpu_seconds"):
        assert crawl[key] > 0, key
    assert crawl["finish_reason"] == "finished"
    # The workers' allocator, and bare trafilatura read under it as well (pipelines/allocator.py)
    assert crawl["worker_allocator"] == preload_library("jemalloc")
    if crawl["worker_allocator"] is not None:
        assert crawl["bare_same_allocator_pages_per_s"] == max(
            crawl["bare_same_allocator_readings_pages_per_s"]
        )
        assert crawl["ratio_to_bare_same_allocator"] == pytest.approx(
            crawl["pages_per_s"] / crawl["bare_same_allocator_pages_per_s"]
        )
    memory = report["memory"]
    assert memory["pages"] == [100, 200]
    assert all(mb > 0 for mb in memory["peak_rss_mb"]) and memory["ratio"] > 0
    sqlite = report["dedup"]["sqlite"]
    assert sqlite["n"] == 500 and sqlite["p50_ms"] > 0 and sqlite["p99_ms"] >= sqlite["p50_ms"]
    assert sqlite["peak_rss_mb"] > 0 and sqlite["store_bytes"] > 0
    if report["dedup"]["redis"] is not None:  # None when there is no redis-server binary
        assert report["dedup"]["redis"]["n"] == 200
    assert report["warc"]["records"] == 20 and report["warc"]["records_per_s"] > 0
    startup = report["startup"]
    assert startup["wall_s"] > 0 and startup["imports_scrapy"] is False
    metrics = {t["metric"]: t for t in report["targets"]}
    assert len(metrics) == 6
    assert crawl["projected_ratio_to_bare"] > 0 and crawl["cpu_ms_per_page"] > 0
    assert all(isinstance(t["met"], bool) and t["value"] > 0 for t in metrics.values())


@pytest.mark.shared
def test_sections_can_be_chosen_and_the_table_names_the_targets(shared_dir: Path) -> None:
    run = newsbot(
        "bench",
        "--quick",
        "--sections",
        "extraction,startup",
        "--corpus",
        str(shared_dir / "corpus"),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "ours / bare" in run.stdout and "newsbot extract one.html" in run.stdout
    assert "pages/s" not in run.stdout and "dedup" not in run.stdout  # sections not chosen
    targets = run.stdout.split("targets")[1]
    assert "extraction time ours / bare trafilatura" in targets and "wall time" in targets
    verdicts = [line.rstrip(" │").rsplit("│", 1)[-1].strip() for line in targets.splitlines()]
    assert len([v for v in verdicts if v in {"met", "not met"}]) == 2


@pytest.mark.shared
@pytest.mark.slow
def test_crawl_rounds_are_divided_by_the_fastest_bare_reading_and_the_median_is_reported(
    shared_dir: Path,
) -> None:
    corpus = str(shared_dir / "corpus")
    run = newsbot(
        "bench",
        "--quick",
        "--json",
        "--sections",
        "crawl",
        "--crawl-rounds",
        "3",
        "--corpus",
        corpus,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    crawl = json.loads(run.stdout)["crawl"]
    readings, rounds = crawl["bare_readings_pages_per_s"], crawl["rounds"]
    assert len(readings) == len(rounds) == 3 and all(rate > 0 for rate in readings)
    assert run.stderr.count("bare trafilatura again") == 2  # one reading before each crawl
    if crawl["worker_allocator"] is not None:  # and one under the workers' allocator
        assert len(crawl["bare_same_allocator_readings_pages_per_s"]) == 3
    assert crawl["bare_pages_per_s"] == max(readings)
    for r in rounds:
        assert r["ratio_to_bare"] == pytest.approx(r["pages_per_s"] / max(readings))
    assert crawl["ratio_to_bare"] == sorted(r["ratio_to_bare"] for r in rounds)[1]
    assert crawl["pages_per_s"] in [r["pages_per_s"] for r in rounds]  # that round's figures


def test_crawl_rounds_below_one_are_one_line_on_stderr(tmp_path: Path) -> None:
    run = newsbot("bench", "--crawl-rounds", "0", "--corpus", str(tmp_path))
    assert run.returncode == 2
    assert run.stderr == "newsbot: error: --crawl-rounds must be at least 1\n"


def test_a_missing_corpus_is_one_line_on_stderr(tmp_path: Path) -> None:
    run = newsbot("bench", "--quick", "--corpus", str(tmp_path / "nowhere"))
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "--corpus" in run.stderr
    assert str(tmp_path / "nowhere") in run.stderr


def test_an_unknown_section_is_one_line_on_stderr(tmp_path: Path) -> None:
    run = newsbot("bench", "--sections", "extraction,speed", "--corpus", str(tmp_path))
    assert run.returncode == 2
    assert run.stderr == (
        "newsbot: error: unknown section 'speed' "
        "(known: extraction, crawl, memory, dedup, warc, startup)\n"
    )


def test_the_bench_site_serves_distinct_copies_with_a_sitemap_index() -> None:
    site = BenchSite([PAGE], count=2500)
    base = "http://127.0.0.1:1"

    first, second = site.page(0), site.page(1201)
    assert first is not None and second is not None
    assert b"Bench copy number 0 of this story. A long paragraph" in first
    assert b"Bench copy number 1201 of this story. Another long paragraph" in second
    assert b"https://wire.example/a/1?bench-copy=1201" in second
    assert b'href="https://wire.example/a/1"' not in second  # every copy its own canonical
    assert b"<p>Home</p>" in second  # short paragraphs are left alone
    assert site.page(2500) is None
    index = site.sitemap_index(base).decode()
    assert index.count("<sitemap>") == 3 and f"{base}/sitemaps/2.xml" in index
    last = site.sitemap(base, 2)
    assert last is not None and last.count(b"<url>") == 500
    assert site.answer("/news/2499.html", base)[0] == 200
    assert site.answer("/news/2500.html", base)[0] == 404
    assert site.answer("/robots.txt", base) == (200, "text/plain", b"User-agent: *\nAllow: /\n")


def test_newsbot_extract_imports_neither_scrapy_nor_the_other_commands(tmp_path: Path) -> None:
    page = tmp_path / "one.html"
    page.write_bytes(PAGE)
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsbot", "extract", str(page)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    modules = {
        line.rsplit("|", 1)[-1].strip()
        for line in run.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "newsbot.extraction" in modules
    assert not {m for m in modules if m.split(".")[0] in {"scrapy", "twisted"}}
    assert not {
        m for m in modules if m.startswith("newsbot.cli.") and m != "newsbot.cli.extract_cmd"
    }
