"""Comparing an extracted item with labels: the wire-dev and seed field shapes, and who a
page credits as WCXB labels it."""

from __future__ import annotations

import re
from typing import Any

from newsbot.evaluation import scoring
from newsbot.item import Article


def credited_names(article: Article | None) -> list[str]:
    """Who the page credits, as WCXB labels it: the people, or else the printed byline
    (a team, a desk, a user name), split into names."""
    if article is None:
        return []
    if article.authors:
        return [a["name"] for a in article.authors]
    if not article.byline:
        return []
    return [n for n in re.split(r",|;|\band\b|&", article.byline) if n.strip()]


def wire_fields(article: Article | None) -> dict[str, Any]:
    """Our values in the wire-dev label shapes (whitespace-normalized)."""
    norm = scoring.normalize_space
    if article is None:
        return {
            "headline": None,
            "authors": [],
            "dateline": None,
            "agencies": set(),
            "captions": set(),
            "datePublished": None,
            "inLanguage": None,
            "alternativeHeadline": None,
            "bodyParagraphs": [],
            "body": "",
        }
    dateline = article.dateline
    return {
        "headline": norm(article.headline) or None,
        "alternativeHeadline": norm(article.alternativeHeadline) or None,
        "authors": [norm(a["name"]) for a in article.authors],
        "dateline": None
        if dateline is None
        else {
            "place": norm(dateline.get("place")) or None,
            "agency": norm(dateline.get("agency")) or None,
            "date": norm(dateline.get("date")) or None,
        },
        "agencies": {norm(a) for a in article.agencies},
        "captions": {(norm(c["text"]), norm(c["credit"]) or None) for c in article.captions},
        "datePublished": (article.datePublished or "")[:10] or None,
        "inLanguage": article.inLanguage,
        "bodyParagraphs": article.articleBody.split("\n\n"),
        "body": article.articleBody,
    }


def label_fields(labels: dict[str, Any]) -> dict[str, Any]:
    """The wire-dev / seed labels in the same shapes as :func:`wire_fields`."""
    norm = scoring.normalize_space
    dateline = labels.get("dateline")
    return {
        "headline": norm(labels.get("headline")) or None,
        "alternativeHeadline": norm(labels.get("alternativeHeadline")) or None,
        "authors": [norm(a) for a in labels.get("authors") or []],
        "dateline": None
        if not dateline
        else {k: norm(dateline.get(k)) or None for k in ("place", "agency", "date")},
        "agencies": {norm(a) for a in labels.get("agencies") or []},
        "captions": {
            (norm(c["text"]), norm(c.get("credit")) or None) for c in labels.get("captions") or []
        },
        "datePublished": (labels.get("datePublished") or "")[:10] or None,
        "inLanguage": labels.get("inLanguage"),
    }


def field_checks(
    ours: dict[str, Any], want: dict[str, Any], labels: dict[str, Any]
) -> dict[str, bool | float]:
    """Per-field verdicts for one labelled page; body F1 as a number."""
    checks: dict[str, bool | float] = {}
    for name in (
        "headline",
        "alternativeHeadline",
        "authors",
        "agencies",
        "captions",
        "datePublished",
        "inLanguage",
    ):
        checks[name] = ours[name] == want[name]
    for part in ("place", "agency", "date"):
        mine = ours["dateline"][part] if ours["dateline"] else None
        theirs = want["dateline"][part] if want["dateline"] else None
        checks[f"dateline {part}"] = mine == theirs
    checks["captions text"] = {c[0] for c in ours["captions"]} == {c[0] for c in want["captions"]}
    checks["body paragraph F1"] = scoring.paragraph_f1(
        labels.get("bodyParagraphs") or [], ours["bodyParagraphs"]
    )
    checks["mustNotContain kept out"] = not any(
        snippet in ours["body"] for snippet in labels.get("mustNotContain") or []
    )
    return checks


WIRE_TARGETED = (
    "authors",
    "dateline place",
    "dateline agency",
    "agencies",
    "captions",
    "body paragraph F1",
    "mustNotContain kept out",
)
