"""WAL checkpoints for the SQLite store, off the writer's path."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path


class Checkpointer(threading.Thread):
    """Copies the WAL back into the database file off the writer's path.

    SQLite's automatic checkpoint runs inside a commit and fsyncs, which stalls one
    check-and-add in every few dozen by milliseconds. Here a passive checkpoint runs on
    its own connection (SQLite releases the GIL) every ``CHECKPOINT_EVERY`` commits.
    Writers keep appending meanwhile, so a second, short pass holds the store's lock to
    copy the last frames: the WAL is then fully copied and the next commit restarts it
    from the beginning, instead of letting it grow without end.
    """

    def __init__(self, path: Path, lock: threading.RLock, busy_timeout_s: float) -> None:
        super().__init__(name=f"newsbot-checkpoint:{path.name}", daemon=True)
        self.path = path
        self.lock = lock
        self.busy_timeout_s = busy_timeout_s
        self.due = threading.Event()
        self._stopping = False
        self.start()

    def run(self) -> None:
        db = sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)
        try:
            while True:
                self.due.wait()
                self.due.clear()
                if self._stopping:
                    return
                with contextlib.suppress(sqlite3.Error):
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    with self.lock:
                        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            db.close()

    def stop(self) -> None:
        self._stopping = True
        self.due.set()
        self.join()
