"""Body cleanup: from extracted paragraphs to the article body.

Order matters (wire-formats.md §0): captions and headline copies go first, then the
dateline (stripping it can reveal a doubled lead), bylines, promo lines and trailers,
and last the repeated paragraphs, exact or cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsbot.extraction.byline import parse_byline
from newsbot.extraction.captions import caption_key
from newsbot.extraction.dateline import parse_dateline
from newsbot.extraction.trailers import strip_trailers
from newsbot.item import Dateline

_BYLINE_START = re.compile(r"^(?:by|from|written by|reported by|text by)\s+\S", re.I)
_PROMO = re.compile(
    r"^(?:also read|read also|read more|more to read|see also|see more|related|recommended|"
    r"watch|listen|click here|subscribe|sign up|advertisement|follow us|share this|"
    r"most read|trending|you may also like)\b\s*[:|\-–—]",
    re.I,
)
_BARE_PROMO = re.compile(
    r"^(?:advertisement|story continues below|scroll to continue|"
    r"continue reading|read more|skip advertisement)\W*$",
    re.I,
)
# Short lines that label a block of links or ask something of the reader.
_PROMO_HEADING = re.compile(
    r"^(?:most (?:read|popular|viewed)\b|more (?:from|stories|news|on)\b|more:|"
    r"related(?: articles| stories| content| posts| news| coverage| links)?\s*[:\]]?$|"
    r"related:|\[related:|recommended(?: for you| stories| articles)?\s*:?$|"
    r"trending(?: now| stories)?\s*:?$|popular(?: stories| posts)?\s*:?$|also read\b|"
    r"read also\b|read more\b|comments?\s*(?:\(\d+\))?$|tags?\s*:?$|explore further$|"
    r"don'?t miss\b|you may also like\b|tell us what you think\b|"
    r"like this (?:story|article)\b|follow \S+(?: \S+)? on\b|subscribe to\b|sign up for\b|"
    r"share this (?:story|article)\b|filed under:)",
    re.I,
)
_MAX_PROMO_WORDS = 10
# A reading-time label: "8 min read", "Dec 18, 2025 - 10 min read", "Estimated reading time:".
_READING_TIME = re.compile(
    r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b|\bmin read$|^(?:estimated\s+)?reading\s+time\b|"
    r"^(?:tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura)\b",
    re.I,
)
# The label a quote-sharing plugin leaves glued to the quote it follows.
_TWEET_LABEL = "click to tweet"
# A line that is only a timestamp, a bare URL or an "Updated at ..." stamp.
_STAMP = re.compile(
    r"^(?:(?:updated|published|posted|last updated|first published)\b[^.!?]{0,40}\d[^.!?]{0,30}"
    r"|(?:updated|published|posted)(?: at| on)?:?\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?(?:\s+\w+)?"
    r"|\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+[A-Z]{2,4}\s+\d{1,2}/\d{1,2}/\d{2,4}(?:\s+by\s+[^.!?]+)?"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?)$",
    re.I,
)
# The closing appeals of a page: newsletters, follow-us and contact lines, donation asks.
# Those that open the line, tried with match(); those anywhere in it only where one of
# their words is (a plain search finds those words faster than the patterns do).
_APPEAL_OPENING = re.compile(
    r"(?:click\s+here\s+to\s+)?(?:subscribe|sign\s+up)\s+(?:to|for|now|today)\b"
    r"|follow\s+.{0,80}?\bon\s+(?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b"
    r"|(?:email|e-mail|contact|reach)\s+.{0,80}?(?:\S+@\S+\.\w+|\bon\s+twitter\b|twitter\.com/)"
    r"|have\s+a\s+(?:news\s+)?tip\?"
    r"|\S+@\S+\.\w+$"
    r"|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\S+$"
    r"|if\s+you\s+(?:enjoyed|liked)\s+this\s+(?:article|story|post)\b",
    re.I,
)
_APPEAL_WORD = re.compile(r"newsletter|inbox|reached", re.I)
_APPEAL_ANYWHERE = re.compile(
    r"\bnewsletters?\b.{0,120}\b(?:sign(?:ing)?\s+up|subscrib\w*|inbox)\b"
    r"|\b(?:sign(?:ing)?\s+up|subscrib\w*)\b.{0,120}\bnewsletters?\b"
    r"|\bdelivered\s+(?:straight\s+|directly\s+|right\s+)?to\s+your\s+inbox\b"
    r"|\bright\s+in\s+your\s+inbox\b"
    r"|\b(?:can|may)\s+be\s+reached\s+at\b",
    re.I,
)
_APPEAL_TAIL = 4  # paragraphs at the end where appeals stand
_MAX_APPEAL_WORDS = 60
_MIN_CUT_COPY = 30
_DATELINE_HEAD = 160
_MIN_REPEAT = 60
_REPEAT_WINDOW = 6
_DATELINE_LOOKAHEAD = 8
_MAX_BYLINE = 160


@dataclass
class CleanBody:
    """The cleaned paragraphs and what cleaning found on the way."""

    paragraphs: list[str]
    dateline: Dateline | None = None
    bylines: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


def clean_body(
    paragraphs: list[str], *, headlines: list[str], captions: list[str], byline: str | None
) -> CleanBody:
    """Remove captions, headline copies, the dateline, bylines, promos, trailers and repeats."""
    drop_keys = {caption_key(h) for h in headlines if h}
    caption_keys = [k for k in (caption_key(c) for c in captions) if k]
    byline_key = caption_key(byline) if byline else ""
    result = CleanBody([])
    kept: list[str] = []
    keys: dict[str, str] = {}  # the kept paragraphs' keys, for the repeat test
    for paragraph in paragraphs:
        if paragraph[-len(_TWEET_LABEL) :].lower() == _TWEET_LABEL:
            paragraph = paragraph[: -len(_TWEET_LABEL)].rstrip()
        key = caption_key(paragraph)
        if not key or key in drop_keys or _is_caption(key, caption_keys):
            continue
        if _BARE_PROMO.match(paragraph) or _PROMO.match(paragraph):
            continue
        if len(key.split()) <= _MAX_PROMO_WORDS and (
            _PROMO_HEADING.match(paragraph)
            or _STAMP.match(paragraph)
            or _READING_TIME.search(paragraph)
        ):
            continue
        if byline_key and key == byline_key:
            continue
        kept.append(paragraph)
        keys[paragraph] = key
    kept = _strip_datelines(kept, result)
    kept = _strip_bylines(kept, result)
    kept, trailer_agencies = strip_trailers(kept)
    result.agencies.extend(trailer_agencies)
    kept = _drop_appeals(kept)
    result.paragraphs = _drop_repeats(kept, keys)
    return result


def _is_caption(key: str, caption_keys: list[str]) -> bool:
    # A paragraph that is a caption, a cut copy of one, or a caption with its credit.
    for caption in caption_keys:
        if key == caption or (len(key) >= _MIN_CUT_COPY and caption.startswith(key)):
            return True
        credit_room = len(caption) + 60
        if len(caption) >= _MIN_CUT_COPY and key.startswith(caption) and len(key) < credit_room:
            return True
    return False


def _strip_datelines(paragraphs: list[str], result: CleanBody) -> list[str]:
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        # Datelines are short: test the head first, parse the whole paragraph on a hit.
        parsed = parse_dateline(paragraph[:_DATELINE_HEAD]) and parse_dateline(paragraph)
        if parsed is None:
            out.append(paragraph)
            continue
        dateline, rest = parsed
        lead = result.dateline is None and index < _DATELINE_LOOKAHEAD and not _has_prose(out)
        if not lead and not dateline.get("agency"):
            out.append(paragraph)  # a mid-body staff dateline is too easily a sentence
            continue
        if lead:
            result.dateline = dateline
        agency = dateline.get("agency")
        if agency:
            result.agencies.append(agency)
        rest = _original_rest(paragraph, rest)
        if rest:
            out.append(rest)
    return out


def _original_rest(paragraph: str, rest: str) -> str:
    # The dateline parser hands back normalized text (folded quotes and dashes); the body
    # keeps the page's own characters when the two agree word for word.
    rest = rest.strip()
    if not rest:
        return ""
    tail = paragraph.rstrip()[-len(rest) :].strip()
    return tail if caption_key(tail) == caption_key(rest) else rest


def _has_prose(paragraphs: list[str]) -> bool:
    return any(len(p.split()) > 12 for p in paragraphs)


def _strip_bylines(paragraphs: list[str], result: CleanBody) -> list[str]:
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        edge = index < 3 or index >= len(paragraphs) - 2
        if edge and len(paragraph) <= _MAX_BYLINE and _BYLINE_START.match(paragraph):
            parsed = parse_byline(paragraph)
            if parsed.authors or parsed.agencies or parsed.is_desk:
                result.bylines.append(paragraph)
                result.agencies.extend(parsed.agencies)
                continue
        out.append(paragraph)
    return out


def _drop_appeals(paragraphs: list[str]) -> list[str]:
    """Drop the short reader appeals among the last paragraphs (subscribe, follow, contact)."""
    tail = len(paragraphs) - _APPEAL_TAIL
    return [
        paragraph
        for index, paragraph in enumerate(paragraphs)
        if index < tail
        or len(paragraph.split()) > _MAX_APPEAL_WORDS
        or not _is_appeal(" ".join(paragraph.split()))
    ]


def _is_appeal(line: str) -> bool:
    return _APPEAL_OPENING.match(line) is not None or (
        _APPEAL_WORD.search(line) is not None and _APPEAL_ANYWHERE.search(line) is not None
    )


def _drop_repeats(paragraphs: list[str], known: dict[str, str]) -> list[str]:
    """Drop a paragraph repeating one of the few before it, exactly or cut off.

    Doubling by a CMS or scraper repeats a paragraph or a run of them right away; short
    lines and distant repeats are legitimate (table cells, recipe steps, a refrain).
    """
    out: list[str] = []
    keys: list[str] = []
    for paragraph in paragraphs:
        key = known.get(paragraph)
        if key is None:  # a paragraph changed since (a dateline or end tag cut off)
            key = caption_key(paragraph)
        if len(key) >= _MIN_REPEAT:
            start = max(0, len(keys) - _REPEAT_WINDOW)
            for i in range(len(keys) - 1, start - 1, -1):
                earlier = keys[i]
                if len(earlier) < _MIN_REPEAT:
                    continue
                if earlier.startswith(key):
                    break
                if key.startswith(earlier):
                    out[i], keys[i] = paragraph, key  # the earlier copy was the cut one
                    break
            else:
                out.append(paragraph)
                keys.append(key)
            continue
        out.append(paragraph)
        keys.append(key)
    return out
