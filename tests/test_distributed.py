"""Several workers, one crawl, one Redis (``newsbot crawl --redis URL``), as users run it.

Each test serves a local site of 200 article pages (distinct bodies) and a sitemap, with a
small delay per article so that the work spreads over the workers, and starts the workers
as subprocesses (``python -m newsbot crawl --redis ...``) against the session's real
``redis-server``, each test in a namespace of its own (``?namespace=...``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsbot.distributed.state import CycleState, next_step
from tests.support.conditional_site import (
    ConditionalSite,
    article_path,
    running_site,
    write_site,
    write_source,
)
from tests.support.crawls import NOW, env

pytestmark = pytest.mark.redis

redis = pytest.importorskip("redis")

ARTICLES = range(1, 201)
SPIDER = "localnews"
DELAY_S = 0.12  # per article page: a worker fetches 4 at a time, so ~3 s of work each
WORKER_TIMEOUT_S = 3.0  # a killed worker is found dead this long after its last heartbeat
DEADLINE_S = 120.0


@pytest.fixture
def site(tmp_path: Path) -> Iterator[ConditionalSite]:
    root = tmp_path / "site"
    root.mkdir()
    with running_site(root, tmp_path / "requests.jsonl", delay=DELAY_S) as served:
        write_site(root, served.url, ARTICLES)
        write_source(tmp_path / "sources", SPIDER, served.url)
        yield served


def namespace_of(uri: str) -> str:
    return uri.rpartition("namespace=")[2]


def worker(tmp_path: Path, name: str, uri: str, *settings: str) -> subprocess.Popen[str]:
    """``newsbot crawl localnews --redis URI -o NAME.jsonl`` in a directory of its own."""
    cwd = tmp_path / name
    cwd.mkdir()
    command = [
        *(sys.executable, "-m", "newsbot", "crawl", SPIDER, "--redis", uri),
        *("--sources-dir", str(tmp_path / "sources"), "-o", f"{name}.jsonl"),
        *("-s", "LOG_LEVEL=WARNING"),  # Python warnings are logged at WARNING
        *("-s", f"NEWSBOT_NOW={NOW}", "-s", "NEWSBOT_STRICT=True"),
        *("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=4"),
        *("-s", "HTTPCACHE_ENABLED=False", "-s", "NEWSBOT_EXTRACT_WORKERS=0"),
        *("-s", f"NEWSBOT_REDIS_WORKER_TIMEOUT={WORKER_TIMEOUT_S}"),
        *("-s", "NEWSBOT_STATS_FILE=stats.json"),
        *(arg for setting in settings for arg in ("-s", setting)),
    ]
    return subprocess.Popen(
        command, cwd=cwd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> str:
    """Wait for a worker; its stderr. It must end on its own, successfully."""
    _, stderr = process.communicate(timeout=DEADLINE_S)
    assert process.returncode == 0, stderr
    return stderr


def urls(tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / name / f"{name}.jsonl"
    return [json.loads(line)["url"] for line in path.read_text().splitlines() if line]


def stats(tmp_path: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((tmp_path / name / "stats.json").read_text())
    return loaded


def expected_urls(site: ConditionalSite) -> set[str]:
    return {site.url + article_path(n) for n in ARTICLES}


def client(uri: str) -> Any:
    return redis.Redis.from_url(uri.partition("?")[0])


def test_two_workers_split_one_crawl_and_deliver_each_article_once(
    tmp_path: Path, site: ConditionalSite, redis_uri: str
) -> None:
    items_key = f"NEWSBOT_REDIS_ITEMS_KEY={namespace_of(redis_uri)}:items"
    w1 = worker(tmp_path, "w1", redis_uri, items_key)
    w2 = worker(tmp_path, "w2", redis_uri, items_key)
    for log in (finish(w1), finish(w2)):
        # scrapy-redis 0.9 predates Scrapy 2.13: newsbot's scheduler avoids its deprecated
        # calls, so a worker logs no deprecation warning.
        assert "DeprecationWarning" not in log

    one, two = urls(tmp_path, "w1"), urls(tmp_path, "w2")
    together = Counter(one + two)
    assert set(together) == expected_urls(site)  # every article
    assert max(together.values()) == 1  # once
    for share in (one, two):
        assert len(share) >= 0.2 * len(ARTICLES), (len(one), len(two))

    # Discovery ran once: one worker seeded, the sitemap was fetched once.
    seeders = [n for n in ("w1", "w2") if stats(tmp_path, n).get("newsbot/redis/seeded")]
    assert len(seeders) == 1
    assert [r["path"] for r in site.requests()].count("/sitemap.xml") == 1
    fetched = Counter(article_requests(site))
    assert max(fetched.values()) == 1  # no page downloaded by both

    # Scheduler, queue and dedup store share one Redis, under the test's namespace.
    ns = namespace_of(redis_uri)
    r = client(redis_uri)
    assert r.exists(f"{ns}:crawl:{SPIDER}:dupefilter")  # scrapy-redis's seen requests
    assert r.scard(f"{ns}:crawl:{SPIDER}:dupefilter") == 1 + len(ARTICLES)
    assert r.zcard(f"{ns}:articles") == len(ARTICLES)  # the dedup store's articles
    assert not r.exists(f"{SPIDER}:requests", f"{SPIDER}:dupefilter")  # no un-namespaced key
    assert not r.keys(f"{ns}:crawl:{SPIDER}:inflight:*")  # nothing left in flight
    assert not r.scard(f"{ns}:crawl:{SPIDER}:workers")  # both left cleanly
    # Kept items were also pushed to the list NEWSBOT_REDIS_ITEMS_KEY names, each once.
    pushed = [json.loads(data)["url"] for data in r.lrange(f"{ns}:items", 0, -1)]
    assert Counter(pushed) == together

    # A reset clears the crawl's keys with the store's.
    reset = subprocess.run(
        [sys.executable, "-m", "newsbot", "store", "reset", "--store", redis_uri],
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert reset.returncode == 0, reset.stderr
    assert not r.keys(f"{ns}:crawl:*")
    assert not r.keys(f"{ns}:url:*")


def article_requests(site: ConditionalSite) -> list[str]:
    return [r["path"] for r in site.requests() if r["path"].startswith("/news/")]


def claims_of(r: Any, ns: str, pid: int) -> int:
    """How many articles the worker with this pid has claimed (kept or about to be)."""
    for member in r.smembers(f"{ns}:crawl:{SPIDER}:workers"):
        worker_id = member.decode()
        if worker_id.split(":")[-2] == str(pid):
            return int(r.scard(f"{ns}:crawl:{SPIDER}:claims:{worker_id}"))
    return 0


def test_a_worker_killed_mid_crawl_loses_no_article(
    tmp_path: Path, site: ConditionalSite, redis_uri: str
) -> None:
    ns = namespace_of(redis_uri)
    r = client(redis_uri)
    w1 = worker(tmp_path, "w1", redis_uri)
    w2 = worker(tmp_path, "w2", redis_uri)
    deadline = time.monotonic() + DEADLINE_S
    # Kill w1 once 40% of the pages are served: mid-crawl, at a moment unrelated to what w1
    # is doing (a trigger on w1's own progress would hit the same pipeline step each time).
    while len(article_requests(site)) < 0.4 * len(ARTICLES):
        assert w1.poll() is None, w1.communicate()[1]
        assert time.monotonic() < deadline, "the crawl made no progress in time"
        time.sleep(0.05)  # a poll interval; the loop's condition is what we wait for
    os.kill(w1.pid, signal.SIGKILL)
    claimed = claims_of(r, ns, w1.pid)  # read before anyone finds w1 dead (its timeout)
    w1.communicate(timeout=30)
    assert claimed, "w1 had kept nothing when killed"
    assert r.zcard(f"{ns}:articles") < len(ARTICLES), "the crawl ended before the kill"
    w3 = worker(tmp_path, "w3", redis_uri)  # the killed worker, restarted
    finish(w2)
    finish(w3)

    # The killed worker's feed is a temporary file that never became w1.jsonl: none of
    # the articles it kept were delivered by it.
    assert not (tmp_path / "w1" / "w1.jsonl").exists()
    together = Counter(urls(tmp_path, "w2") + urls(tmp_path, "w3"))
    assert set(together) == expected_urls(site)  # no article lost
    # Duplicates: none. The worker that found w1 dead took over its claims and delivered
    # the articles w1 had kept, from the store ("recovered"); w1's in-flight requests went
    # back to the queue ("requeued"), and those w1 had already kept were skipped by the
    # seen-URL check, so no article reached two feeds.
    duplicates = sum(n - 1 for n in together.values())
    runs = {name: stats(tmp_path, name) for name in ("w2", "w3")}
    assert duplicates == 0, runs
    rescuers = [run for run in runs.values() if run.get("newsbot/redis/dead_workers")]
    assert len(rescuers) == 1, runs  # w1 only: no live worker was taken for dead
    rescue = rescuers[0]
    # w1's kept articles, delivered by another (a claim is made just before the dedup
    # stage keeps the article, so a few claims may not have been kept yet)
    assert 1 <= rescue["newsbot/redis/recovered"] <= claimed
    # Work repeated, not output: a page w1 was downloading when killed is fetched again.
    fetched = Counter(article_requests(site))
    refetched = sum(n - 1 for n in fetched.values())
    assert refetched <= rescue.get("newsbot/redis/requeued", 0)


def test_a_worker_stopped_with_sigterm_gives_its_requests_back_at_once(
    tmp_path: Path, site: ConditionalSite, redis_uri: str
) -> None:
    ns = namespace_of(redis_uri)
    keys = f"{ns}:crawl:{SPIDER}"
    r = client(redis_uri)
    w1 = worker(tmp_path, "w1", redis_uri)
    deadline = time.monotonic() + DEADLINE_S
    while len(article_requests(site)) < 0.3 * len(ARTICLES):
        assert w1.poll() is None, w1.communicate()[1]
        assert time.monotonic() < deadline, "the crawl made no progress in time"
        time.sleep(0.05)  # a poll interval; the loop's condition is what we wait for
    w1.send_signal(signal.SIGTERM)
    w1.communicate(timeout=DEADLINE_S)
    assert stats(tmp_path, "w1")["finish_reason"] == "shutdown"
    # Its unfinished requests are back in the queue, its feed is complete, it left.
    assert r.zcard(f"{keys}:requests") > 0
    assert not r.keys(f"{keys}:inflight:*")
    assert not r.smembers(f"{keys}:workers")
    first = urls(tmp_path, "w1")
    assert first

    w2 = worker(tmp_path, "w2", redis_uri)  # no wait for a timeout: w1 is not "dead"
    finish(w2)
    together = Counter(first + urls(tmp_path, "w2"))
    assert set(together) == expected_urls(site)
    assert max(together.values()) == 1
    assert not stats(tmp_path, "w2").get("newsbot/redis/dead_workers")


def test_workers_wait_for_discovery_and_take_over_from_a_dead_seeder(
    tmp_path: Path, site: ConditionalSite, redis_uri: str
) -> None:
    ns = namespace_of(redis_uri)
    keys = f"{ns}:crawl:{SPIDER}"
    r = client(redis_uri)
    # A "ghost" worker holds the seed lock and has not finished discovery.
    r.set(f"{keys}:seed", "ghost", ex=3600)
    r.sadd(f"{keys}:workers", "ghost")
    w1 = worker(tmp_path, "w1", redis_uri)
    deadline = time.monotonic() + DEADLINE_S
    beats: set[bytes] = set()
    while len(beats) < 4:  # w1 is up and has waited through several heartbeats
        r.set(f"{keys}:worker:ghost", "alive", px=int(WORKER_TIMEOUT_S * 1000))
        assert w1.poll() is None, w1.communicate()[1]  # it did not leave before discovery
        assert time.monotonic() < deadline, "w1 never started"
        beats.update(v for v in r.mget(heartbeat_keys(r, keys)) if v)
        time.sleep(0.05)  # a poll interval; the loop's condition is what we wait for
    assert not site.requests()  # a consumer does not run discovery itself
    r.delete(f"{keys}:worker:ghost")  # the ghost dies: its lock is released, w1 seeds
    finish(w1)

    assert set(urls(tmp_path, "w1")) == expected_urls(site)
    assert [rq["path"] for rq in site.requests()].count("/sitemap.xml") == 1
    run = stats(tmp_path, "w1")
    assert run["newsbot/redis/dead_workers"] == 1
    assert run["newsbot/redis/seeded"] == 1


def heartbeat_keys(r: Any, keys: str) -> list[str]:
    workers = [m.decode() for m in r.smembers(f"{keys}:workers")]
    return [f"{keys}:worker:{w}" for w in workers if w != "ghost"] or [f"{keys}:none"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_an_unreachable_redis_is_one_clear_error_within_seconds(tmp_path: Path) -> None:
    write_source(tmp_path / "sources", SPIDER, "http://127.0.0.1:9")
    uri = f"redis://127.0.0.1:{free_port()}/0"
    started = time.monotonic()
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "newsbot", "crawl", SPIDER, "--redis", uri, "-q"),
            *("--sources-dir", str(tmp_path / "sources"), "-o", "out.jsonl"),
        ],
        cwd=tmp_path,
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 15
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"newsbot: error: can't reach Redis at {uri}")


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (CycleState(0, "w1", False, (), ()), "wait"),  # the seeder is still discovering
        (CycleState(5, "w1", True, (), ()), "wait"),  # requests queued
        (CycleState(0, "w1", True, ("w2",), ()), "wait"),  # another worker is busy
        (CycleState(0, "w1", True, ("me",), ()), "wait"),  # a response of mine in transit
        (CycleState(0, "w1", True, (), ()), "done"),
        (CycleState(0, None, True, (), ()), "done"),  # a late worker of a finished cycle
        (CycleState(0, None, False, (), ()), "seed"),  # the seeder died: seed again
        (CycleState(0, "w1", True, (), ("w2",)), "rescue"),
    ],
)
def test_what_an_idle_worker_does(state: CycleState, step: str) -> None:
    assert next_step(state) == step
