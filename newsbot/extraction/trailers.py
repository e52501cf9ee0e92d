"""Trailers and notices: the credit boxes, sign-offs and disclaimers around wire copy.

Owns the shapes of ../shared/reference/wire-formats.md §2.2. A paragraph is a trailer when it
is, as a whole, one of:

- Reuters credit box ``(Reporting by ...; Editing by ...)`` and advisories ``(Adds ...)``;
- AP ``___`` separator, ``... contributed to this report.``, ``Roe reported from Rome.``,
  ``Copyright 2024 The Associated Press...`` and AP's support / about notices;
- Bloomberg ``--With assistance from ...``, ``To contact the reporter ...`` and its e-mail lines;
- ``(With inputs from agencies)``, end tags ``-- PTI`` / ``—IANS``, ``Source: AFP``,
  ``Published in Dawn, August 24th, 2015``, copyright lines, syndicated / agency-feed notices;
- a sign-off of desk initials (``burs-ab/cd``, ``sd/vd``, ``PTI RGM NBK``) in the last lines.

End tags glued to the last paragraph, or to one a trailer follows (``... he said. -- PTI``,
``... livelihoods. (ANI)``), are cut off it. Agencies credited: those a removed trailer names
in a credit context (``Source: UNB``, ``Associated Press writer ... contributed``), plus the
house styles that identify an agency without naming it (a Reuters credit box with "Editing
by", Bloomberg's "With assistance from" / "To contact", AFP's ``burs-`` sign-off). Mentions
("told AFP") and notices that name no agency credit nobody.
"""

from __future__ import annotations

import re
import unicodedata

from newsbot.extraction.agencies import (
    AGENCY_NAME,
    agencies_named,
    canonical_agency,
    credited_agencies,
)

_DASH = r"(?:--|[-\u2010-\u2015\u2212\x97])"
_ROLE_BY = r"(?:reporting|writing|compiled|additional\s+reporting|editing|edited|research|graphics)"
_TAG = rf"(?:{AGENCY_NAME}|Agencies|agencies|AGENCIES|Agency)"

_BY_LINE = r"(?:reporting|writing|additional\s+reporting|editing)"  # unbracketed credit box
_NAMES = r"(?-i:[A-Z][\w.'\-]*(?:(?:\s+|,\s*|\s+(?:and|in|&)\s+)[A-Z][\w.'\-]*){0,12})"
# Matched case-insensitively, against the whole paragraph.
_TRAILERS = [
    rf"\(\s*{_ROLE_BY}\s+by\s+[^()]{{2,600}}\)",
    rf"(?:{_BY_LINE})\s+by\s+{_NAMES}(?:[;,]\s*(?:{_ROLE_BY})\s+by\s+{_NAMES})*\.?",
    r"\((?:adds|updates|recasts|rewrites|changes|corrects|refiles|fixes|removes|inserts|"
    r"clarifies|deletes|moves|repeats)\b[^()]{0,300}\)",
    r"\(\s*eds?:\s[^()]{0,400}\)",
    r"\(this (?:story|article|report) (?:has been|was) (?:refiled|corrected|updated|amended)"
    r"[^()]{0,300}\)",
    r"[_*=~\-\u2014]{3,}",
    rf"{_NAMES}\s+reported\s+from\s+{_NAMES}(?:\s+and\s+{_NAMES}\s+(?:reported\s+)?from\s+{_NAMES})?\.",
    r"contributing\s+to\s+this\s+(?:report|story)\s+(?:were|was|is|are)\b[^\n]{2,300}",
    rf"{_DASH}?\s*with\s+assistance\s+from\s+[^\n]{{2,300}}",
    r"to\s+contact\s+the\s+(?:reporters?|editors?|authors?)\b[^\n]{0,300}",
    r"for\s+more\s+articles\s+like\s+this,?\s+please\s+visit\s+us\s+at\s+bloomberg\.com\.?",
    r"\(?\s*with\s+(?:additional\s+)?inputs?\s+from\s+[^()\n]{2,80}?\)?\.?",
    r"published\s+in\s+[A-Z][\w .'&\-]{1,60},\s*\w+\s+\d{1,2}(?:st|nd|rd|th)?,\s*\d{4}\.?",
    r"(?:\u00a9|\(c\)|copyright)\s*(?:\u00a9|\(c\))?\s*\d{4}[^\n]{0,300}",
    r"\(?\s*(?:except\s+for\s+the\s+headline,\s+)?this\s+(?:story|article|report)\s+has\s+not\s+"
    r"been\s+edited\s+by\s+.{2,80}?\s+(?:staff|editorial\s+team)\s+and\s+is\s+(?:auto-generated|"
    r"published)\s+from\s+a\s+syndicated\s+feed\.?\s*\)?",
    r"\(?\s*only\s+the\s+headline\s+and\s+picture\s+of\s+this\s+report\s+may\s+have\s+been\s+"
    r"reworked\s+by\s+.{2,80}?;\s+the\s+rest\s+of\s+the\s+content\s+is\s+auto-generated\s+from"
    r"\s+a\s+syndicated\s+feed\.?\s*\)?",
    r"the\s+associated\s+press\s+is\s+an\s+independent\s+global\s+news\s+organization\b[^\n]{0,200}",
    r"follow\s+(?:AP|Reuters|AFP)['\u2019]s\s+coverage\s+of\b[^\n]{0,300}",
    r"our\s+standards:\s+the\s+thomson\s+reuters\s+trust\s+principles\.?",
]
# Patterns that scan ahead, each tried only when its keyword is in the paragraph: run on
# every paragraph, they cost more than the rest of the body cleanup.
_KEYED_TRAILERS = [
    (
        "contributed",
        r".{0,300}?\bcontributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))"
        r"(?:\s+from\s+[^.]{2,80})?\.?",
    ),
    (
        "contributed",
        r"(?:the\s+)?(?:associated\s+press|ap|reuters|afp|bloomberg|xinhua|upi)\s+(?:staff\s+)?"
        r"(?:writers?|reporters?|journalists?|correspondents?|photographers?|videojournalists?)\b"
        r".{0,300}?\bcontributed\.?",
    ),
    (
        "feed",
        r"[^\n]{0,300}\b(?:auto-generated|generated|published)\s+from\s+an?\s+(?:automated\s+)?"
        r"(?:syndicated|news\s+agency)\s+feed\b[^\n]{0,300}",
    ),
    ("@", r"[^@\s][^@\n]{1,80}\s+at\s+\S+@\S+\.\w+"),
    ("rights reserved", r"[^\n]{0,200}\ball\s+rights\s+reserved\.?[^\n]{0,200}"),
    ("solely responsible", r"[^\n]{0,300}\bAP is solely responsible for all content\.?"),
]
# Matched with case: agency names ("-- PTI", "(ANI)", "Reuters", "© Reuters").
_TRAILERS_CASED = [
    r"Eds:\s[^\n]{0,300}",  # AP editors' note; "Ed: ..." in a transcript is somebody speaking
    # "Source: AFP", "Sources: Agencies", "(Source: UNB)"; not "Source: Bureau of Statistics"
    rf"\(?\s*(?:[Ss]ources?|SOURCES?|[Cc]ourtesy|[Cc]redits?)\s*:\s*{_TAG}"
    rf"(?:\s*(?:,|/|&|and)\s*{_TAG})*\s*\)?\.?",
    rf"{_DASH}?\s*{_TAG}\.?",
    rf"\(\s*{_TAG}\s*\)\.?",
    rf"(?:\u00a9|\(c\)|[Cc]opyright|COPYRIGHT)\s*(?:\u00a9|\(c\))?\s*{AGENCY_NAME}\b[^\n]{{0,300}}",
]
_TRAILER = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _TRAILERS) + r")\s*$", re.I)
_KEYED = [
    (keyword, re.compile(rf"^(?:{pattern})\s*$", re.I)) for keyword, pattern in _KEYED_TRAILERS
]
_TRAILER_CASED = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _TRAILERS_CASED) + r")\s*$")
# Desk initials that close wire copy: AFP "burs-ab/cd", IANS "sd/vd", PTI "PTI RGM NBK".
_SIGNOFF = re.compile(
    r"^(?:(?:burs?-)?[a-z]{2,4}(?:[-/][a-z]{2,4}){1,5}"
    r"|(?:PTI|IANS|UNB|BSS|APP|ANI)(?:\s+[A-Z]{2,4}){1,4})\s*$"
)
# End tags glued to the last paragraph: "... he said. -- PTI", "... livelihoods. (ANI)".
_GLUED = re.compile(rf"(?<=[.!?\"'\u201d\u2019)])\s*(?:{_DASH}\s*{_TAG}|\(\s*{_TAG}\s*\))\.?\s*$")

_DESK_TAG = re.compile(r"(?P<agency>[A-Z]{2,5})(?:\s+[A-Z]{2,4}){1,4}")
_CONTRIBUTORS = re.compile(r"\bcontribut(?:ed|ing)\b", re.I)
_HOUSE_STYLES = [
    (
        re.compile(r"^\(?\s*(?:reporting|writing)\s+by\b.*\b(?:editing|writing)\s+by\b", re.I),
        "Reuters",
    ),
    (re.compile(r"^our\s+standards:\s+the\s+thomson\s+reuters", re.I), "Reuters"),
    (
        re.compile(r"^(?:--|-)?\s*with\s+assistance\s+from\b|^to\s+contact\s+the\b", re.I),
        "Bloomberg",
    ),
    (re.compile(r"^burs?-[a-z]"), "AFP"),
]


def _normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def is_trailer(paragraph: str) -> bool:
    """True when the whole paragraph is a trailer, credit line or notice."""
    return _is_trailer(_normalize(paragraph))


def _is_trailer(text: str) -> bool:
    """:func:`is_trailer` of text already normalized (normalizing again changes nothing)."""
    if not text or len(text) > 1000:
        return False
    if _TRAILER.match(text) or _TRAILER_CASED.match(text):
        return True
    lowered = text.lower()
    return any(keyword in lowered and keyed.match(text) for keyword, keyed in _KEYED)


def _credited(text: str) -> list[str]:
    found = credited_agencies(text)
    if _CONTRIBUTORS.search(text):  # "Associated Press writer Jane Roe contributed ..."
        found.extend(agencies_named(text))
    tag = _DESK_TAG.fullmatch(text)  # "PTI RGM NBK": the agency, then its desk's initials
    if tag and (agency := canonical_agency(tag.group("agency"))):
        found.append(agency)
    found.extend(agency for style, agency in _HOUSE_STYLES if style.search(text))
    return found


def strip_trailers(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Drop trailer paragraphs and glued end tags; return (kept, agencies credited by them)."""
    kept: list[str] = []
    agencies: list[str] = []
    last = len(paragraphs) - 1
    before_trailer: set[int] = set()  # kept paragraphs a trailer follows: end tags glue there
    for index, paragraph in enumerate(paragraphs):
        text = _normalize(paragraph)
        if _is_trailer(text) or (index >= last - 3 and _SIGNOFF.match(text)):
            agencies.extend(_credited(text))
            if kept:
                before_trailer.add(len(kept) - 1)
            continue
        kept.append(paragraph)
    for position in sorted(before_trailer | ({len(kept) - 1} if kept else set()), reverse=True):
        text = " ".join(kept[position].split())
        glued = _GLUED.search(text)
        if glued:
            agencies.extend(credited_agencies(glued.group()))
            kept[position] = text[: glued.start()].rstrip()
            if not kept[position]:
                del kept[position]
    unique: list[str] = []
    for agency in agencies:
        if agency and agency not in unique:
            unique.append(agency)
    return kept, unique
