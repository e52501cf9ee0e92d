"""The extraction workers' memory allocator: jemalloc where the system has it.

Extraction is allocation-bound in places: libxml2 builds every page's tree (and
trafilatura's copies of it) out of many small blocks, and frees them all when the page is
done. In paired 2,000-page bench crawls, workers with jemalloc preloaded crawled 7%
faster (100.8 -> 108.2 pages/s, 19.8 -> 18.5 ms of CPU a page, three pairs); bare
``trafilatura.extract`` reads 5-10% faster under it too, which ``newsbot bench`` reports.

The workers fork from a forkserver (:mod:`newsbot.pipelines.worker_process`), so the
library is preloaded (``LD_PRELOAD``) into the forkserver when it starts, and into
nothing else: the crawl process keeps the allocator it was started with.
``NEWSBOT_EXTRACT_ALLOCATOR = "system"`` leaves the workers on the system's allocator;
so does a system without jemalloc (Debian's ``libjemalloc2``), silently.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from functools import lru_cache

from newsbot.errors import UsageError

ALLOCATORS = ("jemalloc", "system")
DEFAULT_ALLOCATOR = "jemalloc"
_PRELOAD = "LD_PRELOAD"


def allocator_choice(value: object) -> str:
    """``NEWSBOT_EXTRACT_ALLOCATOR`` checked: unset is the default."""
    if value in (None, ""):
        return DEFAULT_ALLOCATOR
    choice = str(value).strip().lower()
    if choice not in ALLOCATORS:
        raise UsageError(
            f"NEWSBOT_EXTRACT_ALLOCATOR: one of {', '.join(ALLOCATORS)}, not {value!r}"
        )
    return choice


def preload_library(choice: str) -> str | None:
    """The shared library to preload into the workers for ``choice``, if any."""
    return _jemalloc() if choice == "jemalloc" else None


@lru_cache(maxsize=1)
def _jemalloc() -> str | None:
    """jemalloc's soname as the dynamic loader's cache knows it (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    from ctypes.util import find_library

    try:
        return find_library("jemalloc")  # "libjemalloc.so.2": ld.so finds it by that name
    except OSError:  # no ldconfig to ask
        return None


@contextlib.contextmanager
def preloaded(library: str | None) -> Iterator[None]:
    """Processes started inside preload ``library`` (before any the user preloads);
    this process's environment is as it was afterwards."""
    if library is None:
        yield
        return
    before = os.environ.get(_PRELOAD)
    os.environ[_PRELOAD] = f"{library} {before}" if before else library
    try:
        yield
    finally:
        if before is None:
            del os.environ[_PRELOAD]
        else:
            os.environ[_PRELOAD] = before
