"""A FEEDS storage that never leaves a half-written file where a reader looks.

Scrapy's ``FileFeedStorage`` writes straight into the target path, so a reader (a cron
job, a web server) can see half a JSON array while a crawl runs, and a crash leaves it
there. :class:`AtomicFileFeedStorage` writes into a hidden temporary file in the same
directory and ``os.replace``\\ s it onto the target when the feed is complete: the
target either doesn't exist yet or holds the previous complete file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import IO, Any

from w3lib.url import file_uri_to_path

TEMP_SUFFIX = ".part"


def _discard(state: dict[str, str | None]) -> None:
    """Remove a temp file that was never stored (an empty batch, a crash, an exit)."""
    tmp = state.get("tmp")
    if tmp:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class AtomicFileFeedStorage:
    """``FEED_STORAGES`` for ``""`` and ``"file"``: write to a temp file, then rename.

    Without the ``overwrite`` feed option the feed is appended, as with Scrapy's own
    storage: the previous content is copied into the temp file first, so the target is
    still replaced in one step.
    """

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.append = not (feed_options or {}).get("overwrite", False)
        self._state: dict[str, str | None] = {"tmp": None}
        weakref.finalize(self, _discard, self._state)

    def open(self, spider: object) -> IO[bytes]:
        directory = self.path.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=TEMP_SUFFIX, dir=directory)
        self._state["tmp"] = tmp
        file = os.fdopen(fd, "w+b")
        if self.append and self.path.exists():
            with self.path.open("rb") as previous:
                shutil.copyfileobj(previous, file)
        return file

    def store(self, file: IO[bytes]) -> None:
        tmp = self._state["tmp"]
        if tmp is None:
            raise RuntimeError("store() called before open()")
        if not file.closed:  # post-processing plugins (gzip, ...) close it themselves
            file.flush()
            os.fsync(file.fileno())
            file.close()
        # mkstemp makes the file 0600; give it the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, self.path)
        self._state["tmp"] = None
