"""What runs inside an extraction worker process: its page loop, and its warm start.

:func:`serve` reads one call at a time from the crawl's pipe (a pickled page with its
options), extracts it with :func:`extract_page` and writes back the pickled outcome: the
article, or the exception with its traceback. The pool in the crawl process
(:mod:`newsbot.pipelines.pool`) reads those outcomes on its event loop.

A worker ignores SIGINT and SIGTERM (the crawl owns shutdown and closes the pipe when it
is done), and ends itself once the crawl process is gone, however that died.
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import select
import signal
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

from newsbot.item import Article, FetchedPage

logger = logging.getLogger(__name__)

#: Test-only fault injection: ``exit:MARKER`` makes a worker ``os._exit(1)`` on a page
#: whose body holds MARKER; ``memory:MARKER`` makes it raise ``MemoryError``;
#: ``slow:MARKER`` makes it take 0.2 s longer (a crawl still running when signalled).
FAULT_ENV = "NEWSBOT_TEST_WORKER_FAULT"
_PR_SET_PDEATHSIG = 1
_WATCH_INTERVAL_S = 1.0


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, set as its ``__cause__``."""

    def __str__(self) -> str:
        return str(self.args[0])


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


def serve(calls: Connection, outcomes: Connection, crawl_pid: int) -> None:
    """A worker's life: extract each page that arrives on ``calls`` and send back its
    outcome on ``outcomes``, until the crawl closes ``calls``."""
    _detach_from(crawl_pid)
    while True:
        try:
            page, strict, fingerprint = calls.recv()
        except (EOFError, OSError):  # the crawl is done with this worker
            return
        try:
            outcome = pickle.dumps((True, extract_page(page, strict, fingerprint)), -1)
        except BaseException as exc:  # MemoryError too: the crawl counts it as a crash
            outcome = _failure(exc)
        try:
            outcomes.send_bytes(outcome)
        except OSError:  # the crawl no longer listens: it is closing the pool
            return


def _failure(exc: BaseException) -> bytes:
    """``exc`` pickled with its traceback, or a RuntimeError naming it if it won't pickle."""
    remote = "".join(traceback.format_exception(exc))
    try:
        return pickle.dumps((False, (exc, remote)), -1)
    except Exception:
        return pickle.dumps((False, (RuntimeError(repr(exc)), remote)), -1)


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


def _detach_from(crawl_pid: int) -> None:
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
    worker would wait on its pipe for ever, and keep the forkserver alive too.
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
