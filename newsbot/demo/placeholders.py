"""The placeholders in the demo site's files, and how they are filled at serve time.

The bundled pages are static, but their URLs and dates are not: the server's port is
only known when it starts, and a news sitemap lists only the last two days. So files
carry two kinds of placeholder, filled by :func:`fill`:

``{{BASE}}``
    The server's base URL, without a trailing slash (``http://127.0.0.1:8123``).
``{{NOW<offset>|<format>|<tz>}}``
    A time relative to the moment the server started, e.g. ``{{NOW-7h|iso|+01:00}}``.
    ``offset`` is a signed run of ``<n>d``, ``<n>h``, ``<n>m`` (``-1d6h``); ``tz`` is a UTC
    offset (``+05:30``, ``Z``; UTC when left out). ``format`` is one of :data:`FORMATS`, or
    a ``strftime`` pattern (``%d/%m/%Y``; ``%-d``, ``%-H`` and ``%-I`` drop the zero).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

_REUTERS_MONTHS = [
    *("Jan", "Feb", "March", "April", "May", "June"),
    *("July", "Aug", "Sept", "Oct", "Nov", "Dec"),
]
_AP_MONTHS = [
    *("Jan.", "Feb.", "March", "April", "May", "June"),
    *("July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."),
]

TOKEN = re.compile(r"\{\{\s*(?:(?P<base>BASE)|NOW(?P<body>[^}]*))\s*\}\}")
_NOW = re.compile(r"^(?P<offset>[+-](?:\d+[dhm])+)?(?:\|(?P<fmt>[^|]+))?(?:\|(?P<tz>[^|]+))?$")
_OFFSET_PART = re.compile(r"(\d+)([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
_TZ = re.compile(r"^(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2})$")


def _strftime(moment: datetime, pattern: str) -> str:
    # Portable no-padding variants: glibc knows %-d, Windows does not.
    pattern = (
        pattern.replace("%-d", str(moment.day))
        .replace("%-H", str(moment.hour))
        .replace("%-I", str(moment.hour % 12 or 12))
    )
    return moment.strftime(pattern)


FORMATS: dict[str, Callable[[datetime], str]] = {
    "iso": lambda t: t.isoformat(timespec="seconds"),
    "date": lambda t: t.date().isoformat(),
    "rfc822": lambda t: format_datetime(t),
    "reuters": lambda t: f"{_REUTERS_MONTHS[t.month - 1]} {t.day}",
    "ap": lambda t: f"{_AP_MONTHS[t.month - 1]} {t.day}",
    "long": lambda t: f"{t:%B} {t.day}, {t.year}",
    "epochms": lambda t: str(int(t.timestamp() * 1000)),
}
"""Named formats: ``iso`` 2026-12-03T09:05:00+01:00, ``date`` 2026-12-03, ``rfc822``
(RSS), ``reuters`` Sept 3 (Reuters months), ``ap`` Dec. 3 (AP months), ``long``
December 3, 2026, ``epochms`` milliseconds since the epoch."""


class PlaceholderError(ValueError):
    """A placeholder the site's files should not contain."""


def parse_tz(text: str | None) -> timezone:
    """``+05:30``, ``-0600`` or ``Z`` as a fixed-offset timezone; ``None`` is UTC."""
    if text is None or text in ("Z", "UTC"):
        return UTC
    match = _TZ.match(text)
    if match is None:
        raise PlaceholderError(f"bad UTC offset {text!r}")
    delta = timedelta(hours=int(match["h"]), minutes=int(match["m"]))
    return timezone(-delta if match["sign"] == "-" else delta)


def parse_offset(text: str | None) -> timedelta:
    """``-1d6h`` as a timedelta; ``None`` is zero."""
    if not text:
        return timedelta()
    total = timedelta()
    for number, unit in _OFFSET_PART.findall(text):
        total += timedelta(**{_UNITS[unit]: int(number)})
    return -total if text.startswith("-") else total


def render_time(body: str, now: datetime) -> str:
    """The text for a ``{{NOW...}}`` placeholder; ``body`` is what follows ``NOW``."""
    match = _NOW.match(body.strip())
    if match is None:
        raise PlaceholderError(f"bad placeholder {{{{NOW{body}}}}}")
    moment = (now + parse_offset(match["offset"])).astimezone(parse_tz(match["tz"]))
    fmt = match["fmt"] or "iso"
    if "%" in fmt:
        return _strftime(moment, fmt)
    try:
        return FORMATS[fmt](moment)
    except KeyError:
        raise PlaceholderError(f"unknown date format {fmt!r}") from None


def fill(text: str, base: str, now: datetime) -> str:
    """``text`` with every placeholder replaced; ``now`` must be timezone-aware."""

    def replace(match: re.Match[str]) -> str:
        if match["base"]:
            return base.rstrip("/")
        return render_time(match["body"], now)

    return TOKEN.sub(replace, text)
