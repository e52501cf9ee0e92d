"""The extraction workers' allocator: jemalloc preloaded into the workers (and nothing
else) where the system has it, the system's allocator when asked, a bad value refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.errors import UsageError
from newsbot.pipelines.allocator import allocator_choice, preload_library, preloaded


@pytest.mark.parametrize(
    ("value", "choice"),
    [(None, "jemalloc"), ("", "jemalloc"), ("system", "system"), (" JEMALLOC ", "jemalloc")],
)
def test_the_setting_reads_as_one_of_two_choices(value: object, choice: str) -> None:
    assert allocator_choice(value) == choice


def test_another_allocator_is_refused_by_name() -> None:
    with pytest.raises(UsageError, match="NEWSBOT_EXTRACT_ALLOCATOR: one of jemalloc, system"):
        allocator_choice("tcmalloc")


def test_the_system_choice_preloads_nothing() -> None:
    assert preload_library("system") is None


def test_preloading_goes_first_and_the_environment_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LD_PRELOAD", "libmine.so")
    with preloaded("libfast.so.2"):
        assert os.environ["LD_PRELOAD"] == "libfast.so.2 libmine.so"
    assert os.environ["LD_PRELOAD"] == "libmine.so"
    monkeypatch.delenv("LD_PRELOAD")
    with preloaded("libfast.so.2"):
        assert os.environ["LD_PRELOAD"] == "libfast.so.2"
    assert "LD_PRELOAD" not in os.environ
    with preloaded(None):
        assert "LD_PRELOAD" not in os.environ


_MAPS = """
import asyncio, json, os, sys
from newsbot.item import FetchedPage
from newsbot.pipelines.pool import ExtractionPool
from newsbot.pipelines.worker_process import stop_helpers

PARAGRAPH = "<p>The port reopened on Monday after a week of repairs to its two quays.</p>"
BODY = f"<html><body><article><h1>Port reopens</h1>{PARAGRAPH * 12}</article></body></html>"

def libraries(pid):
    with open(f"/proc/{pid}/maps") as maps:
        return sorted({line.split()[-1].rsplit("/", 1)[-1] for line in maps if ".so" in line})

async def run(allocator):
    pool = ExtractionPool(1, allocator)
    pool.start()
    page = FetchedPage(url="https://a.example/1", source="a", body=BODY.encode(),
                       encoding="utf-8", fetchedAt="2024-05-01T10:00:00Z")
    article = await pool.extract(page)
    (worker,) = pool._started
    found = libraries(worker.process.pid)
    pool.close()
    return {"headline": article.headline, "jemalloc": any("jemalloc" in l for l in found)}

if __name__ == "__main__":
    out = {}
    for allocator in sys.argv[1:]:
        out[allocator] = asyncio.run(run(allocator))
        out[allocator]["here"] = any("jemalloc" in l for l in libraries(os.getpid()))
        out[allocator]["env"] = os.environ.get("LD_PRELOAD")
        stop_helpers()  # the next pool's forkserver starts afresh, with its allocator
    print(json.dumps(out))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_PRELOAD and /proc: Linux")
def test_workers_run_on_jemalloc_and_the_crawl_process_does_not(tmp_path: Path) -> None:
    if preload_library("jemalloc") is None:
        pytest.skip("this system has no libjemalloc (Debian: libjemalloc2); .ci/run installs it")
    script = tmp_path / "maps.py"
    script.write_text(_MAPS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    done = subprocess.run(
        [sys.executable, str(script), "jemalloc", "system"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    out = json.loads(done.stdout)
    for allocator in ("jemalloc", "system"):
        assert out[allocator]["headline"] == "Port reopens"
        assert out[allocator]["here"] is False
        assert out[allocator]["env"] is None
    assert out["jemalloc"]["jemalloc"] is True
    assert out["system"]["jemalloc"] is False
