"""Write fetched HTTP exchanges to WARC/1.1 archives, one complete file at a time.

Each file opens with a ``warcinfo`` record; each exchange becomes a ``response`` record
and its ``request`` record (linked by ``WARC-Concurrent-To``), with the block and
payload digests warcio computes. An exchange's ``metadata`` (what the crawler knew about
the URL) goes in a ``metadata`` record written just before its response, so that a
reader has it in hand when the response arrives. A file is written as ``NAME.open`` and renamed to
``NAME`` when it is closed or rotated, so an interrupted crawl leaves only complete
archives under their final names.

Rotation: once a file reaches ``max_size`` bytes the next exchange starts a new file.
``out.warc.gz`` is followed by ``out-00001.warc.gz``, ``out-00002.warc.gz`` …, unless the
path holds a ``{serial}`` field (``crawl-{serial:05d}.warc.gz``), which numbers every file.
A name already taken (by an earlier run) is skipped: archives are never overwritten.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

OPEN_SUFFIX = ".open"
# The transport encoding is undone before a body reaches us: keep the header under
# another name so that readers don't try to de-chunk a plain body.
_TRANSPORT_HEADERS = {"transfer-encoding"}


@dataclass
class Exchange:
    """One HTTP request and the response it got."""

    url: str
    status: int
    body: bytes
    """The response body as received: still Content-Encoded, but not chunked."""
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    fetched_at: datetime | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    """``application/warc-fields`` for a ``metadata`` record about the response."""


class WarcWriter:
    """Append exchanges to a rotating series of WARC/1.1 files."""

    def __init__(
        self,
        path: str | Path,
        *,
        gzip: bool | None = None,
        max_size: int | None = None,
        info: dict[str, str] | None = None,
    ) -> None:
        self.path = Path(path)
        self.gzip = self.path.name.endswith(".gz") if gzip is None else gzip
        self.max_size = max_size
        self.info = info or {}
        self.written: list[Path] = []
        """The complete files, in the order they were closed."""
        self._serial = 0
        self._file: IO[bytes] | None = None
        self._warc: WARCWriter | None = None
        self._name: Path | None = None

    def write(self, exchange: Exchange) -> None:
        """Write one exchange as a response record and its request record."""
        warc = self._open()
        date = datetime_to_iso_date(
            (exchange.fetched_at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None),
            use_micros=True,
        )
        response = self._response_record(warc, exchange, date)
        request = self._request_record(warc, exchange, date)
        if exchange.metadata:
            response_id = response.rec_headers.get_header("WARC-Record-ID")
            warc.write_record(_metadata_record(warc, exchange, date, response_id))
        warc.write_request_response_pair(request, response)
        assert self._file is not None
        if self.max_size is not None and self._file.tell() >= self.max_size:
            self._finish()

    def close(self) -> list[Path]:
        """Finish the current file; return every complete file written."""
        self._finish()
        return self.written

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _open(self) -> WARCWriter:
        if self._warc is not None:
            return self._warc
        name = self._next_name()
        name.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(f"{name}{OPEN_SUFFIX}", "wb")  # noqa: SIM115 (closed in _finish)
        self._name = name
        self._warc = WARCWriter(self._file, gzip=self.gzip, warc_version="1.1")
        info = {"software": "newsbot", "format": "WARC File Format 1.1"}
        info |= {"hostname": socket.gethostname(), **self.info}
        self._warc.write_record(self._warc.create_warcinfo_record(name.name, info))
        return self._warc

    def _finish(self) -> None:
        if self._file is None or self._name is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(f"{self._name}{OPEN_SUFFIX}", self._name)
        self.written.append(self._name)
        self._file = self._warc = self._name = None
        self._serial += 1

    def _next_name(self) -> Path:
        """The next file name not taken: an archive is never overwritten (cron, --job resume)."""
        while True:
            name = self._name_for(self._serial)
            if not name.exists() and not Path(f"{name}{OPEN_SUFFIX}").exists():
                return name
            self._serial += 1

    def _name_for(self, serial: int) -> Path:
        text = str(self.path)
        if "{serial" in text:
            return Path(text.format(serial=serial))
        if serial == 0:
            return self.path
        stem, dot, ext = self.path.name.partition(".warc")
        return self.path.with_name(f"{stem}-{serial:05d}{dot}{ext}")

    @staticmethod
    def _response_record(warc: WARCWriter, exchange: Exchange, date: str) -> Any:
        headers: list[tuple[str, str]] = []
        for name, value in exchange.response_headers:
            if name.lower() in _TRANSPORT_HEADERS:
                headers.append((f"X-Archive-Orig-{name}", value))
            elif name.lower() != "content-length":
                headers.append((name, value))
        headers.append(("Content-Length", str(len(exchange.body))))
        http = StatusAndHeaders(
            f"{exchange.status} {_reason(exchange.status)}", headers, protocol=exchange.protocol
        )
        warc_headers = {"WARC-Date": date}
        if exchange.ip_address:
            warc_headers["WARC-IP-Address"] = exchange.ip_address
        return warc.create_warc_record(
            exchange.url,
            "response",
            payload=BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )

    @staticmethod
    def _request_record(warc: WARCWriter, exchange: Exchange, date: str) -> Any:
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = list(exchange.request_headers)
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        http = StatusAndHeaders(
            f"{target} {exchange.protocol}", headers, protocol=exchange.method.upper()
        )
        return warc.create_warc_record(
            exchange.url,
            "request",
            payload=BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )


def _metadata_record(warc: WARCWriter, exchange: Exchange, date: str, response_id: str) -> Any:
    fields = "".join(
        f"{name}: {' '.join(value.split())}\r\n" for name, value in exchange.metadata.items()
    )
    body = fields.encode("utf-8")
    return warc.create_warc_record(
        exchange.url,
        "metadata",
        payload=BytesIO(body),
        length=len(body),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id},
    )


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
