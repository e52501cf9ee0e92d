"""Extraction in worker processes: the reactor keeps downloading while pages are parsed.

:class:`ExtractionPool` runs :func:`extract_page` in a ``ProcessPoolExecutor`` (forkserver
on Linux, so a replacement worker starts in milliseconds with trafilatura already imported;
spawn elsewhere) and is awaited from the extraction pipeline on the asyncio reactor's loop.

Crashes. A worker that dies (segfault, ``os._exit``, the OOM killer) breaks the whole
executor, failing every page in flight with ``BrokenProcessPool``. The pool is replaced at
once for new pages, and each page that was in flight is retried alone in a one-worker
executor: the one that breaks it again is the culprit and raises :class:`WorkerCrash`;
the others come back as articles. A ``MemoryError`` in a worker costs only its page too.

Order. Items leave the pipeline as their extraction finishes, not in fetch order (neither
did they before: Scrapy downloads and processes items concurrently). One page gives at
most one item, and the dedup stage calls the first copy *extracted* the first-seen one.

Shutdown. Workers ignore SIGINT and SIGTERM (the crawl process handles those and closes the
pool after the last item), and on Linux they are killed if their parent dies. :meth:`close`
cancels pages not yet started, waits for the running ones, then kills a worker that is
still busy after ``timeout`` seconds, so no process outlives the crawl.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsbot.item import Article, FetchedPage

logger = logging.getLogger(__name__)

#: Test-only fault injection: ``exit:MARKER`` makes a worker ``os._exit(1)`` on a page
#: whose body holds MARKER; ``memory:MARKER`` makes it raise ``MemoryError``;
#: ``slow:MARKER`` makes it take 0.2 s longer (a crawl still running when signalled).
FAULT_ENV = "NEWSBOT_TEST_WORKER_FAULT"
_PR_SET_PDEATHSIG = 1
_WATCH_INTERVAL_S = 1.0


class WorkerCrash(Exception):
    """A worker process died (or ran out of memory) on this page."""


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


def extract_page(page: FetchedPage, strict: bool, fingerprint: bool = False) -> Article:
    """Extract one page; runs in a worker process. With ``fingerprint``, the article
    carries its dedup record too (:mod:`newsbot.dedup.precomputed`)."""
    from newsbot.extraction import extract_article

    _inject_fault(page.body)
    article = extract_article(
        page.body,
        page.url,
        source=page.source,
        fetched_at=page.fetchedAt,
        site_name=page.siteName,
        encoding=page.encoding,
        discovered=page.discovered,
        strict=strict,
    )
    if fingerprint:
        from newsbot.dedup.precomputed import attach_record

        try:
            attach_record(article)
        except Exception as exc:  # the dedup stage makes it itself, and says what is wrong
            logger.debug("No dedup record made ahead for %s: %r", page.url, exc)
    return article


def _inject_fault(body: bytes) -> None:
    fault = os.environ.get(FAULT_ENV)
    if not fault or ":" not in fault:
        return
    kind, marker = fault.split(":", 1)
    if marker.encode() not in body:
        return
    if kind == "exit":
        os._exit(1)
    if kind == "memory":
        raise MemoryError(f"injected by {FAULT_ENV}")
    if kind == "slow":
        time.sleep(0.2)


def warm_up() -> None:
    """Load what extraction otherwise loads on first use, so no page pays for it: the
    all-language justext stoplist trafilatura builds, and the lower-cased set jusText
    makes of it (0.1 s, cached by the stoplist). Private APIs, hence the guard: a warm-up
    never stops a crawl.

    Not htmldate's dateparser (1.7 s of CPU and 40 MB to compile its patterns for every
    locale) nor its locale month names: htmldate runs without its extensive search
    (:func:`newsbot.extraction.dates.htmldate_published`), their only user, so extraction
    never loads them (``tests/test_pool_warm.py`` checks it).
    """
    import newsbot.extraction  # noqa: F401  (trafilatura, lxml, the wire parsers)
    from newsbot.dedup.precomputed import attach_record
    from newsbot.item import Article

    try:
        # numpy, the dedup modules and the MinHash tables of the records made beside articles
        attach_record(Article(url="https://a.example/", source="", articleBody="a", fetchedAt=""))
    except Exception as exc:
        logger.debug("warm-up: a dedup record failed: %r", exc)
    try:
        from justext.core import define_stoplist
        from trafilatura.external import jt_stoplist_init

        define_stoplist(jt_stoplist_init())
    except Exception as exc:
        logger.debug("warm-up: the justext stoplist failed: %r", exc)


def _init_worker(crawl_pid: int) -> None:
    # The crawl process owns shutdown: a Ctrl-C reaching the whole process group must not
    # kill workers under pages the crawl is still waiting for.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # no prctl: shutdown still reaps the workers
            pass
    threading.Thread(
        target=_exit_with, args=(crawl_pid,), name="newsbot-crawl-watch", daemon=True
    ).start()


def _exit_with(crawl_pid: int) -> None:
    """End this worker once the crawl process is gone, however it died.

    A forkserver worker's parent is the forkserver, not the crawl, so the parent-death
    signal never fires when the crawl is SIGKILLed (the OOM killer, ``kill -9``): the
    worker would wait on its call queue for ever, and keep the forkserver alive too.
    """
    try:
        watched = os.pidfd_open(crawl_pid)
    except (AttributeError, OSError):  # not Linux 5.3+: look once a second
        watched = None
    if watched is not None:
        select.select([watched], [], [])
        os._exit(1)
    while True:
        time.sleep(_WATCH_INTERVAL_S)
        try:
            os.kill(crawl_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # alive, and not ours to signal
            pass


def _ready() -> int:
    return os.getpid()


def _context() -> Any:
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has imported and warmed extraction (copy-on-write).
        context.set_forkserver_preload(["newsbot.pipelines._warm"])
        return context
    return multiprocessing.get_context("spawn")


def prestart(workers: int) -> None:
    """Start the forkserver now, if the crawl will have workers (Linux): it imports and
    warms extraction, half a second of CPU, while the crawl sets itself up, instead of
    while the first pages wait. The pool forks its workers from it when the spider opens.
    """
    if workers > 0 and sys.platform.startswith("linux"):
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


class ExtractionPool:
    """``workers`` extraction processes, awaited one page at a time."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._isolation: ProcessPoolExecutor | None = None
        self._isolation_lock: asyncio.Lock | None = None
        self._starter: threading.Thread | None = None
        self.replaced = 0
        """How many times a broken executor was replaced."""

    def _new_executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=_context(), initializer=_init_worker, initargs=(os.getpid(),)
        )

    def start(self) -> None:
        """Start the workers in the background, so the first pages don't wait for them.

        Starting the forkserver imports trafilatura (a second or more): not on the reactor.
        """
        executor = self._main()
        self._starter = threading.Thread(
            target=lambda: [executor.submit(_ready) for _ in range(self.workers)],
            name="newsbot-pool-start",
            daemon=True,
        )
        self._starter.start()

    def _main(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = self._new_executor(self.workers)
        return self._executor

    async def extract(
        self, page: FetchedPage, strict: bool = False, fingerprint: bool = False
    ) -> Article:
        """The page's article; raises what extraction raises, or :class:`WorkerCrash`."""
        executor = self._main()
        try:
            return await _awaitable(executor.submit(extract_page, page, strict, fingerprint))
        except BrokenProcessPool:
            self._replace(executor)
        except MemoryError as exc:
            raise WorkerCrash(f"out of memory: {exc}") from None
        return await self._extract_alone(page, strict, fingerprint)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self._executor is broken:  # the first page to notice replaces it
            self._executor = None
            self.replaced += 1
            broken.shutdown(wait=False, cancel_futures=True)
            logger.warning("An extraction worker died; the worker pool was replaced")

    async def _extract_alone(self, page: FetchedPage, strict: bool, fingerprint: bool) -> Article:
        """Retry a page that was in flight when a worker died, with no other page beside it."""
        if self._isolation_lock is None:
            self._isolation_lock = asyncio.Lock()
        async with self._isolation_lock:
            if self._isolation is None:
                self._isolation = self._new_executor(1)
            executor = self._isolation
            try:
                return await _awaitable(executor.submit(extract_page, page, strict, fingerprint))
            except BrokenProcessPool:
                self._isolation = None
                executor.shutdown(wait=False, cancel_futures=True)
                raise WorkerCrash("the extraction worker died on this page") from None
            except MemoryError as exc:
                raise WorkerCrash(f"out of memory: {exc}") from None

    def close(self, timeout: float = 10.0) -> None:
        """Stop every worker: wait up to ``timeout`` s for running pages, then kill."""
        if self._starter is not None:
            self._starter.join()
        executors = [e for e in (self._executor, self._isolation) if e is not None]
        self._executor = self._isolation = None
        for executor in executors:
            # Private, but the only handle on a worker stuck in a pathological page.
            handles = list((getattr(executor, "_processes", None) or {}).values())
            executor.shutdown(wait=False, cancel_futures=True)
            for process in handles:
                process.join(timeout)
                if process.is_alive():
                    logger.warning(
                        "Killing extraction worker %s still busy at shutdown", process.pid
                    )
                    process.kill()
                    process.join()
            executor.shutdown(wait=True)
        if executors:
            _stop_helpers()


def _stop_helpers() -> None:
    """Stop the forkserver and resource tracker now, rather than when this process exits,
    so they are gone by the time the crawl is (private API, hence the guards)."""
    from multiprocessing import forkserver, resource_tracker

    for helper in (
        getattr(forkserver, "_forkserver", None),
        getattr(resource_tracker, "_resource_tracker", None),
    ):
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            with contextlib.suppress(OSError, ChildProcessError):
                stop()


def _awaitable(future: Future[Article]) -> asyncio.Future[Article]:
    return asyncio.wrap_future(future)
