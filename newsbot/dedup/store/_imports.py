"""Optional clients, imported in one place: a missing extra fails early and clearly."""

from __future__ import annotations

from types import ModuleType

from newsbot.errors import StoreError


def import_redis() -> ModuleType:
    """The ``redis`` client package, or a :class:`StoreError` naming the extra to install."""
    try:
        import redis
    except ImportError as exc:
        raise StoreError(
            "the redis:// store needs the redis client: pip install 'newsbot[redis]'"
        ) from exc
    return redis
