"""One extraction worker process seen from the crawl: starting it, and its two pipes.

Workers fork from a forkserver on Linux (which has imported and warmed extraction, so a
worker starts in milliseconds), and are spawned elsewhere. Each gets a page pipe and an
outcome pipe of its own, carrying messages in multiprocessing's framing (a length header,
then a pickle). The crawl's ends are non-blocking and watched by its event loop
(:class:`WorkerProcess`); the worker's side is :func:`newsbot.pipelines.worker.serve`.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import struct
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from newsbot.item import Article, FetchedPage
from newsbot.pipelines.allocator import DEFAULT_ALLOCATOR, preload_library, preloaded
from newsbot.pipelines.worker import serve

_PIPE_BYTES = 1 << 20
"""Capacity asked for a worker's page pipe (Linux), so that a waiting page fits whole."""
_F_SETPIPE_SZ = 1031
_READ_BYTES = 1 << 18
_HEADER = struct.Struct("!i")
_LONG_HEADER = struct.Struct("!Q")


def mp_context() -> Any:
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has imported and warmed extraction (copy-on-write).
        context.set_forkserver_preload(["newsbot.pipelines._warm"])
        return context
    return multiprocessing.get_context("spawn")


def prestart(workers: int, allocator: str = DEFAULT_ALLOCATOR) -> None:
    """Start the forkserver now, if the crawl will have workers (Linux): it imports and
    warms extraction, half a second of CPU, while the crawl sets itself up, instead of
    while the first pages wait. The pool forks its workers from it when the spider opens.
    """
    if workers > 0 and sys.platform.startswith("linux"):
        start_forkserver(allocator)


_forkserver_lock = threading.Lock()
"""One start at a time: each sets this process's environment while the forkserver starts."""


def start_forkserver(allocator: str) -> None:
    """Make sure the forkserver runs (Linux), started with ``allocator``'s library preloaded.

    One forkserver serves every pool of a process: one already running keeps the allocator
    it was started with (``stop_helpers`` stops it).
    """
    from multiprocessing import forkserver

    mp_context()
    with _forkserver_lock, preloaded(preload_library(allocator)):
        forkserver.ensure_running()


@dataclass
class Call:
    """A page on its way to a worker, and the future its outcome settles."""

    page: FetchedPage
    strict: bool
    fingerprint: bool
    future: asyncio.Future[Article]


class WorkerProcess:
    """One worker process, its two pipes, and the calls in flight on it, oldest first.

    The crawl's ends of the pipes are non-blocking and watched by the event loop: a page
    the pipe can't take at once waits in ``_unsent`` until it is writable again.
    """

    def __init__(self, allocator: str = DEFAULT_ALLOCATOR) -> None:
        if sys.platform.startswith("linux"):
            start_forkserver(allocator)
        context = mp_context()
        calls_out, calls_in = context.Pipe(duplex=False)
        outcomes_out, outcomes_in = context.Pipe(duplex=False)
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError):  # above the system's limit: the default
                import fcntl

                fcntl.fcntl(calls_in.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
        self.process = context.Process(
            target=serve,
            args=(calls_out, outcomes_in, os.getpid()),
            name="newsbot-extract",
            daemon=True,
        )
        try:
            self.process.start()
        except BaseException:
            calls_in.close()
            outcomes_out.close()
            raise
        finally:
            calls_out.close()
            outcomes_in.close()
        self._calls: Connection | None = calls_in
        self._outcomes: Connection | None = outcomes_out
        self._loop: asyncio.AbstractEventLoop | None = None
        self._unsent: deque[memoryview] = deque()
        self._received = bytearray()
        self.calls: deque[Call] = deque()

    def connect(
        self,
        loop: asyncio.AbstractEventLoop,
        on_outcome: Callable[[WorkerProcess, bytes], None],
        on_exit: Callable[[WorkerProcess], None],
    ) -> None:
        """Watch the outcome pipe on ``loop``: each outcome goes to ``on_outcome``, and
        ``on_exit`` runs once the worker has closed its end (it exited, or died)."""
        assert self._calls is not None and self._outcomes is not None
        self._loop = loop
        os.set_blocking(self._calls.fileno(), False)
        os.set_blocking(self._outcomes.fileno(), False)
        loop.add_reader(self._outcomes.fileno(), self._readable, on_outcome, on_exit)

    def send(self, call: Call) -> None:
        data = pickle.dumps((call.page, call.strict, call.fingerprint), -1)
        self.calls.append(call)
        self._write(memoryview(frame_header(len(data))))
        self._write(memoryview(data))

    def _write(self, chunk: memoryview) -> None:
        if self._calls is None:
            return
        if not self._unsent:
            try:
                chunk = chunk[os.write(self._calls.fileno(), chunk) :]
            except BlockingIOError:
                pass
            except OSError:  # the worker is gone: its outcome pipe reports that
                return
            if not chunk:
                return
            assert self._loop is not None
            self._loop.add_writer(self._calls.fileno(), self._writable)
        self._unsent.append(chunk)

    def _writable(self) -> None:
        assert self._calls is not None and self._loop is not None
        unsent = self._unsent
        while unsent:
            try:
                written = os.write(self._calls.fileno(), unsent[0])
            except BlockingIOError:
                return
            except OSError:
                unsent.clear()
                break
            if written < len(unsent[0]):
                unsent[0] = unsent[0][written:]
                return
            unsent.popleft()
        self._loop.remove_writer(self._calls.fileno())

    def _readable(
        self,
        on_outcome: Callable[[WorkerProcess, bytes], None],
        on_exit: Callable[[WorkerProcess], None],
    ) -> None:
        assert self._outcomes is not None and self._loop is not None
        try:
            data = os.read(self._outcomes.fileno(), _READ_BYTES)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._loop.remove_reader(self._outcomes.fileno())
            on_exit(self)
            return
        self._received += data
        for message in split_frames(self._received):
            on_outcome(self, message)

    def hang_up(self) -> None:
        """Close the page pipe: the worker exits once its current page is done."""
        if self._calls is not None:
            if self._loop is not None:
                self._loop.remove_writer(self._calls.fileno())
            self._unsent.clear()
            self._calls.close()
            self._calls = None

    def release(self) -> None:
        """Stop watching the outcome pipe and close it."""
        if self._outcomes is not None:
            if self._loop is not None:
                self._loop.remove_reader(self._outcomes.fileno())
            self._outcomes.close()
            self._outcomes = None


def frame_header(length: int) -> bytes:
    """multiprocessing's message header: the length, in 4 bytes or after a -1 in 12."""
    if length < 2**31:
        return _HEADER.pack(length)
    return _HEADER.pack(-1) + _LONG_HEADER.pack(length)


def split_frames(buffer: bytearray) -> list[bytes]:
    """Take every whole message off the front of ``buffer`` (``frame_header`` framing)."""
    messages: list[bytes] = []
    while len(buffer) >= _HEADER.size:
        (length,) = _HEADER.unpack_from(buffer)
        start = _HEADER.size
        if length == -1:
            if len(buffer) < start + _LONG_HEADER.size:
                break
            (length,) = _LONG_HEADER.unpack_from(buffer, start)
            start += _LONG_HEADER.size
        if len(buffer) < start + length:
            break
        messages.append(bytes(buffer[start : start + length]))
        del buffer[: start + length]
    return messages


def stop_helpers() -> None:
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
