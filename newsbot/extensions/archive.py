"""Archive every response the crawl downloads into WARC/1.1 files (``NEWSBOT_ARCHIVE``).

A thin adapter: on Scrapy's ``response_downloaded`` signal (the body as it came off the
wire, before redirects, decompression or any middleware) it hands the exchange to
:class:`newsbot.archives.WarcWriter`. What the spider knew about the request (its kind,
source and discovery fields) is kept in a ``metadata`` record, so that
``newsbot crawl --warc`` can replay the archive with the same items.

Settings: ``NEWSBOT_ARCHIVE`` (the path; unset: off), ``NEWSBOT_ARCHIVE_MAX_SIZE`` (bytes
before the next file; see :mod:`newsbot.archives.writer` for the names).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.statscollectors import StatsCollector

from newsbot import __version__
from newsbot.archives import Exchange, WarcWriter
from newsbot.spiders.news import DISCOVERED_KEY, KIND_KEY, SOURCE_KEY

logger = logging.getLogger(__name__)

#: metadata record fields, read back by :mod:`newsbot.spiders.warc`.
KIND_FIELD = "newsbot-kind"
SOURCE_FIELD = "newsbot-source"
DISCOVERED_FIELD = "newsbot-discovered"


class WarcArchive:
    def __init__(self, writer: WarcWriter, stats: StatsCollector | None = None) -> None:
        self.writer = writer
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchive:
        settings = crawler.settings
        path = settings.get("NEWSBOT_ARCHIVE")
        if not path:
            raise NotConfigured("NEWSBOT_ARCHIVE is not set")
        max_size = settings.getint("NEWSBOT_ARCHIVE_MAX_SIZE") or None
        info = {
            "software": f"newsbot/{__version__}",
            "http-header-user-agent": settings.get("USER_AGENT") or "",
        }
        extension = cls(WarcWriter(path, max_size=max_size, info=info), crawler.stats)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        self.writer.write(exchange_of(request, response))
        if self.stats is not None:
            self.stats.inc_value("newsbot/archive/responses")

    def spider_closed(self, spider: Spider) -> None:
        files = self.writer.close()
        if self.stats is not None:
            self.stats.set_value("newsbot/archive/files", len(files))
        for path in files:
            logger.info("Archived responses to %s", path)


def exchange_of(request: Request, response: Response) -> Exchange:
    """The WARC exchange for one Scrapy request and the response it got."""
    metadata = {}
    for key, name in ((KIND_KEY, KIND_FIELD), (SOURCE_KEY, SOURCE_FIELD)):
        if request.meta.get(key):
            metadata[name] = str(request.meta[key])
    if request.meta.get(DISCOVERED_KEY):
        metadata[DISCOVERED_FIELD] = json.dumps(request.meta[DISCOVERED_KEY], sort_keys=True)
    return Exchange(
        url=response.url,
        status=response.status,
        body=response.body,
        response_headers=_pairs(response.headers),
        method=request.method,
        request_headers=_pairs(request.headers),
        request_body=request.body,
        protocol=response.protocol or "HTTP/1.1",
        ip_address=str(response.ip_address) if response.ip_address else None,
        fetched_at=datetime.now(UTC),
        metadata=metadata,
    )


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((_text(name), _text(value)))
    return pairs


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)
