"""Extraction workers fork warm: loaded data frozen out of the collector's sight, and the
young generation collected rarely (a page's objects go by reference counting)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

# In a subprocess: the forkserver it starts must not outlive the check.
CHECK = """
import gc
from concurrent.futures import ProcessPoolExecutor
from newsbot.pipelines import pool
with ProcessPoolExecutor(1, mp_context=pool._context()) as executor:
    threshold = executor.submit(gc.get_threshold).result(timeout=120)
    frozen = executor.submit(gc.get_freeze_count).result(timeout=120)
pool._stop_helpers()
print(threshold[0], frozen, gc.get_threshold()[0])
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver workers: Linux")
def test_a_worker_starts_with_a_frozen_heap_and_a_high_young_threshold() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=180, check=True
    )
    worker_threshold, worker_frozen, crawl_threshold = map(int, done.stdout.split())
    assert worker_threshold == 10_000
    assert worker_frozen > 10_000  # trafilatura, htmldate, lxml and their tables
    assert crawl_threshold == gc.get_threshold()[0]  # the crawl process keeps the default
