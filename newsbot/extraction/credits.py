"""Photo credits: splitting the credit off a caption, and the agencies a credit names.

Owns the caption-credit shapes of ../shared/reference/wire-formats.md §3.1, always at the end
of the caption: ``REUTERS/Jane Roe[/File Photo]``, ``(AP Photo/Jane Roe[, File])``, ``(Photo
by JANE ROE / AFP)``, ``JANE ROE/AFP via Getty Images``, ``AFP PHOTO / JANE ROE``,
``EPA-EFE/JANE ROE``, ``Xinhua/Jane Roe``, ``Photographer: Jane Roe/Bloomberg``, ``Photo:
Reuters``, ``PTI Photo``, ``(Kyodo)``, ``Jane Roe / The Daily Paper``, ``Courtesy of ...``,
``File photo``.

The credit is returned as printed without its surrounding parentheses or a leading ``|`` /
dash separator (the wire-dev labels' convention); markers at the *start* of a caption
(``FILE -``, ``FILE PHOTO:``, ``(L-R)``) stay in the text.
"""

from __future__ import annotations

import re
import unicodedata

from newsbot.extraction.agencies import AGENCY_NAME, agencies_named, canonical_agency

# a word of a name; a full stop only after an initial ("A.", "St.") so a sentence never is one
_WORD = r"(?:(?:[A-Z]\.){2,3}|[A-Z][a-z]?\.|[A-Za-z\u00c0-\u024f][\w'\u2019\-]*)"
_CAPS = r"(?:(?:[A-Z]\.){2,3}|[A-Z][a-z]?\.|[A-Z\u00c0-\u00de][\w'\u2019\-]*)"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,5}}"  # a person or an outlet: "Jane Roe", "JANE ROE"
_PARTICLES = r"(?:(?:de|la|del|della|van|von|der|den|da|di|dos|le|du|bin|al|el)\s+)*"
_PHOTO = (
    r"(?:(?:Photo|Image)\s+[Cc]redit|Photo(?:graph)?s?|Photographer|Pictures?|Pic|Image|Foto"
    r"|Credit|Courtesy)"
)
_FILE = r"(?:\s*/\s*File(?:\s+Photo)?|,\s*File)?"
_SEP = r"(?:\s*[|\u2014\u2013]\s*|\s+-\s+|\s+)"

# Each shape, and what it cannot be printed without (any one of them; none: no such word),
# so that a caption lacking it is not searched for that shape: most captions have no
# "/", "(", "REUTERS" or "Getty", and each search costs as much as the next.
_CREDITS: list[tuple[tuple[str, ...], str]] = [
    # "(AP Photo/Jane Roe, File)", "(Photo by JANE ROE / AFP)", "(Photo: IANS)", "(Kyodo)",
    # "(Xinhua/Lin Lanfang)", "(Photo/ANI)": a parenthesised credit closing the caption
    (
        (")",),
        rf"\((?P<credit>(?:AP\s+Photo|{_PHOTO}\s*(?:by|:|/)|{AGENCY_NAME}\s*/)[^()]{{0,80}}"
        rf"|{AGENCY_NAME}(?:\s+{_PHOTO})?)\)",
    ),
    # "REUTERS/Jane Roe/File Photo", "Jane Roe/Pool via REUTERS", "Army/Handout via REUTERS"
    (
        ("REUTERS",),
        rf"(?P<credit>(?:{_NAME}\s*/\s*)?(?:(?:Pool|Handout)\s+)?(?:via\s+)?REUTERS"
        rf"(?:\s*/\s*{_NAME})*{_FILE})",
    ),
    # "JANE ROE/AFP via Getty Images", "Photo by Jane Roe/Getty Images"
    (
        ("Getty",),
        rf"(?P<credit>(?:{_PHOTO}\s+by\s+)?{_NAME}\s*/\s*(?:{_NAME}\s*/\s*)?(?:{_NAME}\s+via\s+)?"
        r"Getty\s+Images)",
    ),
    # "AFP PHOTO / JANE ROE", "EPA-EFE/JANE ROE", "Xinhua/Lin Lanfang", "ANSA/FABIO COLOMBO"
    (("/",), rf"(?P<credit>(?:{AGENCY_NAME}|EPA-EFE|EPA)(?:\s+PHOTO)?\s*/\s*{_NAME}{_FILE})"),
    # "Photo by Jane Roe / AFP", "Photographer: Jane Roe/Bloomberg", "Photo: Reuters",
    # "Photo: Collected", "Courtesy of the family", "Photo courtesy: UNB"
    (
        (),
        rf"(?P<credit>{_PHOTO}(?:\s+courtesy)?(?:\s+of|\s+by|\s*:|\s*/)\s*(?:[^.!?()|]|(?<=\b[A-Z])\.){{1,80}}?)",
    ),
    # "PTI Photo", "Reuters photo", "AP Photo"
    ((), rf"(?P<credit>{AGENCY_NAME}\s+(?:{_PHOTO}|File\s+Photo))"),
    # "Jane Roe/dpa", "JANE ROE/AFP", "(Jane Roe/AP)", "Jane Roe/Pool/AFP"
    (("/",), rf"\(?(?P<credit>{_NAME}\s*/\s*(?:{_NAME}\s*/\s*)?{AGENCY_NAME}{_FILE})\)?"),
    # "Star photo", "Staff Photo"
    (("hoto", "HOTO"), rf"(?P<credit>{_CAPS}(?:\s+{_CAPS}){{0,2}}\s+(?:[Pp]hotos?|PHOTOS?))"),
    # a bare agency or picture agency closing the caption: "... on Monday. AFP"
    ((), rf"(?P<credit>/?\s*(?:{AGENCY_NAME}|Getty\s+Images))"),
    # "Jane Roe / The Daily Paper" (a staff photographer and the paper)
    (
        ("/",),
        rf"(?P<credit>{_CAPS}(?:\s+{_PARTICLES}{_CAPS}){{0,4}}\s+/\s+(?:The\s+)?{_CAPS}"
        rf"(?:\s+{_CAPS}){{0,4}})",
    ),
    # "File photo", "File"
    (("File", "FILE"), r"(?P<credit>File\s+[Pp]hoto|FILE\s+PHOTO)"),
]
_LEAD = r"(?:^|(?<=[.!?\u2026\"'\u201d\u2019)])" + _SEP + r"|" + _SEP + r"(?=\())"
_TAILS = [(needs, re.compile(_LEAD + f"(?:{p})" + r"\.?\s*$")) for needs, p in _CREDITS]
_CREDIT_PARTS = re.compile(r"\s*(?:[/,|:]|\bvia\b|(?<=[A-Z])-(?=[A-Z]))\s*")
_EPA = re.compile(r"EPA(?:\s+PHOTO)?|European Pressphoto Agency")
_STRIP = " \t|/\u2014\u2013-"


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split the photo credit off the end of ``caption``: ``(text, credit or None)``."""
    text = " ".join(caption.split())  # as printed, whitespace collapsed
    if not text or len(text) > 2000:
        return text, None
    # only the end of a caption can hold its credit: don't scan a long caption from the start
    offset = max(0, len(text) - 200)
    matches = [
        m
        for needs, tail in _TAILS
        if (not needs or any(n in text for n in needs)) and (m := tail.search(text, offset))
    ]
    if not matches:
        return text, None
    match = min(matches, key=lambda m: m.start())  # the longest credit; ties: first listed
    credit = match.group("credit").strip(_STRIP)
    rest = text[: match.start()].rstrip(_STRIP + ",;:")
    return rest, credit or None


def credit_agencies(credit: str) -> list[str]:
    """The agencies a photo credit names, in order: "EPA-EFE/JANE ROE" -> ["EPA", "EFE"].

    Besides the wire agencies of :mod:`.agencies` this knows the photo agency EPA; "via Getty
    Images" names the distributor, not an agency.
    """
    text = " ".join(unicodedata.normalize("NFKC", credit).split())
    found: list[str] = []
    for part in _CREDIT_PARTS.split(text):
        agency = "EPA" if _EPA.fullmatch(part) else canonical_agency(part)
        for name in [agency] if agency else agencies_named(part):
            if name not in found:
                found.append(name)
    return found
