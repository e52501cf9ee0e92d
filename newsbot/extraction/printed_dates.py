"""Dates printed for readers: the date line by the headline, in the written forms and
languages news sites use, and the first date written out in the page's text."""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml import etree
from lxml.html import HtmlElement

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WRITTEN_DATE = re.compile(
    rf"\b(?:{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}})\b"
)
_WRITTEN_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")


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
