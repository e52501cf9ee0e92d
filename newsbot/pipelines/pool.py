"""Extraction in worker processes: the reactor keeps downloading while pages are parsed.

:class:`ExtractionPool` keeps ``workers`` processes (forkserver on Linux, so a replacement
starts in milliseconds with trafilatura already imported; spawn elsewhere), each running
:func:`newsbot.pipelines.worker.serve` behind two pipes of its own. The crawl's event loop
writes pickled pages into one and reads outcomes from the other as they become readable:
no helper threads, and no wake-ups beyond the loop's own. Each worker has at most
``DEPTH`` pages in flight, so the next page is already waiting when it finishes one; the
rest wait in the crawl process until a worker has room.

Crashes. A worker that dies (segfault, ``os._exit``, the OOM killer) closes its pipes; the
pages it had in flight are then retried one at a time in a worker of their own, and the
one that kills that worker too is the culprit and raises :class:`WorkerCrash`. The other
pages come back as articles. A dead worker is replaced; the other workers never notice.
A ``MemoryError`` in a worker costs only its page too.

Order. Items leave the pipeline as their extraction finishes, not in fetch order (neither
did they before: Scrapy downloads and processes items concurrently). One page gives at
most one item, and the dedup stage calls the first copy *extracted* the first-seen one.

Shutdown. Workers ignore SIGINT and SIGTERM (the crawl process handles those and closes the
pool after the last item), and on Linux they are killed if their parent dies. :meth:`close`
fails pages not yet sent, closes the workers' pipes so that each exits after its page, and
kills one still busy after ``timeout`` seconds, so no process outlives the crawl.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import threading
from collections import deque

from newsbot.item import Article, FetchedPage
from newsbot.pipelines.allocator import DEFAULT_ALLOCATOR
from newsbot.pipelines.worker import RemoteTraceback
from newsbot.pipelines.worker_process import Call, WorkerProcess, stop_helpers

logger = logging.getLogger(__name__)

DEPTH = 2
"""Pages in flight per worker: the one it works on and the next."""


class WorkerCrash(Exception):
    """A worker process died (or ran out of memory) on this page."""


class _WorkerDied(Exception):
    """The worker died with this page in flight; the page may not be the cause."""


def worker_count(value: object) -> int:
    """``NEWSBOT_EXTRACT_WORKERS`` as a number: unset means the core count, 0 in-process."""
    if value in (None, ""):
        return os.cpu_count() or 1
    try:
        workers = int(str(value))
    except ValueError:
        workers = -1
    if workers < 0:
        from newsbot.errors import UsageError

        raise UsageError(f"NEWSBOT_EXTRACT_WORKERS: not a whole number >= 0: {value!r}")
    return workers


class ExtractionPool:
    """``workers`` extraction processes, awaited one page at a time."""

    def __init__(self, workers: int, allocator: str = DEFAULT_ALLOCATOR) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.workers = workers
        self.allocator = allocator
        """The workers' memory allocator (:mod:`newsbot.pipelines.allocator`)."""
        self._lock = threading.Lock()
        self._closing = False
        self._started: list[WorkerProcess] = []
        """Every worker started and not yet reaped (under ``_lock``)."""
        self._running: list[WorkerProcess] = []
        """The connected workers that take pages."""
        self._waiting: deque[Call] = deque()
        self._connected: asyncio.Future[None] | None = None
        self._starter: threading.Thread | None = None
        self._isolation: WorkerProcess | None = None
        self._isolation_lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        self._broken: WorkerCrash | None = None
        self._start_error: Exception | None = None
        self.replaced = 0
        """How many workers that died were replaced."""

    def start(self) -> None:
        """Start the workers in the background, so the first pages don't wait for them.

        Starting the forkserver imports trafilatura (a second or more): not on the reactor.
        """
        if self._starter is None:
            self._starter = threading.Thread(
                target=self._spawn_all, name="newsbot-pool-start", daemon=True
            )
            self._starter.start()

    def _spawn_all(self) -> None:
        try:
            for _ in range(self.workers):
                self._spawn()
        except Exception as exc:  # the pages report it: see _connect_all
            self._start_error = exc

    def _spawn(self) -> WorkerProcess | None:
        """A new worker, or none once the pool is closing (any thread)."""
        with self._lock:
            if self._closing:
                return None
            worker = WorkerProcess(self.allocator)
            self._started.append(worker)
            return worker

    async def _connect_all(self) -> None:
        self.start()
        assert self._starter is not None
        await asyncio.to_thread(self._starter.join)
        if self._closing:
            return
        loop = asyncio.get_running_loop()
        for worker in list(self._started):
            worker.connect(loop, self._outcome, self._exited)
            self._running.append(worker)
        if not self._running:
            self._broken = WorkerCrash(
                f"no extraction worker could be started: {self._start_error!r}"
            )
            raise self._broken
        self._dispatch()

    async def extract(
        self, page: FetchedPage, strict: bool = False, fingerprint: bool = False
    ) -> Article:
        """The page's article; raises what extraction raises, or :class:`WorkerCrash`."""
        if self._closing:
            raise RuntimeError("the extraction pool is closed")
        if self._broken is not None:
            raise self._broken
        if self._connected is None:
            self._connected = asyncio.ensure_future(self._connect_all())
        call = Call(page, strict, fingerprint, asyncio.get_running_loop().create_future())
        self._waiting.append(call)
        if self._connected.done():
            self._connected.result()  # raises if the workers could not start
            self._dispatch()
        else:
            await self._connected
        try:
            return await call.future
        except _WorkerDied:
            pass
        except MemoryError as exc:
            raise WorkerCrash(f"out of memory: {exc}") from None
        return await self._extract_alone(page, strict, fingerprint)

    def _dispatch(self) -> None:
        """Send waiting pages to the least busy workers that have room."""
        waiting, running = self._waiting, self._running
        while waiting and running:
            worker = min(running, key=lambda w: len(w.calls))
            if len(worker.calls) >= DEPTH:
                return
            call = waiting.popleft()
            if not call.future.done():  # not cancelled meanwhile
                worker.send(call)

    def _outcome(self, worker: WorkerProcess, message: bytes) -> None:
        call = worker.calls.popleft()
        if not call.future.done():
            try:
                ok, value = pickle.loads(message)
            except Exception as exc:  # e.g. an exception class that can't be rebuilt
                ok, value = False, (RuntimeError(f"unreadable outcome: {exc!r}"), "")
            if ok:
                call.future.set_result(value)
            else:
                error, remote = value
                error.__cause__ = RemoteTraceback(remote) if remote else None
                call.future.set_exception(error)
        self._dispatch()

    def _exited(self, worker: WorkerProcess) -> None:
        """A worker's outcome pipe closed: it exited or died, and its pages with it."""
        if worker in self._running:
            self._running.remove(worker)
        while worker.calls:
            call = worker.calls.popleft()
            if not call.future.done():
                call.future.set_exception(_WorkerDied())
        if self._closing:
            return
        worker.hang_up()
        worker.release()
        task = asyncio.ensure_future(self._reap(worker, replace=worker is not self._isolation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _reap(self, dead: WorkerProcess, *, replace: bool) -> None:
        await asyncio.to_thread(dead.process.join)
        with self._lock:
            if dead in self._started:
                self._started.remove(dead)
        if not replace:
            return
        self.replaced += 1
        logger.warning("An extraction worker died; it is being replaced")
        try:
            replacement = await asyncio.to_thread(self._spawn)
        except Exception as exc:
            logger.error("No replacement extraction worker could be started: %r", exc)
            if not self._running:  # no worker left: fail what waits, and what comes
                self._broken = WorkerCrash(f"no extraction worker could be started: {exc!r}")
                while self._waiting:
                    call = self._waiting.popleft()
                    if not call.future.done():
                        call.future.set_exception(self._broken)
            return
        if replacement is None or self._closing:
            return
        replacement.connect(asyncio.get_running_loop(), self._outcome, self._exited)
        self._running.append(replacement)
        self._dispatch()

    async def _extract_alone(self, page: FetchedPage, strict: bool, fingerprint: bool) -> Article:
        """Retry a page that was in flight when a worker died, with no other page beside it."""
        if self._isolation_lock is None:
            self._isolation_lock = asyncio.Lock()
        async with self._isolation_lock:
            worker = self._isolation
            if worker is None:
                worker = await asyncio.to_thread(self._spawn)
                if worker is None or self._closing:
                    raise WorkerCrash("the pool closed before the page was retried alone")
                worker.connect(asyncio.get_running_loop(), self._outcome, self._exited)
                self._isolation = worker
            call = Call(page, strict, fingerprint, asyncio.get_running_loop().create_future())
            worker.send(call)
            try:
                return await call.future
            except _WorkerDied:
                self._isolation = None
                raise WorkerCrash("the extraction worker died on this page") from None
            except MemoryError as exc:
                raise WorkerCrash(f"out of memory: {exc}") from None

    def close(self, timeout: float = 10.0) -> None:
        """Stop every worker: wait up to ``timeout`` s for running pages, then kill."""
        if self._starter is not None:
            self._starter.join()
        with self._lock:
            self._closing = True
            workers, self._started = self._started, []
        self._running, self._isolation = [], None
        for worker in workers:  # a worker exits at the end of its page, if it has one
            worker.hang_up()
            worker.release()
        for worker in workers:
            worker.process.join(timeout)
            if worker.process.is_alive():
                logger.warning(
                    "Killing extraction worker %s still busy at shutdown", worker.process.pid
                )
                worker.process.kill()
                worker.process.join()
        for call in [*self._waiting, *(c for w in workers for c in w.calls)]:
            call.future.cancel()
        self._waiting.clear()
        if workers:
            stop_helpers()
