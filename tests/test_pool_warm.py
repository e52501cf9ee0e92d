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
from newsbot.pipelines import worker_process
with ProcessPoolExecutor(1, mp_context=worker_process.mp_context()) as executor:
    threshold = executor.submit(gc.get_threshold).result(timeout=120)
    frozen = executor.submit(gc.get_freeze_count).result(timeout=120)
worker_process.stop_helpers()
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


PAGE = """<html><head><title>Council approves the bus plan</title></head><body><article>
<h1>Council approves the bus plan</h1>
<p>The city council approved the plan on Thursday after a debate that ran late into the
evening, officials said, and the new routes start in the spring.</p>
<p>Residents who spoke at the meeting were divided, and several said they would take the
matter to the regional court if the council did not reconsider.</p>
</article></body></html>"""
# A page with no structured date goes to htmldate, which finds the URL's.
EXTRACT = f"""
import sys
from newsbot.pipelines.worker import warm_up
from newsbot.extraction import extract_article
warm_up()
article = extract_article({PAGE!r}, "https://news.example/2021/03/04/bus-plan/")
print(article.datePublished, "dateparser" in sys.modules)
"""


def test_warm_extraction_never_loads_dateparser() -> None:
    """htmldate without its extensive search never parses with dateparser, so the warm-up
    leaves out its 1.7 s compile: a dates change that needs it must warm it up again."""
    done = subprocess.run(
        [sys.executable, "-c", EXTRACT], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["2021-03-04", "False"]


# In a subprocess: its children are the forkserver and the resource tracker (the workers
# are the forkserver's children).
PRESTART = """
import asyncio, os, sys
from newsbot.item import FetchedPage
from newsbot.pipelines import pool, worker_process

def children():
    found = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as listing:
            found += [int(pid) for pid in listing.read().split()]
    return sorted(found)

worker_process.prestart(0)
print(children())
worker_process.prestart(2)
started = children()
print(len(started))
extraction = pool.ExtractionPool(1)
extraction.start()
page = FetchedPage(url="https://a.example/1", source="a", body=sys.argv[1].encode(),
                   encoding="utf-8", fetchedAt="2024-05-01T10:00:00Z")
print(asyncio.run(extraction.extract(page)).headline)
print(children() == started)
extraction.close()
print(children())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver workers: Linux")
def test_a_prestarted_forkserver_serves_the_pool_and_stops_with_it() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PRESTART, PAGE],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    none, started, headline, same, after = done.stdout.splitlines()
    assert none == "[]"  # no workers, no forkserver
    assert started == "2"  # the forkserver and its resource tracker
    assert headline == "Council approves the bus plan"
    assert same == "True"  # the pool forked its worker from that forkserver
    assert after == "[]"
