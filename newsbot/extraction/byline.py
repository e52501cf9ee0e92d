"""Bylines: the people, agencies and desks a printed byline names.

Owns the byline shapes of ../shared/reference/wire-formats.md §2.1: ``By Jane Roe and John
Doe, Reuters``, ``By JANE ROE`` (names in capitals are given in normal case), ``Jane Roe |
Reuters``, ``Jane Roe, Associated Press``, ``Jane Roe in Brussels``, ``Jane Roe, Staff
Writer``, ``Jane ROE with John DOE in Hong Kong``, ``Reporting by ...; Editing by ...``, and
desk credits (``Staff Correspondent``, ``Online Desk``, ``Agencies``, ``TNN``, ``Redazione
ANSA``, ``Reuters``) that are a byline but name no person.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace

from newsbot.extraction.agencies import canonical_agency, is_agency_desk
from newsbot.item import Author


@dataclass(frozen=True)
class Byline:
    """A parsed byline."""

    raw: str
    """The byline as printed, whitespace collapsed."""
    authors: list[Author] = field(default_factory=list)
    """The people it names, in order."""
    agencies: list[str] = field(default_factory=list)
    """Canonical names of the agencies it credits."""
    is_desk: bool = False
    """True when it credits a desk, a staff role or an agency rather than only people."""


_PREFIX = re.compile(
    r"^(?:(?:text|words|story|written|reported|compiled|posted|report|reporting|"
    r"additional\s+reporting|writing)\s+by|(?:text|words|story)\s*:|by|von|por|par|di|from)"
    r"\s*[:\-]?\s+",
    re.I,
)
_EDITING = re.compile(r"^(?:editing|edited|produced|graphics|photos?|video)\s+by\b", re.I)
_ROLE_WORDS = (
    r"writers?|reporters?|correspondents?|editors?|columnist|contributors?|analyst|producer|"
    r"photographer|journalists?|intern|freelancer?|staff|bureau(?:\s+chief)?|desk|team|"
    r"service|newsroom|redazione|redaktion|redacci\u00f3n|r\u00e9daction|report|"
    r"special|senior|chief|correspondence|stringer|experts?|specialists?|directors?|managers?|"
    r"founder|co-founder|president|officer|ceo"
)
_ROLE = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.I)
_DESK = re.compile(
    rf"^(?:from\s+)?(?:[\w'\u2019]+\s+){{0,4}}(?:{_ROLE_WORDS})"
    r"(?:\s+(?:report|desk|reporter|correspondent|writer|bureau))?$"
    r"|^(?:TNN|ENS|HT|ET|Express News Service|Agencies|Agency|Wires?|Editorial Board)$",
    re.I,
)
_PLACE_SUFFIX = re.compile(r"\s+(?:in|from|at|reporting\s+from)\s+[A-Z][\w.'\- ]*$")
_ORG_SUFFIX = re.compile(r"\s+(?:of|for|from|at)\s+(?:the\s+)?(?P<org>[A-Z][\w.&'\- ]+)$")
# "and" in any case; the other languages' joins in lower case only ("John E Smith" is one man)
_NAME_JOIN = re.compile(r"\s*(?:&|\b(?i:and|with)\b|\b(?:und|y|et|e)\b)\s+")
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du le la bin binti ibn al el ter ten y".split()  # noqa: SIM905
)
_ORG_WORDS = re.compile(
    r"\b(?:news|media|press|times|post|daily|tribune|herald|agency|agencies|bureau|desk|staff|"
    r"team|group|network|inc|ltd|llc|corp|company|online|report|editorial|service|tv|radio|"
    r"channel|magazine|journal|gazette|chronicle|express|newspaper|wire|editors?|reporters?|"
    r"correspondents?|writers?|admin|administrator|webmaster|contributors?|guest|sponsored|"
    r"foundation|institute|university|ministry|government|council|association|society|"
    r"club|party|committee|office|department|newsroom|redazione|redaktion|sentinel|observer|"
    r"guardian|mirror|standard|ledger|economist|bulletin|monitor|courier|dispatch|inquirer|"
    r"independent|telegraph|globe|today|weekly|review|digest|insider|blog|newsletter|podcast|"
    r"studio|labs|solutions|systems|technologies|software|services|consulting|partners|"
    r"academy|school|college|center|centre|hospital|clinic|bank|capital|trust|fund)\b",
    re.I,
)
_PLACE_FIRST = frozenset(
    """new san santa los las saint st st. hong kuala buenos rio sao são tel abu addis port cape
    north south east west sri el la le mexico panama kuwait vatican salt ho phnom dar""".split()  # noqa: SIM905
)
_PLACE_LAST = frozenset(
    """city bay island islands beach valley coast province state county bazar town village
    district region kong lumpur aires delhi york angeles jersey zealand lanka korea africa
    arabia emirates aviv dhabi ababa janeiro paulo""".split()  # noqa: SIM905
)
_MAX_BYLINE = 400
# "Jane Roe | Reuters", "Jane Roe / AFP", "Jane Roe - AP": what follows is never a person
_QUALIFIER_SEP = re.compile(r"\s*\|\s*|\s+[/\u2014\u2013-]\s+|(?<=[a-z])/(?=[A-Z])")
_NAME_TOKEN = re.compile(r"^[A-Z\u00c0-\u00de][\w.'\u2019\-]*$|^[A-Z]\.(?:[A-Z]\.)*$")


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _case_word(word: str) -> str:
    if len(word) < 2 or not word.isupper() or re.fullmatch(r"(?:[A-Z]\.)+|[IVX]+", word):
        return word
    parts = re.split(r"([\-'\u2019])", word.lower())
    out = "".join(p.capitalize() if p not in "-'\u2019" else p for p in parts)
    if out.startswith("Mc") and len(out) > 2:
        out = "Mc" + out[2].upper() + out[3:]
    return out


def _normal_case(name: str) -> str:
    """Words printed in capitals in normal case: "JANE ROE" -> "Jane Roe"."""
    return " ".join(_case_word(w) for w in name.split())


def is_person_name(name: str) -> bool:
    """True when ``name`` looks like a person's name, not an organisation, desk or agency."""
    name = _clean(name).strip(" ,;:")
    if not name or len(name) > 60 or re.search(r"[\d@/|()<>:=_#]|https?|www\.", name):
        return False
    if canonical_agency(name) or is_agency_desk(name) or _ORG_WORDS.search(name):
        return False
    words = name.split()
    if any(c.isalpha() and not c.isascii() and unicodedata.category(c) == "Lo" for c in name):
        return 1 <= len(words) <= 4  # caseless scripts: no capitalisation to check
    if not 2 <= len(words) <= 5:
        return False
    if all(w.isalpha() and w.islower() for w in words):
        return len(words) <= 3  # a name printed in lower case: "jane roe"
    # a particle ("van", "de", "das") never ends a name: a last "Das" or "De" is a surname
    capitalised = [w for w in words[:-1] if w.lower() not in _PARTICLES] + words[-1:]
    return len(capitalised) >= 2 and all(_NAME_TOKEN.match(w) for w in capitalised)


def _looks_like_place(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and (words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST)


def _is_single_name(word: str) -> bool:
    """A lone given name in a byline ("By Susan"): one capitalised word, no brand casing."""
    return bool(re.fullmatch(r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2,}", word)) and not (
        canonical_agency(word) or is_agency_desk(word) or _ORG_WORDS.search(word)
    )


def _strip_prefix(text: str) -> str:
    """Without "By", "Reporting by", "Text:" (repeated: "By By JANE ROE")."""
    stripped = _PREFIX.sub("", text).strip()
    while stripped != text:
        text, stripped = stripped, _PREFIX.sub("", stripped).strip()
    return text


def _split_names(group: str) -> list[str]:
    return [n for n in (p.strip(" ,.") for p in _NAME_JOIN.split(group)) if n]


class _Collector:
    def __init__(self) -> None:
        self.authors: list[Author] = []
        self.agencies: list[str] = []
        self.is_desk = False

    def agency(self, name: str) -> bool:
        agency = canonical_agency(name)
        if agency is None:
            if is_agency_desk(name):
                self.is_desk = True
                return True
            return False
        if agency not in self.agencies:
            self.agencies.append(agency)
        return True

    def qualifier(self, text: str) -> None:
        """A comma/pipe element after the names: an agency, a role, or a place (ignored)."""
        if self.agency(text) or self.agency(re.sub(r"^(?:the\s+)?", "", text, flags=re.I)):
            return
        for word in re.split(r"\s*/\s*", text):
            self.agency(word)

    def person(self, printed: str, *, single: bool = True) -> None:
        name = _strip_prefix(printed.strip(" ,.;:"))
        name = _PLACE_SUFFIX.sub("", name)
        org = _ORG_SUFFIX.search(name)  # "Jane Roe of Reuters", "Jane Roe for The Guardian"
        if org and (self.agency(org.group("org")) or is_person_name(name[: org.start()])):
            name = name[: org.start()]
        paren = re.search(r"\s*\(([^)]*)\)\s*$", name)
        if paren:
            self.qualifier(paren.group(1))
            name = name[: paren.start()]
        name = self._agency_suffix(name)
        if self.agency(name):
            self.is_desk = True
            return
        if _DESK.match(name) or not (is_person_name(name) or (single and _is_single_name(name))):
            if _DESK.match(name) or _ROLE.search(name):
                self.is_desk = True
            return
        cleaned = _normal_case(name)
        if all(a["name"] != cleaned for a in self.authors):
            self.authors.append(Author(name=cleaned, nameRaw=name))

    def _agency_suffix(self, name: str) -> str:
        """ "JANE ROE Associated Press" (AP member sites print no comma): drop the agency."""
        words = name.split()
        for size in (3, 2, 1):
            head, tail = " ".join(words[:-size]), " ".join(words[-size:])
            if len(words) - size >= 2 and canonical_agency(tail) and is_person_name(head):
                self.agency(tail)
                return head
        return name


def _desk_agency(text: str, out: _Collector) -> bool:
    """ "Redazione ANSA", "Reuters Staff", "AFP Desk": an agency with a desk word."""
    words = text.split()
    if len(words) > 8:
        return False
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if _ROLE.fullmatch(head) and canonical_agency(tail):
            out.agency(tail)
            out.is_desk = True
            return True
        if _ROLE.fullmatch(tail) and canonical_agency(head):
            out.agency(head)
            out.is_desk = True
            return True
    return False


def _parse_chunk(chunk: str, out: _Collector) -> None:
    chunk = chunk.strip(" ,.;:")
    if not chunk or _EDITING.match(chunk):
        return
    chunk = _strip_prefix(chunk)
    if not chunk:
        return
    if _desk_agency(chunk, out):
        return
    pieces = [p.strip() for p in chunk.split(",") if p.strip()]
    names, rest = pieces[:1], pieces[1:]
    # "A, B and C": a comma list of people closed by "and"
    while rest and (
        (_NAME_JOIN.search(" " + rest[0]) and all(is_person_name(n) for n in _split_names(rest[0])))
        or (is_person_name(rest[0]) and not _looks_like_place(rest[0]))
    ):
        names.append(rest.pop(0))
    for group in names:
        people = _split_names(group)
        # a lone given name only among names: "Maria & Katerina", not "Center for ... and Research"
        single = all(is_person_name(n) or _is_single_name(n) for n in people)
        for name in people:
            out.person(name, single=single)
    for qualifier in rest:
        if _DESK.match(qualifier) or _ROLE.search(qualifier):
            continue  # "Staff Writer", "Chief Correspondent": a role, not a desk byline
        out.qualifier(qualifier)


def parse_byline(raw: str) -> Byline:
    """Parse a printed byline into people, agencies and whether it is a desk credit.

    Text longer than a byline can be (400 characters) names nobody. A page's bylines are
    parsed several times over (by the readers of printed, metadata and body credits), so
    results are remembered; each caller gets its own copy of the lists.
    """
    parsed = _parse_byline(raw)
    return replace(
        parsed, authors=[Author(**a) for a in parsed.authors], agencies=list(parsed.agencies)
    )


@functools.lru_cache(maxsize=1024)
def _parse_byline(raw: str) -> Byline:
    text = _clean(raw)
    out = _Collector()
    if text and len(text) <= _MAX_BYLINE:
        first, *others = [p.strip() for p in _QUALIFIER_SEP.split(text)]
        for chunk in first.split(";"):
            _parse_chunk(chunk, out)
        for other in others:  # "Jane Roe | Reuters", "ANI | Jaipur": never more people
            out.qualifier(other)
        if not out.authors and (out.agencies or out.is_desk or _DESK.match(first)):
            out.is_desk = True
    return Byline(raw=text, authors=out.authors, agencies=out.agencies, is_desk=out.is_desk)
