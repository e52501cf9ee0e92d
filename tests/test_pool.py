"""Extraction in worker processes: a crash costs one page, and a signal leaves no process.

Every test crawls a generated local site in a ``newsbot crawl`` subprocess with two
extraction workers. Faults are injected through the test-only ``NEWSBOT_TEST_WORKER_FAULT``
hook (see :mod:`newsbot.pipelines.worker`), keyed on a marker in a page's HTML.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsbot.pipelines.worker import FAULT_ENV
from tests.support import crawls
from tests.support.mockserver import MockServer

PAGE = """<html lang="en"><head><title>Story {n} | Bench Wire</title></head>
<body><article><h1>Council approves plan number {n}</h1>
<p>LONDON, Nov 26 (Reuters) - The city council approved plan number {n} on Thursday
after a debate that ran late into the evening, officials said on {marker} the record.</p>
<p>The plan changes bus routes, parking rules and the opening hours of {n} public libraries,
and it takes effect in the spring once the mayor has signed it into law.</p>
<p>Residents who spoke at the meeting were divided, and several said they would take the
matter to the regional court if the council did not reconsider plan {n}.</p>
</article></body></html>"""
CRASH = "crash-here"


def make_site(root: Path, pages: int, marked: Callable[[int], str]) -> list[str]:
    """``pages`` article pages under /news/N/ and a sitemap listing them; their paths."""
    paths = [f"/news/{n}/" for n in range(pages)]
    for n, path in enumerate(paths):
        (root / path.strip("/")).mkdir(parents=True)
        (root / path.strip("/") / "index.html").write_text(PAGE.format(n=n, marker=marked(n)))
    urls = "".join(f"<url><loc>{{{{base}}}}{p}</loc></url>" for p in paths)
    (root / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    return paths


def crawl_command(tmp: Path, base: str) -> list[str]:
    sources = tmp / "sources"
    sources.mkdir()
    (sources / "local.toml").write_text(
        'site_name = "Local"\ndomains = ["127.0.0.1"]\nallow_loopback = true\n'
        f'[discovery]\nsitemaps = ["{base}/sitemap.xml"]\n'
    )
    settings = crawls.settings_args(NEWSBOT_EXTRACT_WORKERS="2", NEWSBOT_STORE="")
    return [
        sys.executable,
        "-m",
        "newsbot",
        "crawl",
        "local",
        "-o",
        str(tmp / "items.jsonl"),
        "--sources-dir",
        str(sources),
        *settings,
    ]


def crawl_env(fault: str) -> dict[str, str]:
    return {**crawls.env(), FAULT_ENV: fault}


@pytest.mark.parametrize("fault", ["exit", "memory"])
def test_a_page_that_kills_its_worker_costs_only_that_page(
    mockserver: Callable[..., MockServer], tmp_path: Path, fault: str
) -> None:
    site = tmp_path / "site"
    paths = make_site(site, 12, lambda n: CRASH if n == 5 else "")
    server = mockserver(site)
    proc = subprocess.run(
        crawl_command(tmp_path, server.base),
        cwd=tmp_path,
        env=crawl_env(f"{fault}:{CRASH}"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    run = crawls.CrawlRun(
        proc.returncode, proc.stderr, proc.stdout, crawls.read_items(tmp_path / "items.jsonl")
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.item_urls == {server.url(p) for p in paths if p != "/news/5/"}
    assert run.stats.get("newsbot/extraction/worker_crash") == 1, run.stderr[-6000:]
    assert run.stats["newsbot/extraction/articles"] == 11


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid``, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rpartition(")")[2].split()
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _crawl_under_way(
    mockserver: Callable[..., MockServer], tmp_path: Path
) -> tuple[subprocess.Popen[str], set[int]]:
    """A crawl of slow pages, once its forkserver and two workers run and it is fetching
    articles; the crawl process and those descendants."""
    site = tmp_path / "site"
    make_site(site, 200, lambda n: CRASH)  # every page is slow: the crawl is still running
    server = mockserver(site)
    proc = subprocess.Popen(
        crawl_command(tmp_path, server.base),
        cwd=tmp_path,
        env=crawl_env(f"slow:{CRASH}"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while (
        proc.poll() is None
        and time.monotonic() < deadline
        and (len(workers) < 3 or not any(p.startswith("/news/") for p in server.paths()))
    ):
        workers = _children(proc.pid)
    if len(workers) < 3:
        proc.kill()
        proc.communicate()
        pytest.fail("the extraction workers never started")
    return proc, workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_crawl_and_every_worker(
    mockserver: Callable[..., MockServer], tmp_path: Path, signum: int
) -> None:
    proc, workers = _crawl_under_way(mockserver, tmp_path)
    try:
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "'finish_reason': 'shutdown'" in stderr, stderr[-3000:]
    assert [pid for pid in workers if _alive(pid)] == []
    # What was extracted before the signal (the pages already fetched) was written.
    items = crawls.read_items(tmp_path / "items.jsonl")
    assert items and all(item["articleBody"] for item in items)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_crawl_leaves_no_worker_behind(
    mockserver: Callable[..., MockServer], tmp_path: Path
) -> None:
    # SIGKILL (the OOM killer, kill -9) gives the crawl no chance to stop its workers, and
    # their parent is the forkserver, so they must notice on their own.
    proc, workers = _crawl_under_way(mockserver, tmp_path)
    proc.kill()
    proc.communicate()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert [pid for pid in workers if _alive(pid)] == []
