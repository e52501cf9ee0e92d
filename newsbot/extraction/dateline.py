"""Datelines at the start of a body paragraph: place, date as printed, agency.

Owns the dateline shapes of ../shared/reference/wire-formats.md §1, tried in this order:

- ANSA, agency first: ``(ANSA) - ROMA, 16 MAG -``
- Kyodo, no parentheses: ``TOKYO, Dec. 3 Kyodo -``; TASS: ``MOSCOW, December 3. /TASS/.``
- wire ``PLACE[, Qualifier][, DATE] (AGENCY) SEP`` for Reuters, AP, AFP, Bloomberg, UPI, dpa,
  EFE (``.-``), Xinhua, Yonhap, PTI/IANS (no separator), ANI (``New Delhi [India], ... (ANI):``),
  UNB, BSS, APP and any other agency of :mod:`.agencies`; also ``(Bloomberg) --`` with no place
  and AP's ``(04-29) 14:47 PDT`` prefix;
- agency first, Bangladeshi style: ``Reuters, Brussels :``, ``AFP, Prayagraj, June 23:``;
- staff datelines: ``LAHORE:``, ``BRUSSELS —``, ``CATANIA, Italy —``, ``Bengaluru, Aug 23:``.

Guards against sentences read as datelines: a place has at most five words and 40
characters, no digits, capitalised words only (plus particles such as "de"), and staff
datelines need an upper-case place that is not on the stop-list (BREAKING, UPDATE, ...).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsbot.extraction.agencies import canonical_agency
from newsbot.item import Dateline

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Romance-language month abbreviations, day first: "3 dic", "23 SET", "31 dez 2008".
_MON_DM = (
    r"(?i:ene|gen|jan|feb|fev|f\u00e9v|mar|abr|apr|avr|may|mag|mai|jun|giu|juin|jul|lug|juil"
    r"|ago|aug|ao\u00fb|sep|set|oct|ott|out|nov|dic|dez|dec|d\u00e9c)[a-z\u00e0-\u00ff]{0,7}\.?"
)
_MON_DE = (
    r"(?:Januar|Februar|M\u00e4rz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
)
_DATE = (
    rf"(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:de\s+)?{_MON_DM}(?:\s+(?:de\s+)?\d{{4}})?"
    rf"|\d{{1,2}}\.\s+{_MON_DE}(?:\s+\d{{4}})?)"
)
_UC_WORD = r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\-]*"
_TC_WORD = r"[A-Z\u00c0-\u00de][\w.'\-]*"
_PARTICLE = r"(?:de|da|do|dos|del|della|di|du|des|la|le|el|al|es|en|am|an|im|of|on|upon|sur)"
_PLACE_UC = rf"{_UC_WORD}(?:[ /]{_UC_WORD}){{0,4}}"
_PLACE_TC = rf"{_TC_WORD}(?:(?:[ /]|\s{_PARTICLE}\s){_TC_WORD}){{0,4}}"
_PLACE = rf"(?:{_PLACE_UC}|{_PLACE_TC})"
# ", Calif." | ", Belgium" | ", South Africa" | " [India]"
_QUAL_WORD = r"(?:[A-Z][a-z]+\.?|(?:[A-Z]\.){1,3}|[A-Z][a-z]?\.)"  # Texas, Calif., D.C., Mo.
# ", Bosnia and Herzegovina" | ", Democratic Republic of the Congo"
_QUAL = rf"(?:,\s*{_QUAL_WORD}(?:\s(?:(?:and|of|the|of\s+the)\s)?{_QUAL_WORD}){{0,3}}){{0,2}}"
_BRACKET = r"(?:\s*\[[A-Z][A-Za-z .]{1,30}\])?"
_DASH = r"(?:--|[-\u2010-\u2015\u2212\x97_])"
_EM = r"(?:--|[\u2013\u2014\u2015\x97])"
_TAG = r"[A-Za-z][A-Za-z .&/\-]{0,40}"
_AFTER = r"(?=\s*[\"'\u201c\u2018A-Z0-9\u00c0-\u00de(]|\s*$)"

_ANSA = re.compile(
    rf"^\((?P<agency>ANSA(?:med)?)\)\s*-\s*(?P<place>{_PLACE_UC}{_QUAL}),\s+"
    r"(?P<date>\d{1,2}\s+[A-Z]{3}|[A-Z]{3}\s+\d{1,2})\s*-\s*"
)
_KYODO = re.compile(
    rf"^(?P<place>{_PLACE}{_QUAL}),\s+(?P<date>{_DATE})\s+(?P<agency>Kyodo)\s*{_DASH}\s*"
)
_TASS = re.compile(
    rf"^(?P<place>{_PLACE}{_QUAL}),\s+(?P<date>{_MON}\s+\d{{1,2}})\.?\s*/(?P<agency>TASS)/\.?\s*"
)
_WIRE = re.compile(
    r"^(?:\(\d\d?-\d\d?\)\s+\d\d?:\d\d\s+[A-Z]{2,4}\s+)?"
    rf"(?:(?P<place>{_PLACE}{_BRACKET}{_QUAL})(?:,?\s+|(?=\s*\()))?"
    rf"(?:(?P<date>{_DATE})\s*)?"
    rf"\((?P<tag>{_TAG})\)"
    rf"(?P<sep>\s*(?:\.-|{_DASH}|:)|{_AFTER})\s*"
)
_AGENCY_FIRST = re.compile(
    r"^(?P<agency>[A-Z][A-Za-z.&\-]*(?:\s[A-Z][A-Za-z.&\-]*){0,4})\s*,\s*"
    rf"(?P<place>{_PLACE}{_BRACKET}{_QUAL})(?:\s*,\s*(?P<date>{_DATE}))?\s*:\s*"
)
_STAFF_COLON = re.compile(
    rf"^(?:(?P<place>{_PLACE_UC}{_BRACKET}{_QUAL})(?:,\s*(?P<date>{_DATE}))?"
    rf"|(?P<tcplace>{_PLACE_TC}{_BRACKET}{_QUAL}),\s*(?P<tcdate>{_DATE}))\s*:\s+"
)
_STAFF_DASH = re.compile(
    rf"^(?:(?P<place>{_PLACE_UC}{_QUAL})(?:,\s+(?P<date>{_DATE}))?"
    rf"|(?P<tcplace>{_PLACE_TC}{_QUAL}),\s+(?P<tcdate>{_DATE}))\s*{_EM}\s*"
)

# Upper-case openers that are labels, not places ("BREAKING: ...", "FILE - ...").
_STOP = frozenset(
    """ADVERTISEMENT ADVISORY ALERT ANALYSIS AND ANSWER BACKGROUND BREAKING BULLETIN BUT CAPTION
    CLARIFICATION COMMENT CONTEXT CORRECTION CREDIT CREDITS DEVELOPING DISCLAIMER EDITORIAL
    EDS EPILOGUE EXCLUSIVE EXPLAINER FAQ FILE FLASH FYI HIGHLIGHTS HOW INTERVIEW INTRO LATEST
    LISTEN LIVE MORE NB NEW NOTE OK OPINION PHOTO PHOTOS PODCAST POLL PROLOGUE PS QUESTION
    QUIZ READ RELATED REPORT REVIEW RIP SOURCE SOURCES SPOILER SPONSORED SUMMARY THE TLDR TOP
    TV UPDATE UPDATED UPDATES UPSHOT URGENT VIDEO VIDEOS WARNING WATCH WHAT WHEN WHERE WHO
    WHY""".split()  # noqa: SIM905
) | frozenset(
    p.strip()
    for p in """ALSO READ, BIG PICTURE, BOTTOM LINE, BREAKING NEWS, DON'T MISS, EDITOR'S NOTE,
    EDITORS NOTE, FACT CHECK, FILE PHOTO, IN BRIEF, IN PICTURES, JUST IN, KEY POINTS,
    LIVE UPDATES, MUST READ, NEWS DESK, ONLINE DESK, READ MORE, SEE ALSO, STAFF REPORT,
    THE BIG PICTURE, TOP STORIES, WATCH LIVE, WEB DESK, WHAT WE KNOW, WHY IT MATTERS""".split(",")  # noqa: SIM905
)


# Same-length folding, so that match offsets index the paragraph as printed.
_FOLD = str.maketrans(
    {
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2019": "'", "\u2018": "'", "\u2032": "'", "\uff08": "(", "\uff09": ")",
        "\uff1a": ":", "\u2212": "-",
    }
)  # fmt: skip


# Words that never occur in a place name, for labels such as "OUR TOP PICK:" or "HOST:".
_STOP_WORDS = frozenset(
    """ABOUT ALSO ANCHOR ANOTHER BEST BYLINE CEO CPU EDITING EDITOR FAIL FAVORITE FOR GUEST
    HOST INTERVAL ITEMS MY NOTE NOTES OUR PICK PICKS PRICE QUICK RANK READ REPORTER RUNNER
    SUMMARY THIS TIP TIPS TODO UPDATE VERDICT YOUR""".split()  # noqa: SIM905
)


def _plausible_place(place: str | None, *, staff: bool = False, upper: bool = False) -> bool:
    """A place name, not a sentence; without an agency tag, not a label ("TIP:") either."""
    if not place:
        return False
    core = re.sub(r"\s*\[[^\]]*\]", "", place).split(",")[0].strip()
    words = core.replace("/", " ").split()
    if not words or len(words) > 5 or len(core) > 40 or len(place) > 70:
        return False
    if any(ch.isdigit() for ch in place):
        return False
    if staff and any(word.strip(".'").upper() in _STOP_WORDS for word in words):
        return False
    if staff and upper and (len(core.replace(" ", "")) < 4 or core.upper() in _STOP):
        return False
    return canonical_agency(core) is None


class _Found(NamedTuple):
    match: re.Match[str]
    place: str  # the names of the groups holding the place and the date
    date: str
    agency: str | None


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _match_fixed(text: str) -> _Found | None:
    for pattern, agency in ((_ANSA, "ANSA"), (_KYODO, "Kyodo"), (_TASS, "TASS")):
        m = pattern.match(text)
        if m and _plausible_place(m.group("place")):
            return _Found(m, "place", "date", agency)
    return None


def _match_wire(text: str) -> _Found | None:
    m = _WIRE.match(text)
    if not m:
        return None
    tag, place, date = m.group("tag").strip(), m.group("place"), m.group("date")
    agency = canonical_agency(tag)
    if place and not _plausible_place(place, staff=agency is None, upper=agency is None):
        return None
    if agency is None:
        # unknown tag: only a staff-like "WASHINGTON (CNN) —" with a short capitalised tag
        upper_place = place and place.split(",")[0] == place.split(",")[0].upper()
        if not (upper_place and re.fullmatch(r"[A-Z][A-Za-z/.&]{1,14}", tag)):
            return None
        if not re.fullmatch(rf"\s*(?:\.-|{_DASH}|:)", m.group("sep")):
            return None
    elif not place and not date and not m.group("sep").strip():
        return None
    return _Found(m, "place", "date", agency)


def _match_agency_first(text: str) -> _Found | None:
    m = _AGENCY_FIRST.match(text)
    if not m:
        return None
    name = m.group("agency")
    agency = canonical_agency(name)
    if agency is None and name.casefold() not in {"agencies", "agency", "agency report"}:
        return None
    if not _plausible_place(m.group("place")):
        return None
    return _Found(m, "place", "date", agency)


def _match_staff(pattern: re.Pattern[str], text: str) -> _Found | None:
    m = pattern.match(text)
    if not m:
        return None
    upper = m.group("place") is not None
    place, date = ("place", "date") if upper else ("tcplace", "tcdate")
    if not _plausible_place(m.group(place), staff=True, upper=upper):
        return None
    return _Found(m, place, date, None)


def _printed(text: str, m: re.Match[str], name: str) -> str | None:
    """A group as printed: its span in the paragraph, whitespace collapsed."""
    start, end = m.span(name)
    return " ".join(text[start:end].split()) or None if start >= 0 else None


def _has_separator(head: str) -> bool:
    """Whether the text holds what every dateline shape above needs: an agency in brackets
    (``(``), a colon, a long dash, or Kyodo's and TASS's own forms. Most body paragraphs
    hold none near their start, and so skip matching the five shapes."""
    return (
        "(" in head
        or ":" in head
        or "\u2014" in head
        or "\u2013" in head
        or "--" in head
        or "\u2015" in head
        or "\x97" in head
        or "Kyodo" in head
        or "/TASS/" in head
    )


def parse_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """The dateline opening ``paragraph`` and the rest of the paragraph, or None.

    ``raw``, ``place`` and ``date`` are as printed (whitespace collapsed); the rest is the
    paragraph's own text after the separator, ``""`` when the dateline is a paragraph of its
    own ("Reuters, Brussels :").
    """
    text = paragraph.lstrip()
    if not text or not (text[0].isupper() or text[0] in "(\uff08"):
        return None
    head = text[:300]  # datelines are short; never scan a whole paragraph
    # Folding makes no separator of other characters but these three (translate() costs
    # more than the test, and most paragraphs have no separator either way).
    if not (_has_separator(head) or "\uff08" in head or "\uff1a" in head or "\u2212" in head):
        return None
    head = head.translate(_FOLD)
    if not _has_separator(head):
        return None
    found = (
        _match_fixed(head)
        or _match_wire(head)
        or _match_agency_first(head)
        or _match_staff(_STAFF_COLON, head)
        or _match_staff(_STAFF_DASH, head)
    )
    if found is None:
        return None
    m = found.match
    dateline = Dateline(
        raw=" ".join(text[: len(m.group().rstrip())].split()),
        place=_printed(text, m, found.place),
        date=_printed(text, m, found.date),
        agency=found.agency,
    )
    return dateline, text[m.end() :].strip()
