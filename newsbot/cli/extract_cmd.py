"""``newsbot extract INPUT... [--url URL] [-o FILE]``: one-off extraction to JSON Lines.

Each input (an ``.html`` or ``.html.gz`` file, or an http(s) URL) gives one line, in
input order: the item plus ``"input"``, or ``{"input": ..., "error": ...}``. A ``.warc``
or ``.warc.gz`` input gives one line per HTML response record, in record order. The exit
status is 1 when any input failed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import urllib.error
import urllib.request
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from newsbot import __version__
from newsbot.archives import WarcReader, is_warc_path
from newsbot.errors import ExtractionError, InputError, UsageError

_TIMEOUT = 30
_LOCAL = "http://localhost/"
_MAX_BYTES = 20_000_000


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract articles from .html/.html.gz files or URLs, as JSON Lines"
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="an .html, .html.gz, .warc or .warc.gz file, or an http(s) URL",
    )
    parser.add_argument(
        "--url", default=None, help="the page's URL, for files (resolves relative links)"
    )
    parser.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        help="write the JSON lines here instead of stdout",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsbot.extraction import extract_article

    if args.url is not None and not _is_url(args.url):
        raise UsageError(f"--url must be an http(s) URL: {args.url}")
    out, close = _open_output(args.output)
    failed = False
    try:
        for raw_input in args.inputs:
            if is_warc_path(raw_input) and not _is_url(raw_input):
                failed = _extract_warc(raw_input, out) or failed
                continue
            line: dict[str, Any]
            try:
                html, url, encoding = _read_input(raw_input, args.url)
                fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                source = urlsplit(url).hostname if _is_url(raw_input) else None
                if url.startswith(_LOCAL):
                    # A saved page without --url: its canonical URL is the best guess.
                    url = _declared_url(html, encoding) or url
                article = extract_article(
                    html, url, source=source or "extract", fetched_at=fetched_at, encoding=encoding
                )
                line = {**article.to_dict(), "input": raw_input}
            except (InputError, ExtractionError) as exc:
                failed = True
                line = {"input": raw_input, "error": str(exc) or type(exc).__name__}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if close:
            out.close()
    return 1 if failed else 0


def _declared_url(html: bytes, encoding: str | None) -> str | None:
    """The absolute URL a saved page declares for itself: canonical link, og:url or JSON-LD."""
    from newsbot.extraction.document import decode_html, parse_html
    from newsbot.extraction.jsonld import read_jsonld
    from newsbot.extraction.metatags import read_meta

    tree = parse_html(decode_html(html, encoding))
    if tree is None:
        return None
    meta = read_meta(tree)
    for candidate in (meta.canonical, meta.first("og:url"), read_jsonld(tree).url):
        if candidate and _is_url(candidate):
            return candidate
    return None


def _extract_warc(path: str, out: TextIO) -> bool:
    """One line per HTML response record of an archive, in order; True if any failed."""
    from newsbot.extraction import extract_article

    failed = False
    try:
        for page in WarcReader(path):
            line: dict[str, Any]
            try:
                article = extract_article(
                    page.body,
                    page.url,
                    encoding=page.encoding,
                    source=urlsplit(page.url).hostname or "extract",
                    fetched_at=page.fetched_at or _now(),
                )
                line = {**article.to_dict(), "input": path}
            except ExtractionError as exc:
                failed = True
                line = {"input": path, "error": f"{page.url}: {exc or type(exc).__name__}"}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
    except InputError as exc:
        out.write(json.dumps({"input": path, "error": str(exc)}, ensure_ascii=False) + "\n")
        return True
    return failed


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _open_output(path: str | None) -> tuple[TextIO, bool]:
    if path is None or path == "-":
        return sys.stdout, False
    try:
        return open(path, "w", encoding="utf-8"), True
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme in {"http", "https"} and bool(urlsplit(text).netloc)


def _read_input(raw: str, url: str | None) -> tuple[bytes, str, str | None]:
    """The page's bytes, its URL and the encoding its server declared, if any."""
    if _is_url(raw):
        return _fetch(raw)
    path = Path(raw)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {raw}: {exc.strerror or exc}") from None
    if raw.endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"cannot read {raw}: not valid gzip ({exc})") from None
    return data, url or _LOCAL + path.resolve().as_posix().lstrip("/"), None


def _fetch(url: str) -> tuple[bytes, str, str | None]:
    request = urllib.request.Request(url, headers={"User-Agent": f"newsbot/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            data = response.read(_MAX_BYTES)
            charset = response.headers.get_content_charset()
            return data, response.geturl(), charset
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(f"cannot fetch {url}: {reason}") from None
