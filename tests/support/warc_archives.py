"""Build small WARC archives in tests, record by record, with warcio."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = (
    "<!DOCTYPE html><html><head><title>{title}</title></head>"
    "<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
)

ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="Archive Times"></head><body><article>
<h1>{title}</h1><p>By Jane Roe</p>
<p>{title}: a report. The council met on Tuesday to discuss the plan, which had been
debated for months by residents and officials alike, and agreed on a final version.</p>
<p>Officials said the work would begin next spring and last about two years, with
the first stage paid for by the regional budget approved last week.</p>
</article></body></html>"""


def page(title: str, text: str = "Some article text.") -> bytes:
    return PAGE.format(title=title, text=text).encode()


def article_page(title: str) -> bytes:
    """A page with enough text for extraction to find an article."""
    return ARTICLE.format(title=title).encode()


def chunked(body: bytes, size: int = 7) -> bytes:
    """``body`` in HTTP/1.1 chunked transfer encoding."""
    out = BytesIO()
    for i in range(0, len(body), size):
        piece = body[i : i + size]
        out.write(b"%x\r\n%s\r\n" % (len(piece), piece))
    out.write(b"0\r\n\r\n")
    return out.getvalue()


class ArchiveBuilder:
    """Records written one after another into a ``.warc`` or ``.warc.gz`` file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.gzip = path.name.endswith(".gz")
        self._out = BytesIO()
        self.writer = WARCWriter(self._out, gzip=self.gzip, warc_version="1.1")

    def offset(self) -> int:
        return self._out.tell()

    def warcinfo(self) -> ArchiveBuilder:
        self.writer.write_record(self.writer.create_warcinfo_record(self.path.name, {"a": "b"}))
        return self

    def response(
        self,
        url: str,
        body: bytes,
        *,
        content_type: str | None = "text/html; charset=utf-8",
        status: str = "200 OK",
        headers: list[tuple[str, str]] | None = None,
    ) -> ArchiveBuilder:
        http_headers = [("Content-Type", content_type)] if content_type else []
        http_headers += headers or []
        if not any(name.lower() == "transfer-encoding" for name, _ in http_headers):
            http_headers.append(("Content-Length", str(len(body))))
        record = self.writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(status, http_headers, protocol="HTTP/1.1"),
        )
        self.writer.write_record(record)
        return self

    def request(self, url: str) -> ArchiveBuilder:
        http = StatusAndHeaders("/ HTTP/1.1", [("Host", "example.com")], protocol="GET")
        record = self.writer.create_warc_record(
            url, "request", payload=BytesIO(b""), length=0, http_headers=http
        )
        self.writer.write_record(record)
        return self

    def revisit(self, url: str) -> ArchiveBuilder:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = self.writer.create_revisit_record(
            url, "sha1:AAAA", url, "2026-01-01T00:00:00Z", http_headers=http
        )
        self.writer.write_record(record)
        return self

    def metadata(self, url: str) -> ArchiveBuilder:
        body = b"via: http://example.com/\r\n"
        record = self.writer.create_warc_record(
            url,
            "metadata",
            payload=BytesIO(body),
            length=len(body),
            warc_content_type="application/warc-fields",
        )
        self.writer.write_record(record)
        return self

    def raw(self, data: bytes) -> ArchiveBuilder:
        """Bytes appended as they are: a corrupt member, a cut record."""
        self._out.write(data)
        return self

    def save(self, *, cut: int = 0) -> Path:
        """Write the file, leaving off the last ``cut`` bytes (a truncated final record)."""
        data = self._out.getvalue()
        self.path.write_bytes(data[: len(data) - cut] if cut else data)
        return self.path


def gzip_member(data: bytes) -> bytes:
    return gzip.compress(data)


def urls(pages: Any) -> list[str]:
    return [p.url for p in pages]
