"""Store backends, chosen by URI scheme.

``sqlite:///relative/path`` or ``sqlite:////absolute/path`` is the embedded default;
``redis://host:port/db`` shares the state between machines (needs the ``redis`` extra).
"""

from __future__ import annotations

import importlib
from urllib.parse import urlsplit

from newsbot.dedup.store.base import (
    SCHEMA_VERSION,
    Chooser,
    Decision,
    DocRecord,
    Keeper,
    Kind,
    Store,
    StoreStats,
)
from newsbot.errors import StoreError

DEFAULT_STORE_URI = "sqlite:///.newsbot/store.sqlite"

STORE_SCHEMES: dict[str, str] = {
    "sqlite": "newsbot.dedup.store.sqlite.SQLiteStore",
    "redis": "newsbot.dedup.store.redis.RedisStore",
    "rediss": "newsbot.dedup.store.redis.RedisStore",
    "unix": "newsbot.dedup.store.redis.RedisStore",
}
"""Scheme → backend class path (``module.Class``); a class takes the URI as its argument.

Paths rather than classes so that a backend's optional client is imported only when
that backend is opened.
"""


def open_store(uri: str) -> Store:
    """Open the store at ``uri``; :class:`StoreError` when it can't be used."""
    scheme = urlsplit(uri).scheme
    path = STORE_SCHEMES.get(scheme)
    if path is None:
        known = ", ".join(f"{s}://" for s in STORE_SCHEMES)
        raise StoreError(f"unknown store URI {uri!r}: expected one of {known}")
    module_name, _, class_name = path.rpartition(".")
    backend = getattr(importlib.import_module(module_name), class_name)
    store: Store = backend(uri)
    return store


__all__ = [
    "DEFAULT_STORE_URI",
    "SCHEMA_VERSION",
    "STORE_SCHEMES",
    "Chooser",
    "Decision",
    "DocRecord",
    "Keeper",
    "Kind",
    "Store",
    "StoreStats",
    "open_store",
]
