"""Dedup records made ahead of the dedup stage, where the article is extracted.

Normalizing a body, shingling it and MinHashing it is most of a dedup check's CPU time
(about 0.7 ms an article) and needs nothing from the store. The extraction workers do it
as they finish an article, on cores of their own, and the dedup stage then only asks the
store: the crawl process, whose one thread at a time runs Scrapy, stays free for it.

The record travels on the item as a private attribute (not a field: feeds and ``to_dict``
never see it) together with the field values it was made from. If a pipeline in between
changed one of them, or the stage hashes with other parameters, the stage makes its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsbot.dedup.signatures import MinHasher
from newsbot.dedup.stage import RECORD_FIELDS, doc_record
from newsbot.dedup.store import DocRecord
from newsbot.item import Article

_ATTRIBUTE = "_newsbot_dedup_record"


@dataclass(frozen=True)
class _Made:
    inputs: tuple[object, ...]
    shape: tuple[int, int]
    """The hasher's bands and rows."""
    record: DocRecord


def attach_record(article: Article, hasher: MinHasher | None = None) -> None:
    """Make ``article``'s store record now and keep it on the article."""
    hasher = hasher or _default_hasher()
    inputs = _inputs(article)
    record = doc_record(dict(zip(RECORD_FIELDS, inputs, strict=True)), hasher)
    article.__dict__[_ATTRIBUTE] = _Made(inputs, (hasher.bands, hasher.rows), record)


def take_record(article: Article, hasher: MinHasher) -> DocRecord | None:
    """The record made ahead for ``article`` (once), if it still fits the article."""
    made = article.__dict__.pop(_ATTRIBUTE, None)
    if not isinstance(made, _Made) or made.shape != (hasher.bands, hasher.rows):
        return None
    if made.inputs != _inputs(article):
        return None
    return made.record


def _inputs(article: Article) -> tuple[object, ...]:
    return tuple(getattr(article, name) for name in RECORD_FIELDS)


@lru_cache(maxsize=1)
def _default_hasher() -> MinHasher:
    return MinHasher()
