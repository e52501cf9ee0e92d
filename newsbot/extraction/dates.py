"""Publication and modification dates: ISO 8601 with the page's offset, plus raw strings.

Candidates come in order of trust (JSON-LD, meta tags, ``<time>`` markup, the date printed
by the headline, htmldate). A published candidate is never filled from a modified one, so
the two are never swapped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, clean_space
from newsbot.extraction.printed_dates import (
    header_date,
    may_have_original_date,
    original_date,
    visible_date,
)

_ISO_LIKE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
_TEXT_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b. %d, %Y",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%A, %B %d, %Y",
    "%A, %d %B, %Y",
    "%d %B, %Y",
)
_MIN_YEAR, _MAX_YEAR = 1990, 2100


def normalize_date(raw: str | None) -> str | None:
    """ISO 8601 for a date string, keeping its offset; None when it is not a date."""
    text = clean_space(raw)
    if not text or len(text) > 80:
        return None
    return _machine_date(text) or _text_date(text)


def _machine_date(text: str) -> str | None:
    """ISO 8601 for a machine-readable date (ISO 8601, compact or RFC 2822), keeping its offset."""
    match = _ISO_LIKE.match(text)
    if match:
        return _from_iso_parts(match)
    match = _COMPACT.match(text)
    if match:
        year, month, day, hour, minute, second = match.groups()
        if hour:
            return _checked(f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}")
        return _checked(f"{year}-{month}-{day}")
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return parsed.isoformat()
    return None


def _text_date(text: str) -> str | None:
    """ISO 8601 day for a date written out for readers ("June 24, 2025", "24/06/2025")."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace("Sept.", "Sep.")).strip()
    for fmt in _TEXT_FORMATS:
        try:
            day = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        if _MIN_YEAR <= day.year <= _MAX_YEAR:
            return day.isoformat()
    return None


def _from_iso_parts(match: re.Match[str]) -> str | None:
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    stamp = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is None:
        return _checked(stamp)
    stamp += f"T{int(hour):02d}:{minute}:{second or '00'}{fraction or ''}"
    if offset:
        if offset != "Z" and ":" not in offset:
            offset = f"{offset[:3]}:{offset[3:]}"
        stamp += offset
    return _checked(stamp)


def _checked(stamp: str) -> str | None:
    try:
        value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if _MIN_YEAR <= value.year <= _MAX_YEAR else None


@dataclass
class PageDates:
    """The page's dates, ISO 8601, each with the raw string it came from."""

    published: str | None = None
    published_raw: str | None = None
    modified: str | None = None
    modified_raw: str | None = None


def page_dates(
    published: list[str | None],
    modified: list[str | None],
    index: PageIndex,
    tree: HtmlElement,
    url: str,
    discovered: str | None,
    html: str | None = None,
) -> PageDates:
    """Published and modified dates from machine-readable structured data (JSON-LD, meta
    tags, given in order of trust), then ``<time>`` markup that gives a single day, then
    the date printed for readers (a note "originally published on ...", the date by the
    headline), then htmldate, then structured dates written for readers, other markup and
    the discovery date. ``html``, the page's source, lets the search for a note skip the
    pages that can't hold one.

    The printed date also replaces a structured published stamp later than the printed day
    (see ``_printed_date``); it is never taken when it is the modified day. A stamp that is
    the modified one again and no printed day: one earlier day in the ``<time>`` markup.
    """
    markup_published, markup_modified = markup_dates(index)
    result = PageDates()
    # schema.org and Open Graph dates are ISO 8601; a structured date written out for
    # readers ("Jun 24, 2025") comes from a hand-made template, often a site-wide "last
    # published" stamp, so htmldate's reading of the page goes before it.
    machine = [raw for raw in published if raw and _machine_date(clean_space(raw) or "")]
    result.published, result.published_raw = first_date(machine)
    result.modified, result.modified_raw = first_date([*modified, *markup_modified])
    if result.published is None:
        # Markup dates that all give one day are the page's own.
        days = {(_machine_date(clean_space(m) or "") or "")[:10] for m in markup_published}
        if len(days) == 1 and "" not in days:
            result.published, result.published_raw = first_date(markup_published)
    stamp, modified_day = result.published, (result.modified or "")[:10]
    printed, printed_raw = _printed_date(index, tree, stamp, modified_day, html)
    if printed:
        result.published, result.published_raw = printed, printed_raw
    elif stamp and stamp[:10] == modified_day:
        # A save stamp and no printed date: a <time> that gives one earlier day.
        days = {(_machine_date(clean_space(m) or "") or "")[:10] for m in markup_published}
        day = days.pop() if len(days) == 1 else ""
        if day and day < stamp[:10] and not local_day_of(stamp, day):
            result.published, result.published_raw = first_date(markup_published)
    if result.published is None:
        # No structured date: htmldate weighs the page's markup and text better than a
        # first-<time> rule; the feed's or sitemap's date comes after it.
        found = htmldate_published(tree, url)
        result.published, result.published_raw = found, found
    if result.published is None:
        result.published, result.published_raw = visible_date(tree)
    if result.published is None:
        result.published, result.published_raw = first_date(
            [*published, *markup_published, discovered]
        )
    return result


def _printed_date(
    index: PageIndex, tree: HtmlElement, stamp: str | None, modified_day: str, html: str | None
) -> tuple[str | None, str | None]:
    """The date printed for readers, when it is to replace the structured published stamp:
    there is none, or the page prints an earlier day. A story is not printed as published
    before it was, so that stamp is a save time (often the modified one again), a re-save
    or a migration. A later printed day is no publication day (a masthead prints today's
    date); one that is the stamp's own day in some time zone is the same moment, so the
    stamp stays; a printed modified day is never a published one."""
    original, original_raw = (
        original_date(tree) if html is None or may_have_original_date(html) else (None, None)
    )
    printed, printed_raw = header_date(_headline(index))
    if original and (not printed or original < printed):
        printed, printed_raw = original, original_raw
    if not printed or printed == modified_day:
        return None, None
    if stamp is not None and (printed >= stamp[:10] or local_day_of(stamp, printed)):
        return None, None
    if printed_raw and printed_raw[:10] == printed:
        # a <time datetime> by the headline: its full stamp, with its offset
        return normalize_date(printed_raw) or printed, printed_raw
    return printed, printed_raw


def local_day_of(stamp: str, day: str) -> bool:
    """Whether ``day`` is the calendar day of ``stamp`` somewhere on Earth (UTC-12:00 to
    UTC+14:00); a stamp without a time is its own day only."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        wanted = date.fromisoformat(day[:10])
    except ValueError:
        return False
    if len(stamp) <= 10:
        return moment.date() == wanted
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
        earliest, latest = moment - timedelta(hours=12), moment + timedelta(hours=14)
    else:  # a local time, the zone unknown: it is that day where it was written
        earliest = latest = moment
    return earliest.date() <= wanted <= latest.date()


def _headline(index: PageIndex) -> HtmlElement | None:
    """The first ``<h1>`` with text outside navigation, asides and footers."""
    for h1 in index.tagged("h1"):
        if h1.text_content().strip() and not any(
            a.tag in {"nav", "aside", "footer"} for a in h1.iterancestors()
        ):
            return h1
    return None


def first_date(candidates: Sequence[str | None]) -> tuple[str | None, str | None]:
    """The first candidate that parses: (ISO value, raw string)."""
    for raw in candidates:
        value = normalize_date(raw)
        if value:
            return value, clean_space(raw)
    return None, None


def markup_dates(index: PageIndex) -> tuple[list[str], list[str]]:
    """``<time>`` and itemprop dates from the page markup: (published, modified) candidates."""
    published: list[str] = []
    modified: list[str] = []
    candidates = index.tagged("time") + [e for e in index.itemprops if e.tag != "time"]
    for element in candidates:
        prop = (element.get("itemprop") or "").lower()
        value = element.get("datetime") or element.get("content") or element.get("title")
        if prop == "datepublished" or prop == "datecreated":
            published.append(value or element.text_content())
        elif prop == "datemodified":
            modified.append(value or element.text_content())
        elif element.tag == "time" and value:
            marker = f"{element.get('class') or ''} {element.getparent().get('class') or ''}"
            (modified if re.search(r"updat|modif", marker, re.I) else published).append(value)
        if len(published) + len(modified) > 20:
            break
    return published, modified


def htmldate_published(tree: HtmlElement, url: str) -> str | None:
    """htmldate's original-date guess: the last resort, it is the slowest."""
    from htmldate import find_date  # imported late: rarely needed

    try:
        found = find_date(
            tree,
            url=url or None,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        )
    except (ValueError, TypeError, AttributeError):
        return None
    if not found:
        return None
    try:
        date.fromisoformat(found)
    except ValueError:
        return None
    return found
