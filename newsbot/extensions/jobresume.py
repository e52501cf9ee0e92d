"""Resumed jobs deliver every kept article exactly once, even after a SIGKILL.

A job (``JOBDIR``, ``newsbot crawl --job NAME``) can be killed at any moment. Its articles
are *kept* when the dedup stage records them in the store (URL seen, article saved), and
*delivered* when a feed file holding them is complete. A killed run keeps articles it never
delivers: its feed is a temporary file that is never renamed into place. The seen-URL check
then skips those URLs for good, so a plain resume would lose them.

This extension closes that gap with two files in ``JOBDIR``:

- ``newsbot-job.json``: when the job first started;
- ``newsbot-delivered.txt``: the URLs already delivered, one per line, appended after each
  run's feeds are closed, and at the start of a run from the feed files found on disk.

When a job resumes, the articles the store kept for the job's sources since it started,
minus those delivered, are sent to the feeds first (as ``item_scraped``: they went through
the pipelines in the run that kept them). Counted as ``newsbot/job/recovered``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from w3lib.url import file_uri_to_path

from newsbot.item import Article

logger = logging.getLogger(__name__)

JOB_FILE = "newsbot-job.json"
DELIVERED_FILE = "newsbot-delivered.txt"


def delivered_urls(path: Path, fmt: str) -> set[str]:
    """The article URLs in a complete feed file (JSON Lines, JSON, or JSON Feed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return set()
    if fmt in ("jsonlines", "jl"):
        rows: Iterable[Any] = _json_lines(text)
    else:
        try:
            document = json.loads(text)
        except ValueError:
            return set()
        rows = document.get("items", []) if isinstance(document, dict) else document
    key = "id" if fmt == "jsonfeed" else "url"  # a JSON Feed item's id is the fetched URL
    return {row[key] for row in rows if isinstance(row, dict) and isinstance(row.get(key), str)}


def _json_lines(text: str) -> Iterator[Any]:
    for line in text.splitlines():
        try:
            yield json.loads(line)
        except ValueError:
            continue  # a line cut short: that item was not delivered


def _parse_time(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _append_lines(path: Path, lines: Iterable[str]) -> None:
    text = "".join(f"{line}\n" for line in lines)
    if not text:
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


class JobResume:
    """``EXTENSIONS``: on when ``JOBDIR`` is set."""

    def __init__(self, crawler: Crawler, jobdir: Path, store_uri: str) -> None:
        self.crawler = crawler
        self.jobdir = jobdir
        self.store_uri = store_uri
        self.feeds = self._local_feeds(crawler.settings.getdict("FEEDS"))
        self.delivered: set[str] = set()
        self.this_run: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobResume:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured  # bare: no warning for the usual, job-less crawl
        from newsbot.dedup.store import DEFAULT_STORE_URI

        store_uri = crawler.settings.get("NEWSBOT_STORE") or DEFAULT_STORE_URI
        extension = cls(crawler, Path(jobdir), store_uri)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.feeds_closed, signal=signals.feed_exporter_closed)
        return extension

    @staticmethod
    def _local_feeds(feeds: dict[str, Any]) -> list[tuple[Path, str]]:
        """Feed files whose name is fixed (no ``%(time)s``): where deliveries can be read."""
        local = []
        for uri, options in feeds.items():
            uri = str(uri)
            if "%(" in uri or ("://" in uri and not uri.startswith("file://")):
                continue
            path = Path(file_uri_to_path(uri) if uri.startswith("file://") else uri)
            local.append((path, str((options or {}).get("format", "jsonlines"))))
        return local

    def spider_opened(self, spider: Spider) -> None:
        self.jobdir.mkdir(parents=True, exist_ok=True)
        started = self._started()
        delivered_file = self.jobdir / DELIVERED_FILE
        if delivered_file.exists():
            self.delivered = set(delivered_file.read_text(encoding="utf-8").split())
        found: set[str] = set()
        for path, fmt in self.feeds:
            found |= delivered_urls(path, fmt)
        _append_lines(delivered_file, sorted(found - self.delivered))
        self.delivered |= found
        if started is not None:
            self._recover(spider, started)

    def _started(self) -> datetime | None:
        """When the job first started; None (and the time recorded) on its first run."""
        path = self.jobdir / JOB_FILE
        if path.exists():
            return _parse_time(json.loads(path.read_text(encoding="utf-8")).get("started"))
        now = datetime.now(UTC).replace(microsecond=0)
        path.write_text(json.dumps({"started": now.isoformat()}) + "\n", encoding="utf-8")
        return None

    def _recover(self, spider: Spider, started: datetime) -> None:
        from newsbot.dedup.store import open_store

        names = [s.name for s in getattr(spider, "sources", ())] or [spider.name]
        store = open_store(self.store_uri)
        try:
            missing = [
                article
                for name in names
                for article in store.iter_articles(source=name)
                if article.get("url") not in self.delivered
                and (_parse_time(article.get("fetchedAt")) or started) >= started
            ]
        finally:
            store.close()
        for article in reversed(missing):  # oldest first, as they were kept
            item = Article.from_dict(article)
            self.crawler.signals.send_catch_log(
                signal=signals.item_scraped, item=item, response=None, spider=spider
            )
        if missing:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newsbot/job/recovered", len(missing))
            logger.info("Resumed job: delivered %d articles kept by a killed run", len(missing))

    def item_scraped(self, item: Any) -> None:
        url = getattr(item, "url", None) or (item.get("url") if isinstance(item, dict) else None)
        if isinstance(url, str):
            self.this_run.append(url)

    def feeds_closed(self) -> None:
        """The feeds are complete and in place: their items are delivered."""
        _append_lines(self.jobdir / DELIVERED_FILE, [u for u in self.this_run if u])
        self.delivered.update(self.this_run)
        self.this_run = []
