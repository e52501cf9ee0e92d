"""Publication and modification dates: ISO 8601 with the page's offset, plus raw strings.

Candidates come in order of trust (JSON-LD, meta tags, ``<time>`` markup, htmldate). A
published candidate is never filled from a modified one, so the two are never swapped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, clean_space

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
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WRITTEN_DATE = re.compile(
    rf"\b(?:{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}})\b"
)
_WRITTEN_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")


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
) -> PageDates:
    """Published and modified dates from machine-readable structured data (JSON-LD, meta
    tags, given in order of trust), then ``<time>`` markup that gives a single day, then
    the date printed by the headline, then htmldate, then structured dates written for
    readers, other markup and the discovery date.

    The printed date also replaces a structured published date that is only the modified
    stamp again (more than a day apart from it), and it is never taken when it is the
    modified day.
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
    published_day = (result.published or "")[:10]
    modified_day = (result.modified or "")[:10]
    # A published stamp equal to the modified one is the CMS's save time, not the day the
    # story came out: the date printed by the headline is, unless it too is that day.
    if not published_day or published_day == modified_day:
        printed, printed_raw = header_date(_headline(index))
        if printed and printed == modified_day != published_day:
            printed = None  # the page prints its modified date: never a published one
        if printed and (not published_day or _days_apart(printed, published_day) > 1):
            result.published, result.published_raw = printed, printed_raw
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


def _days_apart(day: str, stamp: str) -> int:
    try:
        return abs((date.fromisoformat(day[:10]) - date.fromisoformat(stamp[:10])).days)
    except ValueError:
        return 0


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


def visible_date(tree: HtmlElement) -> tuple[str | None, str | None]:
    """The first date written out in the page's text ("March 5, 2025", "5 March 2025"):
    (ISO day, raw string). Much cheaper than htmldate's extensive search, and it does not
    guess a copyright year."""
    texts = tree.xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    )
    today = date.today().isoformat()
    for text in texts:
        if len(text) < 8:
            continue
        for match in _WRITTEN_DATE.finditer(text):
            raw = match.group(0)
            value = _written_day(raw)
            if value and value <= today:
                return value, raw
    return None, None


def _written_day(raw: str) -> str | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw).replace(".", "").replace(",", "")
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


# Month names in the languages news sites print them in (lower case, with abbreviations).
_MONTH_WORDS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv enero ene gennaio genn januar jän janeiro januari stycznia",
        "february feb febr février févr febrero febbraio februar fevereiro fev februari lutego",
        "march mar mars marzo märz mrz março maart marca",
        "april apr avril avr abril aprile apr april kwietnia",
        "may mai mayo maggio mag maio mei maja",
        "june jun juin junio giugno giu juni junho czerwca",
        "july jul juillet juil julio luglio lug juli julho lipca",
        "august aug août agosto ago augustus sierpnia",
        "september sep sept septembre septiembre set settembre setembro września",
        "october oct octobre octubre oktober okt ottobre ott outubro out października",
        "november nov novembre noviembre novembro listopada",
        "december dec décembre déc diciembre dic dicembre dezember dez dezembro grudnia",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_WORDS.setdefault(_name, _number)
_MONTH_WORD = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_HEADER_DATES = (
    # "Dec. 19, 2025", "December 19th, 2025"
    re.compile(rf"\b{_MONTH_WORD}\s+{_DAY},?\s+{_YEAR}\b"),
    # "19 December 2025", "19. Dezember 2025", "19 de diciembre de 2025", "19 Dec, 2025"
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH_WORD},?\s+(?:de\s+)?{_YEAR}\b"),
    # "2025-12-19", "2025/12/19", "2025.12.19"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)\b"),
    # "19.12.2025" (day first wherever dots are used), "19/12/2025" when unambiguous
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
)
_UPDATED = re.compile(
    r"(?:updat|modif|revis|edited|aktualisiert|actualiza|mis à jour|aggiornat|atualizad|"
    r"bijgewerkt)[\w ]{0,12}:?\s*(?:on\s*)?$",
    re.I,
)
_BEFORE_H1, _AFTER_H1 = 6, 14  # text nodes: a kicker or dateline line, a deck and a byline
_HEADER_LEVELS = 4
_PROSE = 150  # characters: a text this long is a paragraph of the story, not a header line


def header_date(h1: HtmlElement | None, today: str | None = None) -> tuple[str | None, str | None]:
    """A date printed by the headline: in the few text lines before the ``<h1>`` or in
    those after it (deck, byline, date line), in the written forms and languages news sites
    use. A date labelled "Updated" is the modified date and is skipped. (ISO day, raw)."""
    if h1 is None:
        return None, None
    region = h1
    for _ in range(_HEADER_LEVELS):
        parent = region.getparent()
        if parent is None or parent.tag == "body":
            break
        region = parent
    before: list[str] = []  # text lines before the headline, the nearest last
    after: list[str] = []
    passed = False  # the headline is behind
    skipping = 0
    for event, node in etree.iterwalk(region, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        hidden = not tag or tag in _NOT_TEXT
        if hidden:
            skipping += 1 if event == "start" else -1
        if node is h1:
            passed = event == "end"
            skipping += 1 if event == "start" else -1  # the headline's own text is no date
        if skipping:
            continue
        text, owner = (node.text, node) if event == "start" and not hidden else (None, node)
        if event == "end" and node is not region:
            text, owner = node.tail, node.getparent()
        if not text or text.isspace():
            continue
        if passed:
            if len(text) > _PROSE and owner is not None and owner.tag == "p":
                break  # the story has begun: a date in it is not the page's
            after.append(text)
            if len(after) >= _AFTER_H1:
                break
        else:
            before.append(text)
            if len(before) > _BEFORE_H1 * 4:
                del before[:-_BEFORE_H1]
    today = today or date.today().isoformat()
    for text in [*after, *reversed(before[-_BEFORE_H1:])]:
        found = _header_day(text, today)
        if found:
            return found
    return None, None


_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})


def _header_day(text: str, today: str) -> tuple[str, str] | None:
    if len(text) < 6 or len(text) > _PROSE or not any(c.isdigit() for c in text):
        return None
    for pattern in _HEADER_DATES:
        for match in pattern.finditer(text):
            if _UPDATED.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            value = _match_day(match)
            if value and value <= today:
                return value, match.group(0)
    return None


def _match_day(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        else:
            return None  # 05/06/2025: the order is the site's secret
    else:
        day = int(groups["day"])
        word = groups["month"]
        month = int(word) if word.isdigit() else _MONTH_WORDS.get(word.casefold(), 0)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
