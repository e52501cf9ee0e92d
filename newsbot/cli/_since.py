"""``--since`` values: a duration back from now (``90s``, ``30m``, ``2h``, ``7d``, ``1w``)
or an ISO 8601 date or date-time (UTC when it has no offset)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from newsbot.errors import UsageError

_DURATION = re.compile(r"\s*(\d+)\s*([smhdw])\s*", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """The moment ``value`` names, as an aware UTC datetime; :class:`UsageError` if none."""
    now = now or datetime.now(UTC)
    match = _DURATION.fullmatch(value)
    if match:
        seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        return now - timedelta(seconds=seconds)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--since {value!r}: expected a duration such as 2h, 30m, 7d or an ISO 8601 date"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
