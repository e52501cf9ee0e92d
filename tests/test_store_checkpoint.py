"""The SQLite store's WAL checkpoints: copied off the writer's path, restarted when long."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.dedup.store import _checkpoint
from newsbot.dedup.store.sqlite import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield opened
    opened.close()


def put(store: SQLiteStore, count: int, first: int = 0) -> None:
    for i in range(first, first + count):
        store.put_article({"url": f"https://example.com/{i}", "articleBody": "x" * 3000})


def wal_frames(db: sqlite3.Connection) -> int:
    """The WAL's length in frames (measured by one more passive checkpoint)."""
    ((_, frames, _),) = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    return int(frames)


def test_a_short_wal_is_copied_without_waiting_for_the_writer(store: SQLiteStore) -> None:
    put(store, 50)
    with sqlite3.connect(store.path, check_same_thread=False) as db, store._lock:
        # The writer holds the lock (mid check-and-add); the checkpoint still completes.
        copying = threading.Thread(target=store._checkpointer._checkpoint, args=(db,))
        copying.start()
        copying.join(timeout=30)
        assert not copying.is_alive()
        ((_, frames, copied),) = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    db.close()
    assert frames > 50 and copied == frames
    assert store.stats().articles == 50


def test_a_long_wal_is_restarted_after_a_locked_final_pass(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_checkpoint, "RESTART_WAL_BYTES", 64 << 10)
    put(store, 50)
    with sqlite3.connect(store.path) as db:
        store._checkpointer._checkpoint(db)
        put(store, 1, first=50)  # this commit finds the WAL fully copied and starts it over
        frames = wal_frames(db)
    db.close()
    assert 0 < frames <= 10
    assert store.stats().articles == 51
