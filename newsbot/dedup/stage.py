"""The dedup decision for one article: new, URL duplicate, exact duplicate or near-copy.

Layers, cheapest first (all checked and recorded in one atomic store operation):

1. URL: the canonical or fetched URL was seen before, in this run or an earlier one.
2. Exact: the normalized body has a known fingerprint.
3. Near-copy: LSH candidates (MinHash over word 5-grams) verified exactly on the
   shingle sets, within a time window around ``datePublished``:
   - Jaccard resemblance >= 0.5, Broder's clustering cut for "roughly the same"; or
   - containment >= 0.8 of the smaller body in the larger, for copies that republishers
     trimmed or padded with a local paragraph, and only when the smaller body has at
     least ``MIN_CONTAINED_SHINGLES`` shingles, so that a shared quote or a stock
     background paragraph alone never merges two stories.
   A near-copy joins the candidate's story; ``duplicateOf`` is the story's first URL.

A body shorter than ``MIN_NEAR_SHINGLES`` shingles is only checked for exact copies,
and an empty body only by URL: it is never a duplicate of another empty body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

import numpy as np

from newsbot.dedup.fingerprint import (
    body_tokens,
    exact_fingerprint,
    overlap,
    shingle_hashes,
)
from newsbot.dedup.signatures import MinHasher
from newsbot.dedup.store import Decision, DocRecord, Keeper, Kind, Store
from newsbot.dedup.store._records import parse_timestamp
from newsbot.dedup.urls import canonical_url

NearPolicy = Literal["annotate", "drop"]
NEAR_POLICIES: tuple[str, ...] = ("annotate", "drop")
DEFAULT_WINDOW = timedelta(hours=48)
"""RNewsflow compares within +-24 h; print reprints in South Asia appear the next day."""
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
MIN_NEAR_SHINGLES = 10
MIN_CONTAINED_SHINGLES = 50


@dataclass(frozen=True)
class Verdict:
    """What the stage decided about one article."""

    kind: Kind
    story_id: str
    duplicate_of: str | None
    keep: bool
    """Whether the item goes on: new items, and near-copies under ``annotate``."""


def story_id_for(fingerprint: str | None, url: str) -> str:
    """A story id derived from the first copy: its fingerprint, or its URL if empty."""
    seed = f"fp:{fingerprint}" if fingerprint else f"url:{url}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def is_near_copy(jaccard: float, containment: float, smaller: int) -> bool:
    """The verification rule for two shingle sets (``smaller``: the smaller set's size)."""
    if jaccard >= JACCARD_MIN:
        return True
    return containment >= CONTAINMENT_MIN and smaller >= MIN_CONTAINED_SHINGLES


RECORD_FIELDS = ("url", "canonicalUrl", "source", "articleBody", "datePublished", "fetchedAt")
"""The article fields a store record is made from."""


def doc_record(article: Mapping[str, Any], hasher: MinHasher) -> DocRecord:
    """The store record of an article item (a mapping with the item's fields)."""
    fetched = str(article.get("url") or "")
    canonical = article.get("canonicalUrl") or fetched
    if not canonical:
        raise ValueError("an article needs a url")
    url = canonical_url(str(canonical))
    aliases = tuple(u for u in {canonical_url(fetched)} if fetched and u != url)
    tokens = body_tokens(article.get("articleBody"))
    fingerprint = exact_fingerprint(tokens)
    shingles = shingle_hashes(tokens)
    keys = hasher.keys_for(shingles) if len(shingles) >= MIN_NEAR_SHINGLES else []
    published = parse_timestamp(article.get("datePublished"))
    if published is None:
        published = parse_timestamp(article.get("fetchedAt"))
    return DocRecord(
        url=url,
        source=str(article.get("source") or ""),
        story_id=story_id_for(fingerprint, url),
        published=published,
        shingles=shingles.tobytes(),
        fingerprint=fingerprint,
        band_keys=tuple(keys),
        aliases=aliases,
    )


class DedupStage:
    """Classifies articles against a store and records them there."""

    def __init__(
        self,
        store: Store,
        near_policy: NearPolicy | str = "annotate",
        window: timedelta | None = DEFAULT_WINDOW,
        hasher: MinHasher | None = None,
    ) -> None:
        if near_policy not in NEAR_POLICIES:
            raise ValueError(f"near_policy must be one of {NEAR_POLICIES}, not {near_policy!r}")
        self.store = store
        self.near_policy = near_policy
        self.window = window.total_seconds() if window is not None else None
        self.hasher = hasher or MinHasher()

    def record_for(self, article: Mapping[str, Any]) -> DocRecord:
        """The store record of an article item (a mapping with the item's fields)."""
        return doc_record(article, self.hasher)

    def check(
        self, article: Mapping[str, Any], *, save: bool = False, record: DocRecord | None = None
    ) -> Verdict:
        """Classify ``article`` and record it (atomically, across processes).

        With ``save``, a kept article is also stored for export, annotated, in the same
        atomic step: a crash can't leave its URL seen and the article lost. ``record`` is
        the article's :func:`doc_record` with this stage's hasher, if already made.
        """
        if record is None:
            record = self.record_for(article)
        decision = self.store.check_and_add(record, self.choose, self._keeper(article, save))
        return self._verdict(decision)

    def check_now(
        self, article: Mapping[str, Any], *, save: bool = False, record: DocRecord | None = None
    ) -> Verdict | None:
        """:meth:`check`, if the store can do it without waiting (for another process's
        write, or the network); else ``None``, with nothing done."""
        if record is None:
            record = self.record_for(article)
        decision = self.store.check_and_add_now(record, self.choose, self._keeper(article, save))
        return None if decision is None else self._verdict(decision)

    def _keeper(self, article: Mapping[str, Any], save: bool) -> Keeper:
        """What the store keeps for export with a decision: ``article``, annotated, if saved
        and kept."""

        def kept(decision: Decision) -> dict[str, Any] | None:
            if not save or not self.keeps(decision.kind):
                return None
            return annotate(dict(article), self._verdict(decision))

        return kept

    def keeps(self, kind: str) -> bool:
        """Whether an item of this kind is kept under the near-copy policy."""
        return kind == "new" or (kind == "near_duplicate" and self.near_policy == "annotate")

    def _verdict(self, decision: Decision) -> Verdict:
        return Verdict(
            decision.kind, decision.story_id, decision.duplicate_of, self.keeps(decision.kind)
        )

    def choose(self, doc: DocRecord, candidates: Sequence[DocRecord]) -> DocRecord | None:
        """The candidate ``doc`` is a verified near-copy of (most similar first), or None."""
        mine = np.frombuffer(doc.shingles, dtype=np.uint32)
        best: DocRecord | None = None
        best_score = (0.0, 0.0)
        for candidate in candidates:
            if not self._within_window(doc.published, candidate.published):
                continue
            theirs = np.frombuffer(candidate.shingles, dtype=np.uint32)
            jaccard, containment = overlap(mine, theirs)
            if not is_near_copy(jaccard, containment, min(len(mine), len(theirs))):
                continue
            if (jaccard, containment) > best_score:
                best, best_score = candidate, (jaccard, containment)
        return best

    def _within_window(self, a: float | None, b: float | None) -> bool:
        if self.window is None or a is None or b is None:
            return True
        return abs(a - b) <= self.window


def annotate(article: dict[str, Any], verdict: Verdict) -> dict[str, Any]:
    """Set ``storyId`` and ``duplicateOf`` on an item dict from a verdict."""
    article["storyId"] = verdict.story_id
    article["duplicateOf"] = verdict.duplicate_of
    return article
