"""Each way a download can fail has one ``newsbot/failed/<reason>`` name."""

from __future__ import annotations

import pytest
from scrapy import Request
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
from scrapy.utils.test import get_crawler
from twisted.internet import error as tx

from newsbot.middlewares.failures import FailureStatsMiddleware, failure_reason


@pytest.mark.parametrize(
    ("exception", "reason"),
    [
        (DownloadTimeoutError("took longer than 2.0 seconds"), "timeout"),
        (tx.TimeoutError(), "timeout"),
        (DownloadCancelledError(), "too_large"),
        (ResponseDataLossError(), "truncated"),
        (DownloadFailedError("Connection lost"), "connection_lost"),
        (tx.ConnectionLost(), "connection_lost"),
        (DownloadConnectionRefusedError(), "connection_refused"),
        (CannotResolveHostError("intranet.example"), "dns"),
        (tx.DNSLookupError("intranet.example resolves to a non-public address"), "dns"),
        (ValueError("odd"), "ValueError"),
    ],
)
def test_failure_reasons(exception: Exception, reason: str) -> None:
    assert failure_reason(exception) == reason


def middleware() -> tuple[FailureStatsMiddleware, dict[str, int]]:
    crawler = get_crawler(settings_dict={"LOG_LEVEL": "WARNING"})
    assert crawler.stats is not None
    return FailureStatsMiddleware.from_crawler(crawler), crawler.stats.get_stats()


def newsbot_request(url: str = "http://127.0.0.1:8000/a.html") -> Request:
    return Request(url, meta={"newsbot_kind": "article", "newsbot_source": "s"})


def test_final_failures_of_newsbot_requests_are_counted() -> None:
    mw, stats = middleware()
    mw.process_exception(newsbot_request(), DownloadTimeoutError())
    mw.process_response(newsbot_request(), Response("http://127.0.0.1:8000/a.html", status=503))
    mw.process_response(newsbot_request(), Response("http://127.0.0.1:8000/a.html", status=200))
    assert {k: v for k, v in stats.items() if k.startswith("newsbot/")} == {
        "newsbot/failed/timeout": 1,
        "newsbot/failed/http_503": 1,
    }


def test_drops_and_foreign_requests_are_not_failures() -> None:
    mw, stats = middleware()
    mw.process_exception(newsbot_request(), IgnoreRequest("filtered"))  # counted by the filter
    mw.process_exception(Request("http://127.0.0.1:8000/robots.txt"), DownloadTimeoutError())
    assert not [k for k in stats if k.startswith("newsbot/")]


def test_a_redirect_back_into_its_own_chain_is_a_loop() -> None:
    mw, stats = middleware()
    looped = newsbot_request("http://127.0.0.1:8000/a.html")
    looped.meta["redirect_urls"] = ["http://127.0.0.1:8000/a.html", "http://127.0.0.1:8000/b.html"]
    mw.request_dropped(looped)
    mw.request_dropped(newsbot_request("http://127.0.0.1:8000/c.html"))  # a plain duplicate
    assert stats.get("newsbot/failed/redirect_loop") == 1
