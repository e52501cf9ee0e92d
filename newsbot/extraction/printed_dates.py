"""Dates printed for readers: the date line by the headline, in the written forms and
languages news sites use, and the first date written out in the page's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    use, or a ``<time>`` there whose ``datetime`` is ISO 8601 (it settles "03/01/2017"). A
    date labelled "Updated" in its line, or a ``<time>`` marked as the modified one, is
    skipped. (ISO day, raw: the ``datetime`` value for a ``<time>``)."""
    if h1 is None:
        return None, None
    region = h1
    for _ in range(_HEADER_LEVELS):
        parent = region.getparent()
        if parent is None or parent.tag == "body":
            break
        region = parent
    lines: list[_Line] = []  # in document order
    at_h1: int | None = None  # the index of the first line after the headline
    skipping = 0
    time: HtmlElement | None = None  # a <time> read by its datetime: its text is not read
    for event, node in etree.iterwalk(region, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        hidden = not tag or tag in _NOT_TEXT
        if hidden:
            skipping += 1 if event == "start" else -1
        if node is h1:
            at_h1 = len(lines) if event == "end" else None
            skipping += 1 if event == "start" else -1  # the headline's own text is no date
        stamp = (node.get("datetime") or "").strip() if tag == "time" else ""
        if event == "start" and not skipping and _MACHINE_DAY.match(stamp):
            lines.append(_Line(stamp, machine=True, updated=_marked(node)))
            time, skipping = node, skipping + 1
        elif event == "end" and node is time:
            time, skipping = None, skipping - 1
        if skipping:
            continue
        text, owner = (node.text, node) if event == "start" and not hidden else (None, node)
        if event == "end" and node is not region:
            text, owner = node.tail, node.getparent()
        if not text or text.isspace():
            continue
        if at_h1 is not None and len(text) > _PROSE and owner is not None and owner.tag == "p":
            break  # the story has begun: a date in it is not the page's
        lines.append(_Line(text))
        if at_h1 is not None and len(lines) - at_h1 >= _AFTER_H1:
            break
        if at_h1 is None and len(lines) > _BEFORE_H1 * 4:
            del lines[: -_BEFORE_H1 - 1]  # one more than read: the label line before
    if at_h1 is None:
        return None, None
    today = today or date.today().isoformat()
    order = [*range(at_h1, len(lines)), *reversed(range(max(0, at_h1 - _BEFORE_H1), at_h1))]
    for i in order:
        found = _line_day(lines[i], today)
        if found:
            return found
    return None, None


@dataclass
class _Line:
    """One text line of the header; a ``<time>`` element is one line holding its datetime."""

    text: str
    machine: bool = False
    updated: bool = False


def _marked(time: HtmlElement) -> bool:
    """Whether a ``<time>`` element is marked as the modified date, by its class, itemprop,
    its parent's class or a label in its own text ("Last Updated: Dec 17, 2025")."""
    parent = time.getparent()
    marker = f"{time.get('class') or ''} {time.get('itemprop') or ''}"
    if parent is not None:
        marker += f" {parent.get('class') or ''}"
    return bool(re.search(r"updat|modif", marker, re.I) or _LABELLED.search(time.text_content()))


def _line_day(line: _Line, today: str) -> tuple[str, str] | None:
    """The line's date, unless it is labelled as the modified one: (ISO day, raw)."""
    if line.updated:
        return None
    if line.machine:
        match = _MACHINE_DAY.match(line.text)
        value = _match_day(match) if match else None
        return (value, line.text) if value and value <= today else None
    return _header_day(line.text, today)


_LABELLED = re.compile(r"^\W*(?:last\s+)?(?:updat|modif|revis)", re.I)
_MACHINE_DAY = re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])")
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


# "Originally published on" opening a note, or "This article was first published on": the
# page's own story, not a study or a book the story mentions.
_ORIGINALLY = re.compile(
    r"(?:^\W*|\bthis\s+(?:article|story|post|piece|guide|page|blog\s+post|report)\s+"
    r"(?:was\s+|has\s+been\s+)?)(?:originally|first)\s+published\s+(?:on\s+)?",
    re.I,
)


# In the page's HTML, "originally"/"first" and then "published" with only space, entities or
# tags between: what the note's text needs (checked backwards from each "ublished").
_LABEL_IN_HTML = re.compile(r"(?:originally|first)(?:\s|&[#\w]+;|<[^<>]*>)+$", re.I)


def may_have_original_date(html: str) -> bool:
    """Whether the page's HTML can hold a note :func:`original_date` reads: a test on the
    few "ublished" in the source (meta names, JSON-LD keys, the note), far cheaper than
    the search of the tree's text it spares on nearly every page."""
    at = html.find("ublished")
    while at != -1:
        before = html[max(0, at - 80) : max(0, at - 1)]
        lowered = before.lower()
        if ("originally" in lowered or "first" in lowered) and _LABEL_IN_HTML.search(before):
            return True
        at = html.find("ublished", at + 8)
    return False


def original_date(tree: HtmlElement, today: str | None = None) -> tuple[str | None, str | None]:
    """The day a note labels as the story's first publication ("This article was originally
    published on 26 Sep 2019 but has been regularly updated"), written right after the
    label: (ISO day, raw). "Originally published by The Conversation" gives no day, nor does
    "the study, first published on ..." in the story's text."""
    today = today or date.today().isoformat()
    for element in tree.xpath(
        "//body//*[text()[contains(., 'ublished')]][not(self::script or self::style)]"
    ):
        text = element.text_content()
        if len(text) > 2 * _PROSE:
            continue
        for label in _ORIGINALLY.finditer(text):
            for pattern in _HEADER_DATES:
                match = pattern.match(text, label.end())
                value = _match_day(match) if match else None
                if match and value and value <= today:
                    return value, match.group(0)
    return None, None
