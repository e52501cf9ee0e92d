"""Count every request newsbot gives up on under ``newsbot/failed/<reason>``.

Scrapy spreads failures over many stats (``downloader/exception_type_count/...``,
``httperror/...``, ``retry/...``) and counts some not at all: a gzip bomb stopped by
``DOWNLOAD_MAXSIZE`` or a redirect loop ended by the dupefilter leave only a log line.
These components give each final failure of a newsbot request (one with
``meta["newsbot_kind"]``) one clear key, counted once, after retries:

=========================== ===========================================================
``timeout``                 no complete response within ``DOWNLOAD_TIMEOUT``
``connection_lost``         the connection was reset or closed mid-response
``connection_refused``      nothing listens there
``dns``                     the host name doesn't resolve
``truncated``               fewer bytes than ``Content-Length`` promised
``too_large``               the body exceeds ``DOWNLOAD_MAXSIZE``
``decompressed_too_large``  the body *decompresses* past ``DOWNLOAD_MAXSIZE`` (a bomb)
``redirect_loop``           a redirect leads back to a URL already in its chain
``http_<status>``           a final 4xx or 5xx response
=========================== ===========================================================
"""

from __future__ import annotations

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from twisted.internet import error as tx

KIND_KEY = "newsbot_kind"  # set by the spider on every request it makes
PREFIX = "newsbot/failed/"

_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, tx.TimeoutError, tx.TCPTimedOutError), "timeout"),
    # Scrapy cancels a download only when it passes DOWNLOAD_MAXSIZE (declared or received).
    ((DownloadCancelledError,), "too_large"),
    ((ResponseDataLossError,), "truncated"),
    ((DownloadConnectionRefusedError, tx.ConnectionRefusedError), "connection_refused"),
    ((CannotResolveHostError, tx.DNSLookupError), "dns"),
    ((DownloadFailedError, tx.ConnectionLost, tx.ConnectionDone, tx.ConnectError),
     "connection_lost"),
)  # fmt: skip


def failure_reason(exception: BaseException) -> str:
    """The ``newsbot/failed/<reason>`` part for a download exception."""
    for types, reason in _REASONS:
        if isinstance(exception, types):
            return reason
    return type(exception).__name__


class FailureStatsMiddleware:
    """Downloader middleware, just below ``RetryMiddleware`` (550): it sees only what
    retrying could not save. Also counts redirect loops, which the dupefilter ends."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureStatsMiddleware:
        assert crawler.stats is not None
        middleware = cls(crawler.stats)
        crawler.signals.connect(middleware.request_dropped, signal=signals.request_dropped)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        if KIND_KEY in request.meta and response.status >= 400:
            self.stats.inc_value(f"{PREFIX}http_{response.status}")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if KIND_KEY in request.meta and not isinstance(exception, IgnoreRequest):
            self.stats.inc_value(PREFIX + failure_reason(exception))

    def request_dropped(self, request: Request) -> None:
        if KIND_KEY in request.meta and request.url in request.meta.get("redirect_urls", ()):
            self.stats.inc_value(f"{PREFIX}redirect_loop")


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, counting responses dropped for decompressing past
    ``DOWNLOAD_MAXSIZE`` (Scrapy only logs them)."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            if self.stats is not None:
                self.stats.inc_value(f"{PREFIX}decompressed_too_large")
            raise
