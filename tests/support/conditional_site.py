"""A local news site served from a directory, with validators and a request log.

For incremental, resume and Scrapyd tests. Run it in a subprocess
(``python tests/support/conditional_site.py ROOT --log LOG [--delay SECONDS]``): it serves
the files under ROOT on 127.0.0.1 and a free port, which it prints on stdout. Files are
read per request, so a test can add an article between two crawls. Every response
carries an ``ETag`` (a hash of the content) and ``Last-Modified`` (the file's mtime) and no
``Cache-Control``; a matching ``If-None-Match`` or ``If-Modified-Since`` gets a ``304``.
``--delay`` slows down article pages (``/news/...``) only. Each request appends one JSON
line to LOG: method, path, status and the conditional headers it sent.

Tests use :class:`ConditionalSite`; :func:`article_html`, :func:`write_site` build a site.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
_TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".txt": "text/plain"}


class _Handler(BaseHTTPRequestHandler):
    root: Path
    log_path: Path
    delay: float
    lock = threading.Lock()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.root not in target.parents or not target.is_file():
            self._respond(404, b"not found", {})
            return
        if self.delay and path.startswith("/news/"):
            time.sleep(self.delay)  # the slow site: resume tests kill the crawl meanwhile
        body = target.read_bytes()
        mtime = int(target.stat().st_mtime)
        headers = {
            "ETag": '"' + hashlib.sha1(body).hexdigest()[:16] + '"',
            "Last-Modified": formatdate(mtime, usegmt=True),
            "Content-Type": _TYPES.get(target.suffix, "application/octet-stream"),
        }
        if self._not_modified(headers["ETag"], mtime):
            self._respond(304, b"", headers)
        else:
            self._respond(200, body, headers)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # RFC 9110: it takes precedence over If-Modified-Since
            return etag in [t.strip() for t in if_none_match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return mtime <= int(parsedate_to_datetime(since).timestamp())
        except (TypeError, ValueError):
            return False

    def _respond(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        entry = {
            "method": self.command,
            "path": self.path,
            "status": status,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
        }
        with self.lock, self.log_path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the JSON log is the record


def serve(root: Path, log: Path, delay: float) -> None:
    handler = type(
        "Handler", (_Handler,), {"root": root.resolve(), "log_path": log, "delay": delay}
    )
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


class ConditionalSite:
    """The server in a subprocess: ``url``, ``requests()`` from its log, ``stop()``."""

    def __init__(self, root: Path, log: Path, delay: float = 0.0) -> None:
        self.root = root
        self.log = log
        log.touch()
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(root), "--log", str(log), "--delay", str(delay)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        self.url = f"http://{HOST}:{self.port}"

    def requests(self) -> list[dict[str, Any]]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    def clear_log(self) -> None:
        self.log.write_text("")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextlib.contextmanager
def running_site(root: Path, log: Path, delay: float = 0.0) -> Iterator[ConditionalSite]:
    site = ConditionalSite(root, log, delay)
    try:
        yield site
    finally:
        site.stop()


# --- building a site ---------------------------------------------------------------

_WORDS = [
    "minister",
    "council",
    "harbour",
    "budget",
    "railway",
    "election",
    "court",
    "farmers",
    "river",
    "bridge",
    "energy",
    "hospital",
    "teachers",
    "airport",
    "tariff",
    "drought",
    "vaccine",
    "museum",
    "festival",
    "strike",
    "port",
    "factory",
    "police",
    "coalition",
    "senate",
    "mayor",
    "villagers",
    "shipment",
    "reactor",
    "pipeline",
    "satellite",
    "wildfire",
    "orchestra",
    "league",
    "refinery",
    "vineyard",
    "glacier",
    "embassy",
    "tribunal",
    "census",
    "monsoon",
    "ferry",
]
_VERBS = [
    "approved",
    "rejected",
    "delayed",
    "announced",
    "criticised",
    "funded",
    "reviewed",
    "expanded",
]


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(3):
        words = rng.sample(_WORDS, 6)
        sentences.append(
            f"The {words[0]} {rng.choice(_VERBS)} plans for the {words[1]} and the {words[2]} "
            f"on Thursday, while the {words[3]} said the {words[4]} near the {words[5]} "
            "would need more time."
        )
    return " ".join(sentences)


def article_path(n: int) -> str:
    return f"/news/2026/11/26/story-{n:03d}.html"


def article_html(n: int) -> str:
    """An article page extraction accepts: headline, date, four paragraphs of its own."""
    rng = random.Random(n)  # the same page for the same n, a different story for each n
    body = "\n".join(f"<p>{_paragraph(rng)}</p>" for _ in range(4))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Story {n} of the day - Local News</title>"
        "<meta property='article:published_time' content='2026-11-26T08:00:00+00:00'>"
        f"</head><body><article><h1>Story {n} of the day: ministers back rule change</h1>"
        f"<p class='byline'>By Jane Roe</p>{body}</article></body></html>"
    )


def sitemap_xml(base: str, numbers: Iterable[int]) -> str:
    urls = "".join(f"<url><loc>{base}{article_path(n)}</loc></url>" for n in numbers)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def write_site(root: Path, base: str, numbers: Iterable[int]) -> None:
    """Article pages ``numbers`` and a sitemap listing them, under ``root``."""
    numbers = list(numbers)
    for n in numbers:
        page = root / article_path(n).lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(article_html(n), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    (root / "sitemap.xml").write_text(sitemap_xml(base, numbers), encoding="utf-8")


def write_source(directory: Path, name: str, base: str) -> Path:
    """A source TOML file for the site at ``base``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.toml"
    path.write_text(
        f'site_name = "Local News"\ndomains = ["127.0.0.1"]\nallow_loopback = true\n\n'
        f'[discovery]\nsitemaps = ["{base}/sitemap.xml"]\n',
        encoding="utf-8",
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    serve(args.root, args.log, args.delay)


if __name__ == "__main__":
    main()
