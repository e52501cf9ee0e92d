"""End-to-end crawl: ``newsbot crawl`` of a local site of corpus pages, timed from outside.

The site (:mod:`newsbot.bench.site`) runs in its own process; the crawl runs as a user
runs it, ``python -m newsbot crawl`` in a fresh working directory (so a fresh store),
with politeness off. While it runs, the resident memory of the crawl process and all its
descendants (the extraction workers, the forkserver) is summed from /proc every 0.1 s;
the peak is reported. Rates use Scrapy's own ``elapsed_time_seconds`` (spider open to
close), so interpreter start-up is not counted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbot.bench import aeb_pages

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "HTTPCACHE_ENABLED": "False",
    "RETRY_ENABLED": "False",
    "LOG_LEVEL": "WARNING",
}


@dataclass(frozen=True)
class CrawlBenchResult:
    site_pages: int
    pages: int
    """Article pages fetched (``newsbot/pages``)."""
    items: int
    """Items written."""
    seconds: float
    """Spider open to close."""
    wall_seconds: float
    """The whole command, interpreter start-up included."""
    peak_rss_mb: float
    """Peak of the summed RSS of the crawl process and its descendants."""
    cpu_seconds: float
    """CPU time of the crawl process and its descendants."""
    main_cpu_seconds: float
    """CPU time of the crawl process alone (the reactor: downloads, spider, dedup, feed)."""
    server_cpu_seconds: float
    workers: int | None
    finish_reason: str | None

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def items_per_s(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def server_share(self) -> float:
        """The site server's CPU time as a share of the crawl's duration (one core = 1.0)."""
        return self.server_cpu_seconds / self.wall_seconds if self.wall_seconds else 0.0


def bench_crawl(corpus: Path, pages: int, workers: int | None = None) -> CrawlBenchResult:
    """Serve ``pages`` article pages and crawl them all once."""
    aeb_pages(corpus)  # a missing corpus is a one-line error, before any process starts
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-crawl-") as tmp:
        work = Path(tmp)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsbot.bench.site",
                "--corpus",
                str(corpus),
                "--pages",
                str(pages),
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            if not line.startswith("READY "):
                raise RuntimeError(f"the bench site did not start: {line!r}")
            base = line.split()[1]
            server_cpu = _cpu_seconds(server.pid)
            result = _crawl(work, base, pages, workers)
            server_cpu = _cpu_seconds(server.pid) - server_cpu
        finally:
            server.kill()
            server.wait()
    return CrawlBenchResult(**{**result, "server_cpu_seconds": server_cpu})


def _crawl(work: Path, base: str, pages: int, workers: int | None) -> dict[str, Any]:
    sources = work / "sources"
    sources.mkdir()
    (sources / "bench.toml").write_text(
        'site_name = "Bench"\ndomains = ["127.0.0.1"]\nallow_loopback = true\n'
        f'[discovery]\nsitemaps = ["{base}/sitemap.xml"]\n',
        encoding="utf-8",
    )
    settings = {**SETTINGS, "NEWSBOT_STATS_FILE": str(work / "stats.json")}
    if workers is not None:
        settings["NEWSBOT_EXTRACT_WORKERS"] = str(workers)
    command = [
        sys.executable,
        "-m",
        "newsbot",
        "crawl",
        "bench",
        "-o",
        str(work / "items.jsonl"),
        "--sources-dir",
        str(sources),
    ]
    command += [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]
    started = time.perf_counter()
    crawl = subprocess.Popen(
        command, cwd=work, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    monitor = _TreeMonitor(crawl.pid)
    monitor.start()
    try:
        _, stderr = crawl.communicate()
    finally:
        if crawl.poll() is None:  # interrupted: stop the crawl (and so its workers) too
            crawl.terminate()
            crawl.communicate()
        wall = time.perf_counter() - started
        monitor.stop()
    if crawl.returncode != 0:
        raise RuntimeError(f"the bench crawl failed ({crawl.returncode}): {stderr[-2000:]}")
    stats = json.loads((work / "stats.json").read_text(encoding="utf-8"))
    return {
        "site_pages": pages,
        "pages": int(stats.get("newsbot/pages", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "seconds": float(stats.get("elapsed_time_seconds") or wall),
        "wall_seconds": wall,
        "peak_rss_mb": monitor.peak_bytes / 2**20,
        "cpu_seconds": monitor.cpu_seconds,
        "main_cpu_seconds": monitor.main_cpu_seconds,
        "workers": workers,
        "finish_reason": stats.get("finish_reason"),
    }


def _env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), root) if p)
    return env


class _TreeMonitor(threading.Thread):
    """Samples the summed RSS (and CPU time) of a process and its descendants."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self.cpu_seconds = 0.0
        self.main_cpu_seconds = 0.0
        self._cpu: dict[int, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self._sample()
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.cpu_seconds = sum(self._cpu.values())
        self.main_cpu_seconds = self._cpu.get(self.pid, 0.0)

    def _sample(self) -> None:
        tree = _descendants(self.pid) | {self.pid}
        total = 0
        for pid in tree:
            try:
                statm = Path(f"/proc/{pid}/statm").read_text().split()
            except OSError:
                continue
            total += int(statm[1]) * _PAGE_SIZE
            self._cpu[pid] = max(self._cpu.get(pid, 0.0), _cpu_seconds(pid))
        self.peak_bytes = max(self.peak_bytes, total)


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process (its own, not its children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
