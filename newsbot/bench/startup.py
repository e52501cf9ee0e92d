"""Start-up: the wall time of ``newsbot extract one.html``, as a user runs it.

Each run is a fresh interpreter (``python -m newsbot extract PAGE``); the median of
``runs`` is reported, with the CPU time beside it (the figure a busy machine disturbs
least). What dominates is imports: the CLI imports only the chosen command's module, and
``newsbot extract`` never imports Scrapy.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsbot.bench import aeb_pages

TARGET_S = 1.0


@dataclass(frozen=True)
class StartupBenchResult:
    runs: int
    wall_s: float
    """Median wall time of one ``newsbot extract`` of one page."""
    cpu_s: float
    """Median CPU time (user + system) of the same runs."""
    imports_scrapy: bool
    """Whether ``newsbot extract`` imported Scrapy (it must not)."""


def bench_startup(corpus: Path, runs: int = 5) -> StartupBenchResult:
    page = aeb_pages(corpus)[0]
    command = [sys.executable, "-m", "newsbot", "extract", str(page)]
    env = {**os.environ, "PYTHONPATH": _pythonpath()}
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsbot", "extract", str(page)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    imports_scrapy = any(line.rstrip().endswith("| scrapy") for line in probe.stderr.splitlines())
    return StartupBenchResult(
        runs, statistics.median(walls), statistics.median(cpus), imports_scrapy
    )


def _pythonpath() -> str:
    root = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), root) if p)
