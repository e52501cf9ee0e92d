"""WAL checkpoints for the SQLite store, off the writer's path."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from pathlib import Path

RESTART_WAL_BYTES = 128 << 20
"""WAL length at which it is restarted from the beginning (under the store's lock)."""
MAX_UNLOCKED_PASSES = 6
"""Passes that chase a busy writer before the short final pass takes the lock anyway."""
SMALL_BACKLOG_FRAMES = 256
"""A pass that had at most this many frames to copy leaves a backlog the lock can afford.

About six check-and-adds (each writes some 40 pages): the locked pass then copies well
under a millisecond's worth of pages instead of everything written during a long pass.
"""


NICENESS_INCREMENT = 10
"""How much nicer than the writer the checkpoint thread runs (Linux: per thread)."""


def _lower_own_priority() -> None:
    """Make the calling thread nicer, so that it rarely takes a CPU from the writer.

    On a busy machine a checkpoint pass woken beside the writer would otherwise preempt
    it in the middle of a check-and-add (30k bench, two runs each: p99 1.85 -> 1.15 ms, preempted
    calls 9% -> 6%). The thread holds the GIL only between two SQLite calls, briefly.
    """
    if sys.platform != "linux":  # elsewhere a thread id is not a valid PRIO_PROCESS target
        return
    with contextlib.suppress(OSError):
        tid = threading.get_native_id()
        own = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, own + NICENESS_INCREMENT))


class Checkpointer(threading.Thread):
    """Copies the WAL back into the database file off the writer's path.

    SQLite's automatic checkpoint runs inside a commit and fsyncs, which stalls one
    check-and-add in every few dozen by milliseconds. Here a passive checkpoint runs on
    its own connection (SQLite releases the GIL) each time ``due`` is set. It copies the
    frames written so far into the database file, so readers look up only the short
    uncopied tail of the WAL, and it never blocks the writer.

    Writers keep appending meanwhile, so the WAL is never found fully copied at the start
    of a commit, which is when SQLite restarts it from the beginning. Once it has grown
    to ``RESTART_WAL_BYTES``, passes repeat, each shorter than the last, until one had
    only a small backlog to copy; a final pass then holds the store's lock so that no
    commit slips in, and the next commit restarts the WAL. That pass still fsyncs both
    files, which on a busy disk takes tens of milliseconds: it runs once per thousands of
    commits, not on every checkpoint, and it only copies a few commits' pages.
    """

    def __init__(self, path: Path, lock: threading.RLock, busy_timeout_s: float) -> None:
        super().__init__(name=f"newsbot-checkpoint:{path.name}", daemon=True)
        self.path = path
        self.lock = lock
        self.busy_timeout_s = busy_timeout_s
        self.due = threading.Event()
        self.passes = 0
        """Checkpoint passes run so far (locked ones included), for tests and benchmarks."""
        self._stopping = False
        self.start()

    def run(self) -> None:
        _lower_own_priority()
        db = sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)
        try:
            while True:
                self.due.wait()
                self.due.clear()
                if self._stopping:
                    return
                with contextlib.suppress(sqlite3.Error):
                    self._checkpoint(db)
        finally:
            db.close()

    def _checkpoint(self, db: sqlite3.Connection) -> None:
        page_size = int(db.execute("PRAGMA page_size").fetchall()[0][0])
        _, frames, copied_up_to = self._pass(db)
        if frames * (page_size + 24) < RESTART_WAL_BYTES:
            return
        for _ in range(MAX_UNLOCKED_PASSES):
            _, frames, copied = self._pass(db)
            # ``frames`` is the WAL's length when the pass began (it restarts from 0).
            backlog = frames - copied_up_to if frames >= copied_up_to else frames
            copied_up_to = copied
            if backlog <= SMALL_BACKLOG_FRAMES or self._stopping:
                break
        with self.lock:
            self._pass(db)

    def _pass(self, db: sqlite3.Connection) -> tuple[int, int, int]:
        self.passes += 1
        ((busy, frames, copied),) = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        return int(busy), int(frames), int(copied)

    def stop(self) -> None:
        self._stopping = True
        self.due.set()
        self.join()
