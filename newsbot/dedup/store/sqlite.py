"""The embedded store: one SQLite file in WAL mode, safe with several writing processes.

Each check-and-add runs in one ``BEGIN IMMEDIATE`` transaction, so concurrent writers
are serialized by SQLite's write lock (waiting up to ``busy_timeout``) and never lose
a key. The file carries an ``application_id`` and a schema version; a file that is not
SQLite, belongs to another program, is corrupt, or was written by a newer newsbot is
refused with :class:`StoreError` rather than replaced by a fresh store.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newsbot.dedup.store._checkpoint import RESTART_WAL_BYTES, Checkpointer
from newsbot.dedup.store._records import (
    article_agencies,
    article_timestamp,
    article_url,
    signed64,
    to_timestamp,
    url_key,
)
from newsbot.dedup.store.base import (
    SCHEMA_VERSION,
    Chooser,
    Decision,
    DocRecord,
    Keeper,
    StoreStats,
    same_page,
)
from newsbot.errors import StoreError

APPLICATION_ID = 0x4E425354  # "NBST" in the file header
BUSY_TIMEOUT_S = 30.0
MAX_CANDIDATES = 64
CHECKPOINT_EVERY = 500
"""Commits between background WAL checkpoints."""
PAGE_SIZE = 4096
OPEN_RETRY_S = 0.05
"""Pause between two attempts to open a store another process holds locked."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL, source TEXT NOT NULL, story TEXT NOT NULL,
    fingerprint INTEGER, published REAL, shingles BLOB NOT NULL);
CREATE INDEX docs_source ON docs (source);
CREATE TABLE urls (key INTEGER PRIMARY KEY, doc INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE fingerprints (fingerprint INTEGER PRIMARY KEY, doc INTEGER NOT NULL);
CREATE TABLE bands (bucket INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (bucket, doc)) WITHOUT ROWID;
CREATE TABLE stories (id TEXT PRIMARY KEY, first_url TEXT NOT NULL,
    size INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (url TEXT PRIMARY KEY, source TEXT NOT NULL, ts REAL NOT NULL,
    data TEXT NOT NULL);
CREATE INDEX articles_ts ON articles (ts);
CREATE TABLE article_agencies (agency TEXT NOT NULL, url TEXT NOT NULL,
    PRIMARY KEY (agency, url)) WITHOUT ROWID;
"""


def _record(row: Sequence[Any]) -> DocRecord:
    return DocRecord(url=row[0], source=row[1], story_id=row[2], published=row[3], shingles=row[4])


def path_from_uri(uri: str) -> Path:
    """``sqlite:///rel/path`` is relative to the cwd, ``sqlite:////abs/path`` absolute."""
    prefix = "sqlite:///"
    if not uri.startswith(prefix) or len(uri) == len(prefix):
        raise StoreError(f"bad SQLite store URI {uri!r}: expected sqlite:///path")
    return Path(uri[len(prefix) :])


class SQLiteStore:
    """The :class:`~newsbot.dedup.store.base.Store` in one SQLite file."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.path = path_from_uri(uri)
        self._lock = threading.RLock()
        self._commits = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"can't open store {self.path}: {exc}") from exc
        try:
            self._set_up()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if "not a database" in str(exc):
                raise StoreError(
                    f"store {self.path} is not a SQLite file (corrupt or foreign)"
                ) from exc
            raise StoreError(f"store {self.path} is unreadable or corrupt: {exc}") from exc
        self._checkpointer = Checkpointer(self.path, self._lock, BUSY_TIMEOUT_S)

    def _set_up(self) -> None:
        """Settings, then the header check (or a new schema), retried while locked.

        Some steps of opening fail at once with "database is locked" instead of waiting
        for the busy timeout: switching a new file to WAL while another process does the
        same, or opening while another process's last connection closes and removes the
        WAL. Every step is idempotent, so a second process opening the same store just
        tries again until ``BUSY_TIMEOUT_S`` is up.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                # Takes effect only on a new, empty file.
                self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA cache_size=-32000")
                self._db.execute("PRAGMA wal_autocheckpoint=0")
                # The WAL is restarted at about this length; keep its file rather than
                # truncating it and growing it again.
                self._db.execute(f"PRAGMA journal_size_limit={RESTART_WAL_BYTES}")
                self._prepare()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(OPEN_RETRY_S)

    def _prepare(self) -> None:
        with self._write() as db:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id == 0 and tables == 0:
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                return
            if app_id != APPLICATION_ID:
                raise StoreError(f"store {self.path} is a SQLite file of another program")
            row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"store {self.path} has schema version {version}, newer than this "
                    f"newsbot's {SCHEMA_VERSION}: upgrade newsbot"
                )
            if version < SCHEMA_VERSION:
                raise StoreError(f"store {self.path} has unknown schema version {version}")

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            yield from self._commit_after()

    def _commit_after(self) -> Iterator[sqlite3.Connection]:
        """The body of a write transaction already begun: commit, or roll back on error."""
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self._commits += 1
        if self._commits % CHECKPOINT_EVERY == 0:
            self._checkpointer.due.set()

    @contextlib.contextmanager
    def _write_now(self) -> Iterator[sqlite3.Connection | None]:
        """A write transaction if one can begin at once, else ``None`` and nothing done:
        another thread holds the store, or another connection (process) is writing."""
        if not self._lock.acquire(blocking=False):
            yield None
            return
        try:
            self._db.execute("PRAGMA busy_timeout=0")
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                began = False
            else:
                began = True
            finally:
                self._db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            if not began:
                yield None
                return
            yield from self._commit_after()
        finally:
            self._lock.release()

    # -- dedup ----------------------------------------------------------------

    def has_url(self, url: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM urls WHERE key=?", (url_key(url),))
            return row.fetchone() is not None

    def check_and_add(
        self, doc: DocRecord, choose: Chooser, keep: Keeper | None = None
    ) -> Decision:
        with self._write() as db:
            return self._check_and_add(db, doc, choose, keep)

    def check_and_add_now(
        self, doc: DocRecord, choose: Chooser, keep: Keeper | None = None
    ) -> Decision | None:
        with self._write_now() as db:
            return None if db is None else self._check_and_add(db, doc, choose, keep)

    def _check_and_add(
        self, db: sqlite3.Connection, doc: DocRecord, choose: Chooser, keep: Keeper | None
    ) -> Decision:
        decision = self._classify(db, doc, choose)
        article = keep(decision) if keep else None
        if article is not None:
            self._write_article(db, article)
        return decision

    def _classify(self, db: sqlite3.Connection, doc: DocRecord, choose: Chooser) -> Decision:
        urls = (doc.url, *doc.aliases)
        fingerprint = signed64(int(doc.fingerprint, 16)) if doc.fingerprint else None
        for url in urls:
            row = db.execute(
                "SELECT d.url, d.source, d.story, d.published, d.shingles, d.fingerprint"
                " FROM urls u JOIN docs d ON d.id = u.doc WHERE u.key=?",
                (url_key(url),),
            ).fetchone()
            if row and same_page(doc, fingerprint, _record(row), row[5], choose):
                return Decision("url_duplicate", row[2], row[0])
        if fingerprint is not None:
            row = db.execute(
                "SELECT d.id, d.story, d.url FROM fingerprints f JOIN docs d"
                " ON d.id = f.doc WHERE f.fingerprint=?",
                (fingerprint,),
            ).fetchone()
            if row:
                self._add_urls(db, urls, row[0], doc.source)
                return Decision("exact_duplicate", row[1], row[2])
        chosen = choose(doc, self._candidates(db, doc.band_keys)) if doc.band_keys else None
        story = chosen.story_id if chosen else doc.story_id
        doc_id = db.execute(
            "INSERT INTO docs (url, source, story, fingerprint, published, shingles)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (doc.url, doc.source, story, fingerprint, doc.published, doc.shingles),
        ).lastrowid
        assert doc_id is not None
        self._add_urls(db, urls, doc_id, doc.source)
        if fingerprint is not None:
            db.execute("INSERT INTO fingerprints VALUES (?, ?)", (fingerprint, doc_id))
        db.executemany(
            "INSERT OR IGNORE INTO bands VALUES (?, ?)",
            [(key, doc_id) for key in doc.band_keys],
        )
        if chosen is None:
            db.execute("INSERT OR IGNORE INTO stories VALUES (?, ?, 1)", (story, doc.url))
            return Decision("new", story, None)
        first = db.execute(
            "UPDATE stories SET size = size + 1 WHERE id=? RETURNING first_url", (story,)
        ).fetchone()
        return Decision("near_duplicate", story, first[0] if first else chosen.url)

    @staticmethod
    def _add_urls(db: sqlite3.Connection, urls: Sequence[str], doc_id: int, source: str) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO urls VALUES (?, ?, ?)",
            [(url_key(url), doc_id, source) for url in dict.fromkeys(urls)],
        )

    @staticmethod
    def _candidates(db: sqlite3.Connection, keys: Sequence[int]) -> list[DocRecord]:
        marks = ",".join("?" * len(keys))
        rows = db.execute(
            f"SELECT d.url, d.source, d.story, d.published, d.shingles FROM docs d JOIN"
            f" (SELECT doc, count(*) AS shared FROM bands WHERE bucket IN ({marks})"
            f"  GROUP BY doc ORDER BY shared DESC LIMIT {MAX_CANDIDATES}) c ON d.id = c.doc"
            f" ORDER BY c.shared DESC, d.id",
            list(keys),
        ).fetchall()
        return [_record(row) for row in rows]

    # -- articles -------------------------------------------------------------

    def put_article(self, article: Mapping[str, Any]) -> None:
        with self._write() as db:
            self._write_article(db, article)

    @staticmethod
    def _write_article(db: sqlite3.Connection, article: Mapping[str, Any]) -> None:
        url = article_url(article)
        source = str(article.get("source") or "")
        data = json.dumps(dict(article), ensure_ascii=False)
        db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)",
            (url, source, article_timestamp(article), data),
        )
        db.execute("DELETE FROM article_agencies WHERE url=?", (url,))
        db.executemany(
            "INSERT INTO article_agencies VALUES (?, ?)",
            [(agency, url) for agency in article_agencies(article)],
        )

    def iter_articles(
        self,
        since: datetime | None = None,
        source: str | None = None,
        agency: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        sql = "SELECT a.data FROM articles a"
        where: list[str] = []
        params: list[Any] = []
        if agency is not None:
            sql += " JOIN article_agencies g ON g.url = a.url AND g.agency = ?"
            params.append(agency)
        if since is not None:
            where.append("a.ts >= ?")
            params.append(to_timestamp(since))
        if source is not None:
            where.append("a.source = ?")
            params.append(source)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.ts DESC, a.url"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        for (data,) in rows:
            yield json.loads(data)

    # -- upkeep ---------------------------------------------------------------

    def stats(self) -> StoreStats:
        with self._lock:
            one = self._db.execute
            stats = StoreStats(
                urls=one("SELECT count(*) FROM urls").fetchone()[0],
                fingerprints=one("SELECT count(*) FROM fingerprints").fetchone()[0],
                documents=one("SELECT count(*) FROM docs").fetchone()[0],
                clusters=one("SELECT count(*) FROM stories").fetchone()[0],
                articles=one("SELECT count(*) FROM articles").fetchone()[0],
            )
            for table, column in (
                ("urls", "urls"),
                ("docs", "documents"),
                ("articles", "articles"),
            ):
                for source, count in one(f"SELECT source, count(*) FROM {table} GROUP BY source"):
                    per = stats.per_source.setdefault(
                        source, {"urls": 0, "documents": 0, "articles": 0}
                    )
                    per[column] = count
        stats.size_bytes = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm"))
            if p.exists()
        )
        return stats

    def reset(self, source: str | None = None) -> None:
        with self._write() as db:
            if source is None:
                for table in (
                    "urls",
                    "fingerprints",
                    "bands",
                    "docs",
                    "stories",
                    "articles",
                    "article_agencies",
                ):
                    db.execute(f"DELETE FROM {table}")
                return
            gone = "(SELECT id FROM docs WHERE source = ?)"
            db.execute(f"DELETE FROM bands WHERE doc IN {gone}", (source,))
            db.execute(f"DELETE FROM fingerprints WHERE doc IN {gone}", (source,))
            db.execute(f"DELETE FROM urls WHERE source = ? OR doc IN {gone}", (source, source))
            db.execute("DELETE FROM docs WHERE source = ?", (source,))
            db.execute("DELETE FROM stories WHERE id NOT IN (SELECT story FROM docs)")
            db.execute(
                "DELETE FROM article_agencies WHERE url IN"
                " (SELECT url FROM articles WHERE source = ?)",
                (source,),
            )
            db.execute("DELETE FROM articles WHERE source = ?", (source,))

    def close(self) -> None:
        self._checkpointer.stop()
        with self._lock:
            self._db.close()
