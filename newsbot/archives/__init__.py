"""WARC archives in and out: read the HTML pages of an archive, write what a crawl fetched.

Pure: no Scrapy here. ``newsbot.extensions.archive`` and ``newsbot.spiders.warc`` are
the Scrapy adapters around these.
"""

from __future__ import annotations

from newsbot.archives.reader import WarcPage, WarcReader, is_warc_path, iter_warc_pages
from newsbot.archives.writer import Exchange, WarcWriter

__all__ = [
    "Exchange",
    "WarcPage",
    "WarcReader",
    "WarcWriter",
    "is_warc_path",
    "iter_warc_pages",
]
