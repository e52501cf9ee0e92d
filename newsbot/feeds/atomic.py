"""Write a file so that a reader sees the old content or the new, never half of it.

The temporary file lives in the destination's directory, so the final ``os.replace`` is a
rename within one filesystem: atomic on POSIX and on Windows.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: int = 0o644) -> Iterator[IO[bytes]]:
    """Yield a binary file that replaces ``path`` when the block ends without an error.

    On an error the temporary file is removed and ``path`` is left as it was. ``mode`` is
    set before the rename, since ``mkstemp`` creates files only their owner can read.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(
        dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
