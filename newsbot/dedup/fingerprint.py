"""Body normalization, the exact fingerprint and the word shingles of an article body.

The extraction stage already strips datelines, bylines, trailers, captions and notices
from ``articleBody``. Here the body is folded further so that restyled copies of one
wire story compare equal: NFKC, curly quotes, dashes and non-breaking spaces folded,
case folded, punctuation dropped, whitespace collapsed, and paragraphs that repeat (or
are truncated copies of) an earlier paragraph removed.

Shingles are word 5-grams (the datatrove/FineWeb default: 3-grams over-match stock
phrases, 8-grams and longer break on light edits), hashed to stable 32-bit values so
that signatures agree across processes and runs (Python's ``hash`` is salted).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np
import numpy.typing as npt

SHINGLE_SIZE = 5
MIN_REPEAT_CHARS = 40
"""A paragraph this long or longer that repeats an earlier one is dropped (§5.4.2)."""

ShingleArray = npt.NDArray[np.uint32]
"""Sorted, unique 32-bit shingle hashes."""

# Curly quotes, dashes and odd spaces are not word characters, so dropping punctuation
# folds them away already; only the invisible characters inside words need removing
# (``co\u00adoperate`` is one word). Two replaces instead of a ``str.translate`` table:
# the table cost half of the normalization on non-ASCII text.
_INVISIBLE = ("\u00ad", "\u200b")
_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Odd 64-bit multipliers for combining token hashes position by position.
_POSITION_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    ],
    dtype=np.uint64,
)


class _TokenHashes(dict[str, int]):
    """crc32 of each token, remembered: news vocabulary is Zipfian, so most tokens are
    hashed once, and a hit is one dict lookup in C (``map(cache.__getitem__, tokens)``)."""

    def __missing__(self, token: str) -> int:
        if len(self) >= _TOKEN_CACHE_SIZE:
            self.clear()
        value = self[token] = zlib.crc32(token.encode("utf-8"))
        return value


_TOKEN_CACHE_SIZE = 1 << 16
_token_hashes = _TokenHashes()


def normalize_text(text: str) -> str:
    """Fold ``text`` to lower-case words separated by single spaces, without punctuation."""
    folded = unicodedata.normalize("NFKC", text)
    if not folded.isascii():
        for invisible in _INVISIBLE:
            folded = folded.replace(invisible, "")
    return " ".join(_WORD.findall(folded.casefold()))


def body_paragraphs(body: str | None) -> list[str]:
    """The body's normalized paragraphs, without empty ones and repeated ones.

    A paragraph of at least ``MIN_REPEAT_CHARS`` characters that equals an earlier
    paragraph, or is a prefix of one (a truncated copy), is dropped.
    """
    if not body:
        return []
    kept: list[str] = []
    # Earlier paragraphs by their first MIN_REPEAT_CHARS characters: only one that opens
    # like a paragraph can start with it, so each test is a lookup, not a pass over all.
    by_opening: dict[str, list[str]] = {}
    for raw in _PARAGRAPH_BREAK.split(body):
        paragraph = normalize_text(raw)
        if not paragraph:
            continue
        opening = paragraph[:MIN_REPEAT_CHARS]
        if len(paragraph) >= MIN_REPEAT_CHARS:
            earlier = by_opening.setdefault(opening, [])
            if any(e.startswith(paragraph) for e in earlier):
                continue
            earlier.append(paragraph)
        kept.append(paragraph)
    return kept


def body_tokens(body: str | None) -> list[str]:
    """The normalized words of the body, paragraph after paragraph."""
    return " ".join(body_paragraphs(body)).split()


def exact_fingerprint(tokens: list[str]) -> str | None:
    """A 64-bit hex digest of the normalized body, or None for an empty body."""
    if not tokens:
        return None
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).hexdigest()


def shingle_hashes(tokens: list[str], size: int = SHINGLE_SIZE) -> ShingleArray:
    """Sorted unique 32-bit hashes of the word ``size``-grams of ``tokens``.

    A text shorter than ``size`` words forms one shingle; an empty one forms none.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    if size > len(_POSITION_MULTIPLIERS):
        raise ValueError(f"shingle size {size} is above {len(_POSITION_MULTIPLIERS)}")
    words = np.fromiter(map(_token_hashes.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    # In place, one array throughout: ((w0 * m1 + w1) * m2 + w2) ... (m0 times zero is zero)
    combined = words[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, width):
            combined *= _POSITION_MULTIPLIERS[offset]
            combined += words[offset : offset + count]
        combined ^= combined >> np.uint64(29)
        combined *= _POSITION_MULTIPLIERS[-1]
    hashed = (combined >> np.uint64(32)).astype(np.uint32)
    # np.unique's sort and mask, without its general-purpose overhead (half its time here)
    hashed.sort()
    distinct = np.empty(len(hashed), dtype=bool)
    distinct[0] = True
    np.not_equal(hashed[1:], hashed[:-1], out=distinct[1:])
    return hashed[distinct]


def overlap(a: ShingleArray, b: ShingleArray) -> tuple[float, float]:
    """Jaccard resemblance and containment (of the smaller set) of two shingle sets.

    Both sorted and unique, as :func:`shingle_hashes` makes them: each of the smaller set's
    hashes is looked up in the larger by binary search, at half the cost of
    ``np.intersect1d`` (which sorts both again).
    """
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    at = np.searchsorted(large, small)
    at[at == len(large)] = 0
    common = int(np.count_nonzero(large[at] == small))
    union = len(a) + len(b) - common
    return common / union, common / min(len(a), len(b))
