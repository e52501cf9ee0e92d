"""A job killed with SIGKILL and started again loses no article and repeats none.

Why exactly once, step by step (see newsbot/extensions/jobresume.py):

- An article is *kept* when the dedup pipeline records its URL in the store and saves the
  article there. The killed run's feed is a temp file that is never renamed into place, so
  nothing it kept was *delivered*.
- The resumed run re-reads the sitemap (the dupe filter keeps no ``requests.seen``, which
  would hide requests that were scheduled but never downloaded) and rediscovers every URL.
  URLs kept by the killed run are seen: they are not downloaded again.
- Before crawling, the resumed run delivers the articles kept since the job started that
  no complete feed holds: they come from the store (``newsbot/job/recovered``).
- Everything else (queued, in flight or being extracted at the kill) was never kept, so it
  is crawled now.

So each article is in exactly one run's output. The pipeline records the URL and saves
the article in one store transaction (``DedupStage.check(..., save=True)``), so no kill
can leave an article seen yet not saved.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.support.conditional_site import (
    article_path,
    running_site,
    write_site,
    write_source,
)

pytestmark = pytest.mark.slow

ARTICLES = range(1, 21)


def crawl_args(output: str, stats: str) -> list[str]:
    return [
        sys.executable, "-m", "newsbot", "crawl", "localnews", "--sources-dir", "sources",
        "--job", "hourly", "-o", output, "--quiet",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=1",
        "-s", f"NEWSBOT_STATS_FILE={stats}",
    ]  # fmt: skip


def kept_urls(workdir: Path) -> set[str]:
    """The URLs of the articles in the crawl's store, read without joining in its writes."""
    path = workdir / ".newsbot" / "store.sqlite"
    if not path.exists():
        return set()
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return {row[0] for row in db.execute("SELECT url FROM articles")}
    except sqlite3.OperationalError:  # the crawl is still creating its tables
        return set()
    finally:
        db.close()


def urls_in(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["url"] for line in path.read_text().splitlines() if line]


def test_a_killed_job_resumes_without_losing_or_repeating_articles(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with running_site(root, tmp_path / "requests.jsonl", delay=0.5) as site:
        write_site(root, site.url, ARTICLES)
        write_source(tmp_path / "sources", "localnews", site.url)

        first = subprocess.Popen(
            crawl_args("run1.jsonl", "stats1.json"), cwd=tmp_path, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 120
        while len(kept_urls(tmp_path)) < 3:  # some articles kept: kill in the middle
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first run kept nothing in time"
            time.sleep(0.05)  # a poll interval; the loop's condition is what we wait for
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        assert first.stderr is not None
        first.stderr.close()
        kept_before_kill = kept_urls(tmp_path)
        assert len(kept_before_kill) < len(ARTICLES), "the first run finished before the kill"
        fetched_by_first = [r["path"] for r in site.requests() if r["path"].startswith("/news/")]
        site.clear_log()

        second = subprocess.run(
            crawl_args("run2.jsonl", "stats2.json"),
            cwd=tmp_path, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr

        fetched_by_second = {site.url + r["path"] for r in site.requests()}

    union = Counter(urls_in(tmp_path / "run1.jsonl") + urls_in(tmp_path / "run2.jsonl"))
    expected = {site.url + article_path(n) for n in ARTICLES}
    assert set(union) == expected  # none lost
    assert max(union.values()) == 1  # none twice
    stats = json.loads((tmp_path / "stats2.json").read_text())
    recovered = stats.get("newsbot/job/recovered", 0)
    assert recovered + len(urls_in(tmp_path / "run1.jsonl")) >= len(kept_before_kill)
    assert not kept_before_kill & fetched_by_second  # kept pages are not downloaded again
    assert fetched_by_first  # the kill did come mid-crawl
    assert (tmp_path / ".newsbot" / "jobs" / "hourly" / "newsbot-delivered.txt").is_file()
