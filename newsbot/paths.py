"""Turning names (source names, job names) into file names that stay where they are put.

Every place a name becomes part of a path goes through :func:`safe_name`: FEEDS URI
templates (``%(name)s``, via :func:`feed_uri_params`), job directories
(``--job NAME``) and anything else built from a source's name. A source named
``../../x`` then writes ``.._.._x`` inside the output directory, never outside it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_LEN = 120
# Names Windows refuses as files whatever the extension; cheap to avoid everywhere.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


def safe_name(name: str) -> str:
    """Return *name* as a single, harmless path component.

    Letters, digits, ``.``, ``_`` and ``-`` are kept (after folding accents to ASCII);
    every other run of characters, path separators included, becomes ``_``. A leading
    dot is replaced, so the result is never ``.``, ``..`` or a hidden file; it is never
    empty, and at most 120 characters long. Names that are already safe come back
    unchanged, so ``reuters`` stays ``reuters``.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("_", folded)
    if cleaned.startswith("."):
        cleaned = "_" + cleaned[1:]
    cleaned = cleaned[:_MAX_LEN]
    if not cleaned or cleaned.split(".", 1)[0].lower() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned


def safe_join(directory: str | Path, name: str) -> Path:
    """Return ``directory / safe_name(name)``, checked to lie inside *directory*."""
    base = Path(directory).resolve()
    path = (base / safe_name(name)).resolve()
    if path.parent != base:  # cannot happen with safe_name; a guard against future edits
        raise ValueError(f"{name!r} escapes {directory}")
    return path


def feed_uri_params(params: dict[str, Any], spider: object) -> dict[str, Any]:
    """``FEED_URI_PARAMS``: the spider's name in FEEDS URIs (``%(name)s``) made safe."""
    if isinstance(params.get("name"), str):
        params["name"] = safe_name(params["name"])
    return params
