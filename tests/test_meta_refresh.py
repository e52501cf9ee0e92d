"""The head-only meta-refresh middleware redirects exactly as Scrapy's does."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh
from scrapy.utils.test import get_crawler

from newsbot import settings as newsbot_settings
from newsbot.middlewares.meta_refresh import HeadMetaRefreshMiddleware, head_meta_refresh

URL = "http://127.0.0.1:8000/news/a.html"
FILLER = "<p>" + "Zürich — ünïcödé filler text. " * 400 + "</p>"
PAGES = {
    "refresh now": '<html><head><meta http-equiv="refresh" content="0; url=/news/b.html">',
    "refresh later": '<head><meta http-equiv="refresh" content="600; url=http://127.0.0.1:8000/c">',
    "base href": '<head><base href="http://127.0.0.1:8000/x/"><meta http-equiv="refresh" '
    "content=\"0;URL='d.html'\">",
    "in noscript": '<head><noscript><meta http-equiv="refresh" content="0; url=/e"></noscript>',
    "none": "<head><title>Plain</title></head>",
    "upper case": '<HEAD><META HTTP-EQUIV="REFRESH" CONTENT="0; URL=/h">',
    "past the head": "<head></head><body>"
    + FILLER
    + '<meta http-equiv="refresh" content="0;url=/f">',
    "after multibyte text": "<head><title>" + "é" * 3000 + '</title><meta http-equiv="refresh" '
    'content="0; url=/g">',
}


def _response(html: str, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse(
        URL,
        body=(html + FILLER).encode(encoding, "xmlcharrefreplace"),
        headers={"Content-Type": f"text/html; charset={encoding}"},
    )


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-16", "utf-32", "windows-1252", "shift_jis", "cp500"]
)
def test_reads_the_same_refresh_as_scrapy(name: str, encoding: str) -> None:
    """Also in encodings that don't write "refresh" as its ASCII bytes (UTF-16 and -32,
    EBCDIC's cp500), where the bytes can't rule a refresh out."""
    html = PAGES[name]
    if encoding in {"windows-1252", "cp500"} and "é" * 3000 not in html:
        html = html.replace("ü", "u")
    if encoding == "shift_jis":
        html = html.replace("ü", "u").replace("é", "テ").replace("ï", "i").replace("ö", "o")
    expected = get_meta_refresh(_response(html, encoding), ignore_tags=["noscript"])
    assert head_meta_refresh(_response(html, encoding), ["noscript"]) == expected


def _middleware() -> HeadMetaRefreshMiddleware:
    crawler = get_crawler(settings_dict={"METAREFRESH_IGNORE_TAGS": ["noscript"]})
    return HeadMetaRefreshMiddleware.from_crawler(crawler)


def test_a_refresh_page_becomes_a_request_for_its_target() -> None:
    request = Request(URL)
    result = _middleware().process_response(request, _response(PAGES["refresh now"]))
    assert isinstance(result, Request)
    assert result.url == "http://127.0.0.1:8000/news/b.html"
    assert result.meta["redirect_urls"] == [URL]


def test_pages_without_a_usable_refresh_pass_through() -> None:
    middleware = _middleware()
    for name in ("none", "in noscript", "refresh later", "past the head"):
        response = _response(PAGES[name])
        assert middleware.process_response(Request(URL), response) is response, name
    response = _response(PAGES["refresh now"])
    kept = Request(URL, meta={"dont_redirect": True})
    assert middleware.process_response(kept, response) is response


def test_it_replaces_scrapys_middleware_in_the_settings() -> None:
    middlewares = newsbot_settings.DOWNLOADER_MIDDLEWARES
    assert middlewares["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert middlewares["newsbot.middlewares.meta_refresh.HeadMetaRefreshMiddleware"] == 580
