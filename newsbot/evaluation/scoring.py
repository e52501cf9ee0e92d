"""Scores, exactly as the corpora define them (../shared/corpus/README.md).

Body text: the Article Extraction Benchmark's shingle method. Tokens are ``\\w+``
(Unicode); 4-token shingles, counted as multisets; per page TP, FP and FN are normalized
by their sum; precision and recall are means over pages, F1 comes from the two means.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a shorter text is one shingle of its tokens."""
    words = tokens(text)
    if len(words) < size:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True)
class PageScore:
    precision: float
    recall: float
    exact: bool


def score_body(expected: str, predicted: str) -> PageScore:
    """One page's shingle precision and recall (normalized TP/FP/FN) and token equality."""
    true, pred = shingles(expected), shingles(predicted)
    tp = sum(min(count, pred[key]) for key, count in true.items())
    fp = sum(max(0, count - true[key]) for key, count in pred.items())
    fn = sum(max(0, count - pred[key]) for key, count in true.items())
    exact = tokens(expected) == tokens(predicted)
    if fp == 0 and fn == 0:
        return PageScore(1.0, 1.0, exact)
    if tp == 0:
        return PageScore(0.0, 0.0, exact)
    total = tp + fp + fn
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    return PageScore(tp_n / (tp_n + fp_n), tp_n / (tp_n + fn_n), exact)


@dataclass(frozen=True)
class BodyScores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def aggregate(scores: Iterable[PageScore]) -> BodyScores:
    """Mean precision and recall over pages, F1 of the means, share of exact pages."""
    items = list(scores)
    if not items:
        return BodyScores(0.0, 0.0, 0.0, 0.0, 0)
    precision = sum(s.precision for s in items) / len(items)
    recall = sum(s.recall for s in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in items) / len(items)
    return BodyScores(precision, recall, f1, accuracy, len(items))


def paragraph_f1(expected: list[str], predicted: list[str]) -> float:
    """F1 of the body's paragraphs as multisets, after whitespace normalization."""
    true = Counter(normalize_space(p) for p in expected if normalize_space(p))
    pred = Counter(normalize_space(p) for p in predicted if normalize_space(p))
    if not true and not pred:
        return 1.0
    hits = sum((true & pred).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(pred.values()), hits / sum(true.values())
    return 2 * precision * recall / (precision + recall)


def normalize_space(text: str | None) -> str:
    return " ".join((text or "").split())


_PUNCT = str.maketrans("", "", string.punctuation + "“”‘’")


def normalize_name(name: str) -> str:
    """WCXB author/title form: lowercase, no leading "By", no punctuation, single spaces."""
    text = (name or "").casefold().translate(_PUNCT)
    text = re.sub(r"^\s*by\s+", "", text)
    return " ".join(text.split())


_CREDENTIAL = re.compile(
    r"^(?:[A-Z][A-Za-z]?\.?){1,4}[®]?$|^[A-Z]{1,6}(?:-[A-Z0-9]+)*(?:\s\d+)?®?$"
)


def author_names(text: str | list[str] | None) -> set[str]:
    """The set of normalized names in a WCXB author string (or a list of names).

    Names are split at commas, semicolons, "and" and "&"; a part that is only a
    credential ("MS", "Ph.D.", "E-RYT 200") is not a name.
    """
    if not text:
        return set()
    if isinstance(text, list):
        parts = text
    else:
        parts = [p for p in re.split(r",|;|\band\b|&|\|", text) if not _CREDENTIAL.match(p.strip())]
    return {n for n in (normalize_name(p) for p in parts) if n}
