"""Several processes writing one SQLite store at once: no "database is locked", no lost key.

First the store alone, hammered by writer processes that start together and overlap on
half their URLs; then two real ``newsbot crawl`` processes of the fault site's articles
sharing one store.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from newsbot.dedup.store import open_store
from tests.support.faultsite import BULK_ARTICLES, FaultSite

WRITER = textwrap.dedent(
    """
    import hashlib, json, sys, time
    from pathlib import Path
    from newsbot.dedup.store import DocRecord, open_store

    uri, tag, go, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    store = open_store(uri)
    while not go.exists():  # start together, to collide as much as possible
        time.sleep(0.001)
    for i in range(count):
        url = f"http://127.0.0.1/shared/{i}" if i % 2 else f"http://127.0.0.1/{tag}/{i}"
        doc = DocRecord(url=url, source=tag, story_id=f"{tag}-{i}", published=None,
                        shingles=b"", fingerprint=hashlib.sha256(url.encode()).hexdigest()[:16])
        decision = store.check_and_add(doc, lambda doc, candidates: None)
        if decision.kind == "new":
            store.put_article({"url": url, "source": tag, "articleBody": "x",
                               "fetchedAt": "2026-11-26T00:00:00Z"})
        print(json.dumps([url, decision.kind]), flush=True)
    store.close()
    """
)


def _wait_all(procs: list[subprocess.Popen[str]], timeout: float = 120) -> list[str]:
    deadline = time.monotonic() + timeout
    outputs, errors = [], []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            outputs.append(out)
            errors.append(err if proc.returncode == 0 else f"exit {proc.returncode}: {err}")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert [e for e in errors if e] == []  # no "database is locked", no error at all
    return outputs


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_lose_nothing_and_never_see_locked(tmp_path: Path, writers: int) -> None:
    uri = f"sqlite:///{tmp_path / 'store.sqlite'}"
    open_store(uri).close()  # create it first: the writers race on rows, not on the schema
    script, go, count = tmp_path / "writer.py", tmp_path / "go", 400
    script.write_text(WRITER)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), uri, f"w{n}", str(go), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(writers)
    ]
    go.touch()
    decisions = [json.loads(line) for out in _wait_all(procs) for line in out.splitlines()]

    assert len(decisions) == writers * count
    new = Counter(url for url, kind in decisions if kind == "new")
    shared = {f"http://127.0.0.1/shared/{i}" for i in range(1, count, 2)}
    own = {f"http://127.0.0.1/w{n}/{i}" for n in range(writers) for i in range(0, count, 2)}
    # Check-and-add is atomic: each URL is new exactly once, whichever writer got there first.
    assert set(new) == shared | own
    assert set(new.values()) == {1}
    store = open_store(uri)
    try:
        assert all(store.has_url(url) for url in shared | own)
        stats = store.stats()
        assert stats.urls == len(shared | own)
        assert stats.articles == len(shared | own)
    finally:
        store.close()


def test_two_crawls_share_one_store_without_locks_or_lost_articles(tmp_path: Path) -> None:
    store_uri = f"sqlite:///{tmp_path / 'shared' / 'store.sqlite'}"
    (tmp_path / "shared").mkdir()
    with FaultSite(tmp_path) as site:
        sources = tmp_path / "sources"
        sources.mkdir()
        for name in ("alpha", "beta"):  # the same articles: the crawls race for every key
            (sources / f"{name}.toml").write_text(
                f'site_name = "Bulk Gazette"\ndomains = ["127.0.0.1"]\nallow_loopback = true\n'
                f'[discovery]\nsitemaps = ["{site.url("/bulk/sitemap.xml")}"]\n'
            )
        procs = {}
        for name in ("alpha", "beta"):
            workdir = tmp_path / name
            workdir.mkdir()
            argv = [sys.executable, "-m", "newsbot", "crawl", name, "--sources-dir", str(sources),
                    "-o", str(workdir / "items.jsonl"), "-s", f"NEWSBOT_STORE={store_uri}",
                    "-s", f"NEWSBOT_STATS_FILE={workdir / 'stats.json'}",
                    "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_TIMEOUT=10"]  # fmt: skip
            procs[name] = subprocess.Popen(
                argv, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        logs = {}
        for name, proc in procs.items():
            _, err = proc.communicate(timeout=300)
            logs[name] = err
            assert proc.returncode == 0, err[-3000:]
        requested = [r["path"] for r in site.requests() if r["path"].startswith("/bulk/20")]

    for name, log in logs.items():
        assert "locked" not in log, name
        assert "Traceback" not in log, name
        stats = json.loads((tmp_path / name / "stats.json").read_text())
        assert "newsbot/extraction/error" not in stats
        assert not [k for k in stats if k.startswith(("spider_exceptions/", "newsbot/failed/"))]
    items = [
        json.loads(line)
        for name in ("alpha", "beta")
        for line in (tmp_path / name / "items.jsonl").read_text().splitlines()
    ]
    expected = {site.url(path) for path in BULK_ARTICLES}
    # Every article once across both outputs: whichever crawl stored it first kept it.
    assert sorted(item["url"] for item in items) == sorted(expected)
    assert set(requested) <= set(BULK_ARTICLES)
    store = open_store(store_uri)
    try:
        assert all(store.has_url(url) for url in expected)
        assert store.stats().articles == len(expected)
    finally:
        store.close()
