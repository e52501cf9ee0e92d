"""Conditional requests for discovery documents, through Scrapy's HTTP cache.

A scheduled run re-reads a source's sitemaps, feeds, section pages and robots.txt; with
this policy the second read sends ``If-None-Match`` / ``If-Modified-Since`` and a
``304 Not Modified`` is answered from the cache, so an unchanged site costs a few tiny
responses. Article pages are never cached: the seen-URL check skips them before download.

:class:`DiscoveryCachePolicy` is Scrapy's :class:`RFC2616Policy` with two changes: it only
caches discovery requests, and it never guesses a freshness lifetime from
``Last-Modified`` (Firefox's 10 % heuristic would hide a changed sitemap for hours). A
server's explicit ``Cache-Control: max-age`` or ``Expires`` is still honoured.

:class:`StateDirCacheStorage` keeps the cache where ``HTTPCACHE_DIR`` says, relative to the
working directory like the store (``.newsbot/httpcache``), not under ``.scrapy/``.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Response
from scrapy.settings import BaseSettings

from newsbot.spiders.news import KIND_KEY

DISCOVERY_KINDS = frozenset({"sitemap", "feed", "section"})
"""``meta["newsbot_kind"]`` values of the documents that are cached and revalidated."""


def is_discovery_request(request: Request) -> bool:
    """A sitemap, feed or section page of a source, or any site's robots.txt."""
    if request.meta.get(KIND_KEY) in DISCOVERY_KINDS:
        return True
    return urlsplit(request.url).path == "/robots.txt"


class DiscoveryCachePolicy(RFC2616Policy):
    """``HTTPCACHE_POLICY``: RFC 2616 caching for discovery documents only."""

    def should_cache_request(self, request: Request) -> bool:
        return is_discovery_request(request) and super().should_cache_request(request)

    def _compute_freshness_lifetime(
        self, response: Response, request: Request, now: float
    ) -> float:
        cache_control = self._parse_cachecontrol(response)
        if b"max-age" in cache_control or b"Expires" in response.headers:
            return super()._compute_freshness_lifetime(response, request, now)
        if response.status in {300, 301, 308}:
            return self.MAXAGE
        return 0  # no heuristic: revalidate every run


class StateDirCacheStorage(FilesystemCacheStorage):
    """``HTTPCACHE_STORAGE``: Scrapy's filesystem storage, at ``HTTPCACHE_DIR`` as given.

    Scrapy resolves a relative ``HTTPCACHE_DIR`` under the project's ``.scrapy/`` and
    disables the cache when no scrapy.cfg is found (as in a Scrapyd job); here it is
    relative to the working directory, like the store.
    """

    def __init__(self, settings: BaseSettings):
        local = settings.copy()
        local.frozen = False  # a private copy: the crawler's settings stay frozen
        cachedir = os.path.abspath(settings["HTTPCACHE_DIR"])
        local.set("HTTPCACHE_DIR", cachedir, priority=local.maxpriority())
        super().__init__(local)
