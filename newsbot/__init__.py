"""newsbot: a Scrapy-native crawler for wire-service news.

The flow, one package each: ``sources`` (TOML) → ``spiders`` (discovery) →
``extraction`` (article and wire fields) → ``dedup`` (URL, exact and near-copy
story clusters, over a SQLite or Redis store) → ``feeds`` (JSON Lines, JSON Feed).
"""

from __future__ import annotations

from newsbot.errors import (
    ExtractionError,
    InputError,
    NewsbotError,
    NoArticleError,
    SourceError,
    StoreError,
    UsageError,
)
from newsbot.item import Article, Author, Caption, Dateline, Image

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Author",
    "Caption",
    "Dateline",
    "ExtractionError",
    "Image",
    "InputError",
    "NewsbotError",
    "NoArticleError",
    "SourceError",
    "StoreError",
    "UsageError",
    "__version__",
]
