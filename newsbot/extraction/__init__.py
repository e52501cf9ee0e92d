"""The extraction stage: a fetched page in, a clean :class:`~newsbot.item.Article` out.

A pure library (no Scrapy import). :func:`extract_article` is the one entry point;
the parsers of wire conventions it uses (``dateline``, ``byline``, ``agencies``,
``trailers``, ``credits``) are plain functions on text.
"""

from __future__ import annotations

from newsbot.extraction.article import extract_article

__all__ = ["extract_article"]
