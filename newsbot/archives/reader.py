"""Stream the HTML response records of a WARC archive (``.warc`` or ``.warc.gz``).

Records are read one at a time with warcio's ``WARCIterator``; an archive is never
loaded whole. Every record that is not an HTML page fetched with a 2xx status is
skipped and counted in :attr:`WarcReader.stats` under ``skipped/<reason>``:

- the record type, for ``request``, ``revisit``, ``metadata``, ``warcinfo``, ``resource`` …
- ``not_html``: the HTTP payload is not HTML;
- ``http_status``: a redirect or an error response;
- ``too_large``: the payload exceeds ``max_payload`` bytes;
- ``truncated``: the record ends before its ``Content-Length``;
- ``bad_gzip_member``: a gzip member that does not decompress;
- ``unreadable``: a record that does not parse.

A truncated record or bad gzip member never stops the run: the reader resynchronizes
on the next gzip member (or ``WARC/1.x`` line) and goes on.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from newsbot.errors import InputError

logger = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"\nWARC/1."
MAX_PAYLOAD = 16 * 1024 * 1024
_SCAN_BLOCK = 1024 * 1024
_READ_BLOCK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")
# What warcio raises on a record it can't parse or a stream it can't decompress.
_READ_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    zlib.error,
    EOFError,
    ValueError,
    UnicodeDecodeError,
    OSError,
    AttributeError,  # a record without the headers warcio expects (no WARC-Target-URI)
    TypeError,
    IndexError,
    KeyError,
)


@dataclass(frozen=True)
class WarcPage:
    """One HTML page from a ``response`` record."""

    url: str
    """The record's ``WARC-Target-URI``."""
    status: int
    """The HTTP status code."""
    headers: list[tuple[str, str]]
    """The HTTP response headers, as recorded."""
    body: bytes
    """The payload, with chunked and gzip/deflate/br Content-Encoding decoded."""
    encoding: str | None
    """The charset from the HTTP ``Content-Type``, if it gives one."""
    warc_date: str | None
    """The record's ``WARC-Date`` (ISO 8601, UTC): when the page was fetched."""
    record_id: str | None
    """The record's ``WARC-Record-ID``."""
    offset: int
    """The record's offset in the (compressed) file."""
    metadata: dict[str, str] = field(default_factory=dict)
    """The fields of a ``metadata`` record written just before, about this response."""

    @property
    def fetched_at(self) -> str | None:
        """``warc_date`` as newsbot's ``fetchedAt`` (ISO 8601 UTC, whole seconds), if valid."""
        if not self.warc_date:
            return None
        try:
            when = datetime.fromisoformat(self.warc_date.replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcReader:
    """Iterate over the HTML pages of one archive, counting what it skips."""

    def __init__(self, path: str | Path, *, max_payload: int = MAX_PAYLOAD) -> None:
        self.path = Path(path)
        self.max_payload = max_payload
        self.stats: Counter[str] = Counter()
        self._damaged = False  # in a damaged stretch: count it once, not per resync attempt
        self._metadata: tuple[str, dict[str, str]] | None = None  # (response id, fields)

    def __iter__(self) -> Iterator[WarcPage]:
        try:
            fh = self.path.open("rb")
        except OSError as exc:
            raise InputError(f"{self.path}: {exc.strerror or exc}") from exc
        with fh:
            gzipped = fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC
            offset: int | None = 0
            while offset is not None:
                offset = yield from self._read_from(fh, offset, gzipped)

    def _read_from(
        self, fh: IO[bytes], offset: int, gzipped: bool
    ) -> Generator[WarcPage, None, int | None]:
        """Read records from ``offset``; return where to resume after a bad one, or None."""
        fh.seek(offset)
        records = WARCIterator(fh)  # WARC only: ARC guessing would take HTML for ARC
        start = offset
        try:
            for record in records:
                start = records.offset
                self.stats["records"] += 1
                self._damaged = False
                page, reason = self._take(record, start)
                if page is not None:
                    self.stats["pages"] += 1
                    yield self._with_metadata(page)
                    continue
                self._skip(reason, record, start)
                if reason == "truncated":
                    return _resync(fh, start, gzipped)
        except _READ_ERRORS as exc:
            start = max(start, records.offset)
            if start == 0 and self.stats["records"] == 0:
                raise InputError(f"{self.path}: not a WARC archive ({_one_line(exc)})") from exc
            if not self._damaged:
                reason = _gzip_member_state(fh, start) if gzipped else "unreadable"
                self.stats[f"skipped/{reason}"] += 1
                logger.warning(
                    "%s: skipped %s at offset %d: %s", self.path, reason, start, _one_line(exc)
                )
            self._damaged = True
            return _resync(fh, start, gzipped)
        return None

    def _take(self, record: Any, offset: int) -> tuple[WarcPage | None, str]:
        """The page a record holds, or None and the reason it is skipped.

        The record's remaining bytes are always read here, so that a record cut short
        is noticed (its ``LimitReader`` still expects bytes) whatever its type.
        """
        rec_type = record.rec_type or "unknown"
        page: WarcPage | None = None
        reason = rec_type
        if rec_type == "response" and record.http_headers is not None:
            page, reason = self._page(record, offset)
        elif rec_type == "metadata":
            self._keep_metadata(record)
        _drain(record.raw_stream)
        if getattr(record.raw_stream, "limit", 0) > 0:
            return None, "truncated"
        return page, reason

    def _page(self, record: Any, offset: int) -> tuple[WarcPage | None, str]:
        http = record.http_headers
        url = record.rec_headers.get_header("WARC-Target-URI")
        if not url:
            return None, "no_target_uri"
        try:
            status = int(http.get_statuscode())
        except (TypeError, ValueError):
            return None, "http_status"
        if not 200 <= status < 300:
            return None, "http_status"
        content_type = http.get_header("Content-Type") or ""
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type and media_type not in _HTML_TYPES:
            return None, "not_html"
        stream = record.content_stream()
        body = stream.read(self.max_payload + 1)
        if not media_type and not _looks_like_html(body):
            return None, "not_html"
        if len(body) > self.max_payload:
            return None, "too_large"
        _drain(stream)
        match = _CHARSET.search(content_type)
        page = WarcPage(
            url=url,
            status=status,
            headers=list(http.headers),
            body=body,
            encoding=match.group(1).lower() if match else None,
            warc_date=record.rec_headers.get_header("WARC-Date"),
            record_id=record.rec_headers.get_header("WARC-Record-ID"),
            offset=offset,
        )
        return page, ""

    def _keep_metadata(self, record: Any) -> None:
        about = record.rec_headers.get_header("WARC-Concurrent-To")
        if not about or "warc-fields" not in (record.content_type or ""):
            return
        text = record.raw_stream.read(_READ_BLOCK).decode("utf-8", "replace")
        fields = {}
        for line in text.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip():
                fields[name.strip()] = value.strip()
        self._metadata = (about, fields)

    def _with_metadata(self, page: WarcPage) -> WarcPage:
        if self._metadata is None or self._metadata[0] != page.record_id:
            return page
        fields, self._metadata = self._metadata[1], None
        return replace(page, metadata=fields)

    def _skip(self, reason: str, record: Any, offset: int) -> None:
        self.stats[f"skipped/{reason}"] += 1
        url = record.rec_headers.get_header("WARC-Target-URI")
        if reason == "truncated":
            logger.warning("%s: skipped truncated record at offset %d (%s)", self.path, offset, url)
        else:
            logger.debug("%s: skipped %s record at offset %d (%s)", self.path, reason, offset, url)


def iter_warc_pages(path: str | Path) -> Iterator[tuple[str, bytes, str | None]]:
    """``(url, body, encoding)`` for every HTML response record of an archive, in order."""
    for page in WarcReader(path):
        yield page.url, page.body, page.encoding


def is_warc_path(path: str | Path) -> bool:
    """Whether a file name says it is a WARC archive (``.warc``, ``.warc.gz``)."""
    name = str(path).lower()
    return name.endswith((".warc", ".warc.gz"))


def _drain(stream: Any) -> None:
    while stream.read(_READ_BLOCK):
        pass


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_SNIFF) or b"<html" in head


def _resync(fh: IO[bytes], after: int, gzipped: bool) -> int | None:
    """The offset of the next record start after ``after``, scanning in blocks."""
    marker, skip = (GZIP_MAGIC, 0) if gzipped else (WARC_LINE, 1)
    position = after + 1
    fh.seek(position)
    tail = b""
    while True:
        block = fh.read(_SCAN_BLOCK)
        if not block:
            return None
        data = tail + block
        found = data.find(marker)
        if found >= 0:
            return position - len(tail) + found + skip
        tail = data[-(len(marker) - 1) :]
        position += len(block)


def _gzip_member_state(fh: IO[bytes], offset: int) -> str:
    """Why the gzip member at ``offset`` gave no record: cut short, corrupt, or unparseable."""
    fh.seek(offset)
    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        while not member.eof:
            block = fh.read(_READ_BLOCK)
            if not block:
                return "truncated"
            member.decompress(block)
    except zlib.error:
        return "bad_gzip_member"
    return "unreadable"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120] or type(exc).__name__
    return text.encode("ascii", "backslashreplace").decode("ascii")
