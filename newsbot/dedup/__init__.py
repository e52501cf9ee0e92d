"""The dedup stage: URL, exact and near-copy duplicates, and the store they are kept in.

A pure core with no Scrapy import; the pipeline and middleware in ``newsbot.pipelines``
and ``newsbot.middlewares`` are thin adapters around :class:`DedupStage`.
"""

from __future__ import annotations

from newsbot.dedup.stage import DedupStage, Verdict, annotate
from newsbot.dedup.store import DEFAULT_STORE_URI, STORE_SCHEMES, Store, open_store

__all__ = [
    "DEFAULT_STORE_URI",
    "STORE_SCHEMES",
    "DedupStage",
    "Store",
    "Verdict",
    "annotate",
    "open_store",
]
