"""``STATS_CLASS``: Scrapy's in-memory stats, read without Scrapy 2.19's per-read shim.

Scrapy 2.19's ``StatsCollector.__getattribute__`` wraps the stats methods to warn callers
that still pass a ``spider`` argument, and runs on *every* attribute read, the
``self._stats`` inside each method included, where it raises and catches an
``AttributeError`` first. A crawl reads the stats about 35 times a page: the crawl
benchmark's profile put the shim at about 4% of the reactor thread's time. newsbot passes no
``spider`` argument, so this collector reads its attributes the plain way; everything else
is Scrapy's ``MemoryStatsCollector``.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class StatsCollector(MemoryStatsCollector):
    """``MemoryStatsCollector`` with Python's own attribute lookup (the C one, no wrapper)."""

    __getattribute__ = object.__getattribute__
