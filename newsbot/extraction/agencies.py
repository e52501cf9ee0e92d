"""Wire agencies: canonical names, and agencies credited by a credit line.

Owns the agency table every other parser uses. Canonical names are the short forms the
wire services print in their own datelines (``Reuters``, ``AP``, ``AFP``, ``dpa``, ...):

=========  ==========================================================================
canonical  also recognised (case-insensitive for names, exact case for acronyms)
=========  ==========================================================================
Reuters    REUTERS, Thomson Reuters, Reuters Breakingviews/Health, Thomson Reuters Foundation
AP         The Associated Press, Associated Press
AFP        Agence France-Presse, Agence France Presse, AFP-JIJI
Bloomberg  Bloomberg News, Bloomberg L.P.
dpa        DPA, Deutsche Presse-Agentur, dpa-AFX, dpa/xyz
PA         Press Association, PA Media, PA Wire;  AAP: Australian Associated Press
CP         The Canadian Press;  ANN: Asia News Network;  NNI: News Network International
PTI        Press Trust of India;  IANS: Indo-Asian News Service;  ANI: Asian News International
UNB        United News of Bangladesh;  BSS: Bangladesh Sangbad Sangstha
APP        Associated Press of Pakistan;  AA / Anadolu: Anadolu Agency
=========  ==========================================================================

plus UPI, EFE, ANSA, Xinhua, Kyodo, Yonhap, TASS, Sputnik, Jiji, Bernama, Antara, KUNA,
WAM, SPA, IRNA, Belga, ANP, APA, Lusa, PNA, VNA, CNA, MENA, QNA, Petra, Prensa Latina,
Interfax, RIA Novosti, Ukrinform, NTB, TT, Ritzau, STT, PAP, CTK, MTI and Europa Press
(see ``_TABLE``). "Agencies" is a desk credit, not an agency: it has no canonical name.

A *credit* names the agency as the source of the copy (``Source: AFP``, ``-- PTI``, ``(With
inputs from Reuters)``, ``Copyright 2024 The Associated Press``); a *mention* inside a
sentence (``told AFP``, ``according to Reuters``, ``Reuters reported``) is not a credit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# canonical -> aliases. Aliases of 5 characters or fewer that are not capitalised words
# are acronyms and match with their exact case only ("AP", not "ap" or "Ap").
# fmt: off
_TABLE: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters", "Reuters Breakingviews", "Reuters Health",
                "Thomson Reuters Foundation", "Reuters News", "IFR"),
    "AP": ("AP", "Associated Press", "The Associated Press", "AP News"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "AFP-JIJI", "AFP News"),
    "Bloomberg": ("Bloomberg", "Bloomberg News", "Bloomberg L.P.", "Bloomberg Businessweek"),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "dpa-AFX"),
    "EFE": ("EFE", "Efe", "Agencia EFE"),
    "ANSA": ("ANSA", "ANSAmed", "Agenzia ANSA"),
    "Xinhua": ("Xinhua", "XINHUA", "Xinhua News Agency"),
    "Kyodo": ("Kyodo", "KYODO", "Kyodo News"),
    "Yonhap": ("Yonhap", "YONHAP", "Yonhap News Agency", "Yonhap News"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service", "Indo Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "UNB": ("UNB", "United News of Bangladesh"),
    "BSS": ("BSS", "Bangladesh Sangbad Sangstha"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "NNI": ("NNI", "News Network International"),
    "ANN": ("ANN", "Asia News Network"),
    "TASS": ("TASS", "ITAR-TASS"),
    "Sputnik": ("Sputnik", "Sputnik News"),
    "Anadolu": ("Anadolu", "AA", "Anadolu Agency", "Anadolu Ajansi"),
    "PA": ("PA", "Press Association", "PA Media", "PA Wire"),
    "AAP": ("AAP", "Australian Associated Press"),
    "CP": ("CP", "Canadian Press", "The Canadian Press"),
    "Jiji": ("Jiji", "Jiji Press"),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara", "ANTARA"),
    "KUNA": ("KUNA", "Kuwait News Agency"),
    "WAM": ("WAM", "Emirates News Agency"),
    "SPA": ("SPA", "Saudi Press Agency"),
    "IRNA": ("IRNA", "Islamic Republic News Agency"),
    "Belga": ("Belga", "BELGA"),
    "ANP": ("ANP", "Algemeen Nederlands Persbureau"),
    "APA": ("APA", "Austria Presse Agentur"),
    "Lusa": ("Lusa", "LUSA"),
    "PNA": ("PNA", "Philippine News Agency"),
    "VNA": ("VNA", "Vietnam News Agency"),
    "CNA": ("CNA", "Central News Agency"),
    "MENA": ("MENA", "Middle East News Agency"),
    "QNA": ("QNA", "Qatar News Agency"),
    "Petra": ("Petra", "Jordan News Agency"),
    "Prensa Latina": ("Prensa Latina",),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Ukrinform": ("Ukrinform",),
    "NTB": ("NTB",),
    "TT": ("TT",),
    "Ritzau": ("Ritzau",),
    "STT": ("STT",),
    "PAP": ("PAP", "Polish Press Agency"),
    "CTK": ("CTK", "ČTK"),
    "MTI": ("MTI",),
    "Europa Press": ("Europa Press",),
}
# fmt: on

_EXACT: dict[str, str] = {}
_FOLDED: dict[str, str] = {}
for _canonical, _aliases in _TABLE.items():
    for _alias in _aliases:
        if len(_alias) <= 5 and not re.fullmatch(r"[A-Z][a-z]+", _alias):
            _EXACT[_alias] = _canonical
        else:
            _FOLDED[re.sub(r"[\s\-]+", " ", _alias.casefold())] = _canonical

_SUFFIX = re.compile(r"\s+(?:news\s+agency|news\s+service|news|agency|wire|photos?)$", re.I)
_DESK_WORDS = re.compile(r"^(?:agencies|agency|wires?|wire services|news agencies)$", re.I)


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    return " ".join(name.split()).strip(" .,;:()[]|\u2014\u2013-")


def canonical_agency(name: str) -> str | None:
    """The canonical short name of the agency ``name`` names, or None if it is no agency."""
    name = _clean(name)
    if not name or len(name) > 60:
        return None
    for candidate in (name, _SUFFIX.sub("", name)):
        if candidate in _EXACT:
            return _EXACT[candidate]
        folded = re.sub(r"[\s\-]+", " ", candidate.casefold())
        if folded.startswith("the "):
            folded = folded[4:]
        if folded in _FOLDED:
            return _FOLDED[folded]
    # regional / relay forms: "dpa/lno", "Dawn/ANN", "AFP-JIJI"
    if "/" in name:
        for part in name.split("/"):
            found = canonical_agency(part) if part.strip() != name else None
            if found:
                return found
    return None


def is_agency_desk(name: str) -> bool:
    """True for the generic "Agencies" credit, which names no particular agency."""
    return bool(_DESK_WORDS.match(_clean(name)))


def _longest_first(names: list[str]) -> list[str]:
    return sorted(set(names), key=len, reverse=True)


# Agency names as they are printed inside running text: acronyms in their exact case,
# names as in the table or in capitals (never all lower case: "ap" inside a word is safe).
_PRINTED = {a for aliases in _TABLE.values() for a in aliases}
_PRINTED |= {a.upper() for a in _PRINTED if a not in _EXACT}
AGENCY_NAME = (
    r"(?:(?:The|THE)\s+)?(?:"
    + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(_PRINTED, key=len, reverse=True))
    + ")"
)
"""Regex alternation of every agency name as printed (used by the dateline and trailer parsers)."""

_NAME_RE = re.compile(r"(?<![\w@./-])" + AGENCY_NAME + r"(?![\w@-])")
_LIST_SEP = re.compile(r"\s*(?:,|/|&|\band\b|\+|;)\s*")

_DASH = r"(?:--|[-\u2010-\u2015\u2212\x97])"
_STRICT, _LOOSE, _NAMED = "strict", "loose", "named"
# (pattern, how to read its span): every list item must be an agency / agencies among other
# names / any agency name printed in the span.
_CREDIT_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "Source: AFP", "Sources: Agencies, Reuters", "Courtesy: UNB", "Credit: AP"
    (
        re.compile(
            r"^\(?\s*(?:sources?|courtesy|credits?|agency|agencies)\s*:\s*"
            r"(?P<span>[^()]{1,120}?)\s*\)?\.?$",
            re.I,
        ),
        _STRICT,
    ),
    # "— Reuters", "-- PTI", "—IANS" (a tag at the end of the text)
    (re.compile(r"(?:^|\s)" + _DASH + r"\s*(?P<span>[A-Za-z][\w .&/,-]{0,60}?)\.?\s*$"), _STRICT),
    # "(With inputs from Reuters)", "With additional inputs from PTI and IANS"
    (
        re.compile(
            r"\bwith\s+(?:additional\s+)?inputs?\s+from\s+(?P<span>[^()\n]{2,100}?)"
            r"\)?\.?\s*$",
            re.I,
        ),
        _STRICT,
    ),
    # "Additional reporting by Reuters", "(Reporting by AFP and John Doe)"
    (re.compile(r"\b(?:additional\s+)?reporting\s+by\s+(?P<span>[^();\n]{2,100})", re.I), _LOOSE),
    # "(ANI)" or "(Reuters)" closing a paragraph
    (re.compile(r"\((?P<span>[A-Za-z][\w .&/-]{1,40})\)\.?\s*$"), _STRICT),
    # "Copyright 2024 The Associated Press. All rights reserved.", "© 2024 AFP"
    (re.compile(r"(?:copyright|\u00a9|\(c\))\s*(?P<span>[^\n]{1,200})", re.I), _NAMED),
    # "Stories from AFP are distributed under licence", "distributed by Reuters"
    (
        re.compile(
            r"\b(?:distributed|provided|supplied|syndicated)\s+(?:by|from|via)\s+"
            r"(?P<span>[^.;\n]{2,80})",
            re.I,
        ),
        _NAMED,
    ),
    (
        re.compile(
            r"\b(?:stories|content|copy|articles?)\s+from\s+(?P<span>[^.;\n]{2,60}?)\s+"
            r"(?:is|are)\s+(?:distributed|published|provided|syndicated)",
            re.I,
        ),
        _NAMED,
    ),
]
_SYNDICATION = re.compile(r"syndicated\s+feed", re.I)


def _agencies_in_list(span: str, *, strict: bool) -> list[str]:
    """Agencies in a comma/and-separated list; with ``strict`` every item must be one."""
    found: list[str] = []
    for part in _LIST_SEP.split(span.strip().rstrip(".")):
        if not part:
            continue
        agency = canonical_agency(part)
        if agency:
            found.append(agency)
        elif is_agency_desk(part):
            continue
        elif strict:
            return []
    return found


def agencies_named(text: str) -> list[str]:
    """Every agency name printed in ``text`` (mention or credit), in order, once each."""
    return _unique(a for m in _NAME_RE.finditer(text) if (a := canonical_agency(m.group())))


def credited_agencies(text: str) -> list[str]:
    """Agencies that ``text``, read as a credit line or notice, credits the copy to.

    Whole-text lists ("AFP", "Reuters/AFP", "Agencies"), ``Source:`` lines, dash tags,
    "with inputs from", "additional reporting by", copyright and syndication notices and a
    closing "(ANI)" count; mentions inside a sentence ("told AFP") do not.
    """
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    if not text or len(text) > 2000:
        return []
    whole = _agencies_in_list(text, strict=True) if len(text) <= 120 else []
    if whole:
        return _unique(whole)
    found: list[str] = []
    for pattern, mode in _CREDIT_PATTERNS:
        for match in pattern.finditer(text):
            span = match.group("span")
            if mode == _NAMED:
                found.extend(agencies_named(span))
            else:
                found.extend(_agencies_in_list(span, strict=mode == _STRICT))
    if _SYNDICATION.search(text):
        found.extend(agencies_named(text))
    return _unique(found)


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
