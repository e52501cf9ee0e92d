"""Small conversions the store backends share: timestamps, URL keys, article fields."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


def parse_timestamp(value: object) -> float | None:
    """Seconds since the epoch for an ISO 8601 string (naive means UTC), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def to_timestamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def article_timestamp(article: Mapping[str, Any]) -> float:
    """The time an article is filed under: ``datePublished``, else ``fetchedAt``, else 0."""
    for key in ("datePublished", "fetchedAt"):
        stamp = parse_timestamp(article.get(key))
        if stamp is not None:
            return stamp
    return 0.0


def article_url(article: Mapping[str, Any]) -> str:
    url = article.get("canonicalUrl") or article.get("url")
    if not isinstance(url, str) or not url:
        raise ValueError("an article needs a url")
    return url


def article_agencies(article: Mapping[str, Any]) -> list[str]:
    agencies = article.get("agencies") or []
    return sorted({a for a in agencies if isinstance(a, str) and a})


def url_key(url: str) -> int:
    """A signed 64-bit key for a URL (SQLite integers are signed)."""
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value
