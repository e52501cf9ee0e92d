"""The store protocol: the state kept across runs, behind one small interface.

A backend keeps seen URLs, exact fingerprints, near-duplicate signatures (the shingle set
and LSH band keys of each kept body), story clusters, and the articles for ``newsbot
export``. Backends are chosen by URI scheme through ``STORE_SCHEMES``; ``open_store``
opens one and raises :class:`~newsbot.errors.StoreError` when it can't, never handing
back a silent fresh store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

SCHEMA_VERSION = 1
"""The layout version this code writes; a store with a newer one is refused."""

Kind = Literal["new", "url_duplicate", "exact_duplicate", "near_duplicate"]


@dataclass(frozen=True)
class DocRecord:
    """What the store keeps about one kept body, and what a candidate looks like."""

    url: str
    """The first URL the body was seen at (its canonical URL when known)."""
    source: str
    story_id: str
    """The story cluster this body belongs to."""
    published: float | None
    """Publication time, seconds since the epoch, for the time window."""
    shingles: bytes
    """Sorted unique uint32 shingle hashes, native byte order."""
    fingerprint: str | None = None
    """The exact fingerprint; None for an empty body (never an exact duplicate)."""
    band_keys: tuple[int, ...] = ()
    """LSH band keys; empty when the body is too short to compare."""
    aliases: tuple[str, ...] = ()
    """Other URLs of the same page (fetched URL besides the canonical one)."""


@dataclass(frozen=True)
class Decision:
    """The store's answer to one check-and-add."""

    kind: Kind
    story_id: str
    duplicate_of: str | None
    """The first copy's URL, for every kind but ``new``."""


Chooser = Callable[[DocRecord, Sequence[DocRecord]], DocRecord | None]
"""Picks the verified near-copy among LSH candidates, or None."""

Keeper = Callable[[Decision], Mapping[str, Any] | None]
"""Given the decision, the article item to keep for export, or None."""


@dataclass
class StoreStats:
    urls: int = 0
    fingerprints: int = 0
    documents: int = 0
    clusters: int = 0
    articles: int = 0
    size_bytes: int | None = None
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)
    """``{source: {"urls": n, "documents": n, "articles": n}}``."""


def same_page(
    doc: DocRecord, fingerprint: object, seen: DocRecord, seen_fingerprint: object, choose: Chooser
) -> bool:
    """Whether ``doc``, arriving under a URL already kept for ``seen``, is that page again.

    It is unless both bodies are known and ``doc``'s is neither the same nor a near-copy
    of ``seen``'s: then the URL was reused for another article (a truncated slug), and
    ``doc`` goes through the fingerprint and near-copy layers as a page of its own.
    """
    if fingerprint is None or seen_fingerprint is None or fingerprint == seen_fingerprint:
        return True
    return choose(doc, [seen]) is not None


class Store(Protocol):
    """The dedup state and article store; every method is safe across processes."""

    uri: str

    def has_url(self, url: str) -> bool:
        """Whether ``url`` was seen before (as a fetched or canonical URL)."""
        ...

    def check_and_add(
        self, doc: DocRecord, choose: Chooser, keep: Keeper | None = None
    ) -> Decision:
        """Atomically: classify ``doc`` against the store, then record it.

        When ``keep`` returns an article for the decision, it is stored in the same
        transaction as ``put_article`` would: a URL is never marked seen without its
        article kept, even if the process is killed in between.

        In order: a seen URL (``url`` or an alias) is a ``url_duplicate`` (unless the
        body shows another article, see :func:`same_page`); a known
        fingerprint an ``exact_duplicate`` (its URLs are recorded as seen); else the
        candidates sharing a band key are passed to ``choose``, and a chosen one makes
        ``doc`` a ``near_duplicate`` in that candidate's story. Anything else is ``new``
        and starts the story ``doc.story_id``. Non-duplicates are stored with their
        band keys so later copies find them.
        """
        ...

    def check_and_add_now(
        self, doc: DocRecord, choose: Chooser, keep: Keeper | None = None
    ) -> Decision | None:
        """:meth:`check_and_add`, if it can be done without waiting (for another
        process's write, or the network); else ``None``, with nothing done."""
        ...

    def put_article(self, article: Mapping[str, Any]) -> None:
        """Keep an article item (a JSON object) for export; replaces one with its URL."""
        ...

    def iter_articles(
        self,
        since: datetime | None = None,
        source: str | None = None,
        agency: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Kept articles, newest first by ``datePublished`` (else ``fetchedAt``).

        ``since`` keeps those at or after it; ``agency`` matches ``agencies`` exactly.
        """
        ...

    def stats(self) -> StoreStats: ...

    def reset(self, source: str | None = None) -> None:
        """Forget everything, or only what came from ``source``."""
        ...

    def close(self) -> None: ...
