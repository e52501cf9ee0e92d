"""The request dupe filter: Scrapy's, minus its ``JOBDIR/requests.seen`` file.

Scrapy records a request's fingerprint when the request is *scheduled*, in a buffered file,
while the pending queue's state (``active.json``) is only written at a clean shutdown. After
a SIGKILL a resumed job would therefore skip every request whose fingerprint reached the
disk but which was never downloaded: lost articles. newsbot keeps the filter in memory
only; a resumed job re-reads its sitemaps and feeds (a cheap 304 through the HTTP cache)
and the seen-URL store, which records an article only once it is kept, skips what is done.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter


class CrawlDupeFilter(RFPDupeFilter):
    """``DUPEFILTER_CLASS``: duplicate requests within one run; nothing kept across runs."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDupeFilter:
        debug = crawler.settings.getbool("DUPEFILTER_DEBUG")
        return cls(None, debug, fingerprinter=crawler.request_fingerprinter)
