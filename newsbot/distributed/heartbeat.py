"""A worker's heartbeat: a key that expires unless refreshed, refreshed by a thread.

A thread of its own, not the reactor: a worker busy parsing pages for a few seconds is
alive, and must not be taken for dead (its requests re-queued, its articles recovered by
another worker and then delivered twice). Only a stopped process (killed, crashed, a paused
machine) lets the key expire.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from newsbot.distributed.keys import WORKER_ID, CrawlKeys

logger = logging.getLogger(__name__)


class Heartbeat:
    """Refreshes ``<ns>:crawl:<spider>:worker:<id>`` (TTL ``timeout``) and the worker set."""

    def __init__(self, server: Any, keys: CrawlKeys, timeout: float) -> None:
        self.server = server
        self.keys = keys
        self.timeout = timeout
        self.interval = max(0.1, min(1.0, timeout / 5))
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def beat(self) -> bool:
        """One refresh; true when this worker had to be added back to the worker set."""
        pipe = self.server.pipeline(transaction=True)
        pipe.set(self.keys.heartbeat(WORKER_ID), str(time.time()), px=int(self.timeout * 1000))
        pipe.sadd(self.keys.workers, WORKER_ID)
        _, added = pipe.execute()
        return bool(added)

    def start(self) -> None:
        self.beat()
        self._thread = threading.Thread(target=self._run, name="newsbot-heartbeat", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            try:
                if self.beat():
                    logger.error(
                        "Worker %s was silent for more than %.0f s and taken for dead: its "
                        "requests were re-queued and its articles may be delivered twice",
                        WORKER_ID,
                        self.timeout,
                    )
            except Exception:  # a Redis hiccup: the next beat tries again
                logger.warning("Worker %s: heartbeat failed", WORKER_ID, exc_info=True)

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
