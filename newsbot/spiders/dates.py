"""Dates as discovery documents write them: W3C datetime (sitemaps, Atom) and RFC 822 (RSS)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_w3c_datetime(raw: str | None) -> datetime | None:
    """``2024-05-01``, ``2024-05-01T10:00Z``, ``2024-05-01T10:00:00.5+02:00``; naive means UTC."""
    if not raw:
        return None
    text = raw.strip()
    if _W3C_DATE.match(text):
        text = (text + "-01-01")[:10]
    try:
        value = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_rfc822_datetime(raw: str | None) -> datetime | None:
    """``Tue, 10 Jun 2003 04:00:00 GMT`` (RSS); falls back to W3C, which some feeds use."""
    if not raw:
        return None
    try:
        value = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return parse_w3c_datetime(raw)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with the offset, or ``None``."""
    return value.isoformat() if value else None
