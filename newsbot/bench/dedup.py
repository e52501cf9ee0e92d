"""Dedup benchmark: check-and-add latency, peak RSS and store size at scale.

Synthetic articles have realistic lengths (log-normal, median about 520 words, in
paragraphs of 30-80 words) over a Zipf-like vocabulary; about 10% are near-copies of
a recent article (trimmed, a local paragraph added, a word changed), dated within hours
of it, as syndicated wire copy is. ``python -m newsbot.bench.dedup --n 1000000`` runs
the SQLite figure of the performance issue; ``--store redis://...`` the Redis one.
"""

from __future__ import annotations

import argparse
import importlib
import os
import queue
import resource
import sys
import tempfile
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any, cast

import numpy as np

from newsbot.dedup.stage import DedupStage
from newsbot.dedup.store import DocRecord, Store, open_store
from newsbot.dedup.store.sqlite import path_from_uri

SQLITE_TARGET_P99_MS = 2.0
RSS_TARGET_MB = 400.0
_VOCABULARY = 60_000
_START = 1_700_000_000.0


@dataclass
class BenchResult:
    backend: str
    n: int
    p50_ms: float
    p99_ms: float
    stage_p50_ms: float
    stage_p99_ms: float
    cpu_p50_ms: float
    cpu_p99_ms: float
    kinds: dict[str, int]
    peak_rss_mb: float
    store_bytes: int | None
    seconds: float
    preempted: int = 0
    """Check-and-adds during which the thread was preempted (involuntary switch)."""
    unpreempted_p99_ms: float = 0.0
    """p99 wall time of the other check-and-adds: the store's own tail, without CPU waits."""
    producer_rss_mb: float = 0.0
    """Peak RSS of the process that generates and signs the articles."""


def synthetic_articles(n: int, near_share: float = 0.1, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``n`` article items; about ``near_share`` of them near-copies of a recent one."""
    rng = np.random.default_rng(seed)
    words = [f"w{i:x}" for i in range(_VOCABULARY)]
    cumulative = np.cumsum(1.0 / (np.arange(_VOCABULARY) + 10.0))
    cumulative /= cumulative[-1]
    recent: list[tuple[list[str], float]] = []

    def paragraph() -> str:
        picks = np.searchsorted(cumulative, rng.random(int(rng.integers(30, 81))))
        return " ".join([words[i] for i in picks.tolist()])

    for i in range(n):
        stamp = _START + i * 30.0
        if recent and rng.random() < near_share:
            paragraphs, original_stamp = recent[int(rng.integers(len(recent)))]
            copy = list(paragraphs)
            if len(copy) > 4:
                del copy[-int(rng.integers(1, 3)) :]
            copy.insert(int(rng.integers(1, len(copy) + 1)), paragraph())
            first = copy[0].split()
            first[int(rng.integers(len(first)))] = words[int(rng.integers(_VOCABULARY))]
            copy[0] = " ".join(first)
            paragraphs, stamp = copy, original_stamp + float(rng.uniform(60, 6 * 3600))
        else:
            target_words = min(3000, max(80, int(rng.lognormal(6.25, 0.45))))
            paragraphs, length = [], 0
            while length < target_words:
                paragraphs.append(paragraph())
                length += paragraphs[-1].count(" ") + 1
            recent.append((paragraphs, stamp))
            if len(recent) > 500:
                recent.pop(0)
        published = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(stamp))
        yield {
            "url": f"https://outlet{i % 97}.example/news/{i}",
            "source": f"outlet{i % 97}",
            "articleBody": "\n\n".join(paragraphs),
            "datePublished": published,
            "fetchedAt": published,
        }


_BATCH = 256
PRODUCER_NICENESS = 10


def _produce(n: int, batches: Queue[list[tuple[DocRecord, float]] | None]) -> None:
    """In a process of its own: the store records of ``n`` articles, each with the
    milliseconds ``record_for`` took (normalize, shingle, MinHash), in batches.

    It runs at a lower priority than the timed thread, so that it doesn't take the CPU
    from it in the middle of a check-and-add.
    """
    os.nice(PRODUCER_NICENESS)
    # record_for reads only the hasher, never the store.
    stage = DedupStage(cast("Store", None))
    batch: list[tuple[DocRecord, float]] = []
    for article in synthetic_articles(n):
        t0 = time.perf_counter()
        record = stage.record_for(article)
        batch.append((record, (time.perf_counter() - t0) * 1000))
        if len(batch) == _BATCH:
            batches.put(batch)
            batch = []
    batches.put(batch)
    batches.put(None)


def _records(n: int) -> Iterator[tuple[DocRecord, float]]:
    """The records of ``n`` synthetic articles, computed in a producer process.

    Generating and signing an article costs more CPU than storing it; on a second core
    the run takes about half as long, and the thread that is timed does only the
    check-and-add.
    """
    context = get_context("spawn")
    batches: Queue[list[tuple[DocRecord, float]] | None] = context.Queue(maxsize=16)
    # By its module's name: run as ``python -m``, this module is ``__main__``.
    produce = importlib.import_module("newsbot.bench.dedup")._produce
    producer = context.Process(target=produce, args=(n, batches), name="newsbot-bench-articles")
    producer.start()
    try:
        while True:
            try:
                batch = batches.get(timeout=1.0)
            except queue.Empty:
                if not producer.is_alive():
                    raise RuntimeError(
                        f"the article producer died (exit code {producer.exitcode})"
                    ) from None
                continue
            if batch is None:
                return
            yield from batch
    finally:
        producer.kill()
        producer.join()


def run(uri: str, n: int, progress: bool = False) -> BenchResult:
    """Insert ``n`` synthetic articles into the (fresh) store at ``uri`` and measure.

    Each check-and-add is timed in wall and thread CPU time, and counted as preempted
    when the kernel took the CPU away from the thread during it (an involuntary context
    switch): on a busy machine those calls make the wall tail, whatever the store does.
    """
    store = open_store(uri)
    stage = DedupStage(store)
    store_ms = array("d")
    stage_ms = array("d")
    cpu_ms = array("d")
    unpreempted_ms = array("d")
    kinds: dict[str, int] = {}
    started = time.perf_counter()
    try:
        for i, (record, record_ms) in enumerate(_records(n), 1):
            switches = _involuntary_switches()
            c1 = time.thread_time()
            t1 = time.perf_counter()
            decision = store.check_and_add(record, stage.choose)
            t2 = time.perf_counter()
            c2 = time.thread_time()
            wall = (t2 - t1) * 1000
            cpu_ms.append((c2 - c1) * 1000)
            store_ms.append(wall)
            stage_ms.append(record_ms + wall)
            if _involuntary_switches() == switches:
                unpreempted_ms.append(wall)
            kinds[decision.kind] = kinds.get(decision.kind, 0) + 1
            if progress and i % 50_000 == 0:
                print(
                    f"  {i:>9,} articles, {time.perf_counter() - started:7.1f} s,"
                    f" last 50k: check-and-add p50 {_quantile(store_ms[-50_000:], 0.5):.3f}"
                    f" p99 {_quantile(store_ms[-50_000:], 0.99):.3f} ms"
                    f" (CPU p99 {_quantile(cpu_ms[-50_000:], 0.99):.3f} ms)",
                    flush=True,
                )
        size = store.stats().size_bytes
    finally:
        store.close()
    if uri.startswith("sqlite:"):
        # Closed, the WAL (up to RESTART_WAL_BYTES while open) is copied in and deleted.
        path = path_from_uri(uri)
        files = (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
        size = sum(p.stat().st_size for p in files if p.exists())
    return BenchResult(
        backend=uri.split(":", 1)[0],
        n=n,
        p50_ms=_quantile(store_ms, 0.50),
        p99_ms=_quantile(store_ms, 0.99),
        stage_p50_ms=_quantile(stage_ms, 0.50),
        stage_p99_ms=_quantile(stage_ms, 0.99),
        cpu_p50_ms=_quantile(cpu_ms, 0.50),
        cpu_p99_ms=_quantile(cpu_ms, 0.99),
        kinds=kinds,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        store_bytes=size,
        seconds=time.perf_counter() - started,
        preempted=n - len(unpreempted_ms),
        unpreempted_p99_ms=_quantile(unpreempted_ms, 0.99),
        producer_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def _involuntary_switches() -> int:
    return resource.getrusage(resource.RUSAGE_THREAD).ru_nivcsw


def _quantile(values: array[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def format_result(result: BenchResult) -> str:
    size = f"{result.store_bytes / 1e6:,.0f} MB" if result.store_bytes is not None else "n/a"
    kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(result.kinds.items()))
    lines = [
        f"dedup bench: {result.backend}, {result.n:,} articles"
        f" in {result.seconds:,.0f} s ({kinds})",
        f"  check-and-add   p50 {result.p50_ms:.3f} ms   p99 {result.p99_ms:.3f} ms"
        f"   (target p99 <= {SQLITE_TARGET_P99_MS} ms at 1M on SQLite)",
        f"  its CPU time    p50 {result.cpu_p50_ms:.3f} ms   p99 {result.cpu_p99_ms:.3f} ms"
        "   (this thread only: without waits for the CPU, the disk or other writers)",
        f"  not preempted   p99 {result.unpreempted_p99_ms:.3f} ms   ({result.preempted:,} calls,"
        f" {result.preempted / max(result.n, 1):.2%}, lost the CPU to another thread midway)",
        f"  whole stage     p50 {result.stage_p50_ms:.3f} ms   p99 {result.stage_p99_ms:.3f} ms"
        "   (normalize, shingle, MinHash in the producer process, check-and-add)",
        f"  peak RSS        {result.peak_rss_mb:,.0f} MB   (target <= {RSS_TARGET_MB:.0f} MB;"
        f" the producer process: {result.producer_rss_mb:,.0f} MB)",
        f"  store size      {size}",
    ]
    return "\n".join(lines)


def bench_sqlite(n: int = 1_000_000, directory: Path | None = None) -> BenchResult:
    """The SQLite figure: ``n`` articles into a fresh store in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-", dir=directory) as tmp:
        return run(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", n)


def bench_redis(uri: str, n: int = 100_000) -> BenchResult:
    """The Redis figure, in a namespace of its own that is deleted afterwards."""
    scoped = _scoped_redis_uri(uri)
    try:
        return run(scoped, n)
    finally:
        store = open_store(scoped)
        store.reset()
        store.close()


def _scoped_redis_uri(uri: str) -> str:
    if "namespace=" in uri:
        return uri
    return f"{uri}{'&' if '?' in uri else '?'}namespace=newsbot-bench-{os.getpid()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.bench.dedup", description=__doc__)
    parser.add_argument("--n", type=int, default=None, help="articles (default 1M, Redis 100k)")
    parser.add_argument(
        "--store",
        help="sqlite:///FILE (must not exist) or redis://HOST:PORT/DB (a bench namespace is"
        " used and deleted); default: a new SQLite file in a temporary directory",
    )
    args = parser.parse_args(argv)
    if args.store and args.store.startswith(("redis://", "rediss://", "unix://")):
        uri = _scoped_redis_uri(args.store)
        try:
            result = run(uri, args.n or 100_000, progress=True)
        finally:
            store = open_store(uri)
            store.reset()
            store.close()
    elif args.store:
        result = run(args.store, args.n or 1_000_000, progress=True)
    else:
        with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
            uri = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            result = run(uri, args.n or 1_000_000, progress=True)
    print(format_result(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
