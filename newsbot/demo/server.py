"""Serve the bundled demo newsroom on 127.0.0.1, with its placeholders filled.

:class:`DemoServer` runs the server in a background thread (``newsbot demo`` uses it);
``python -m newsbot.demo.server`` runs it in the foreground and prints its base URL on
the first line of stdout, so a test can start it in a subprocess and read the port.
"""

from __future__ import annotations

import argparse
import mimetypes
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import IO
from urllib.parse import unquote, urlsplit

from newsbot.demo.placeholders import fill

SITE: Traversable = files("newsbot.demo").joinpath("site")
"""The demo newsroom's files, inside the installed package."""

_TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def _now() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0)


class DemoSite:
    """Maps request paths to the site's files and fills their placeholders.

    ``/a/b/`` serves ``a/b/index.html``; ``/a/b`` serves ``a/b``, else ``a/b.html``.
    The query string is ignored, as a CMS would ignore ``?utm_source=...``.
    """

    def __init__(self, base_url: str, now: datetime | None = None, root: Traversable = SITE):
        self.base_url = base_url.rstrip("/")
        self.now = now or _now()
        self.root = root

    def _find(self, path: str) -> tuple[Traversable, str] | None:
        parts = [p for p in unquote(urlsplit(path).path).split("/") if p]
        if any(p in (".", "..") or "\\" in p for p in parts):
            return None
        if path.split("?", 1)[0].endswith("/"):
            parts.append("index.html")
        candidates = [parts] if not parts else [parts, [*parts[:-1], parts[-1] + ".html"]]
        for candidate in candidates:
            node = self.root.joinpath(*candidate) if candidate else self.root
            if node.is_file():
                return node, Path(candidate[-1]).suffix.lower()
        return None

    def get(self, path: str) -> Response:
        found = self._find(path)
        if found is None:
            body = b"<!doctype html><title>404 Not Found</title><h1>Not Found</h1>"
            return Response(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body)
        node, suffix = found
        if suffix in _TEXT_TYPES:
            text = fill(node.read_text(encoding="utf-8"), self.base_url, self.now)
            return Response(HTTPStatus.OK, _TEXT_TYPES[suffix], text.encode("utf-8"))
        guessed = mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
        return Response(HTTPStatus.OK, guessed, node.read_bytes())


class _Handler(BaseHTTPRequestHandler):
    server: _DemoHTTPServer
    server_version = "newsbot-demo/1"

    def _respond(self, with_body: bool) -> None:
        response = self.server.site.get(self.path)
        # Recorded before answering: once a client has its response, the log shows it.
        self.server.record(self.command, self.path, response.status)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the access log is kept by the server (see record)


class _DemoHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, access_log: IO[str] | None) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.site = DemoSite(f"http://127.0.0.1:{self.server_address[1]}")
        self.requests: list[tuple[str, str, int]] = []
        self._access_log = access_log
        self._lock = threading.Lock()

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, path, status))
            if self._access_log is not None:
                self._access_log.write(f"{method} {path} {status}\n")
                self._access_log.flush()


class DemoServer:
    """The demo site on a free port of 127.0.0.1, served from a background thread.

    >>> with DemoServer() as server:  # doctest: +SKIP
    ...     print(server.base_url)
    http://127.0.0.1:41235
    """

    def __init__(self, port: int = 0, access_log: IO[str] | None = None) -> None:
        self._httpd = _DemoHTTPServer(port, access_log)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return self._httpd.site.base_url

    @property
    def now(self) -> datetime:
        """The moment the site's relative dates are counted from."""
        return self._httpd.site.now

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        """``(method, path, status)`` for every request served so far."""
        with self._httpd._lock:
            return list(self._httpd.requests)

    def start(self) -> DemoServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Serve in the foreground; the first line of stdout is the base URL."""
    parser = argparse.ArgumentParser(prog="python -m newsbot.demo.server")
    parser.add_argument("--port", type=int, default=0, help="0 (the default) picks a free port")
    parser.add_argument("--access-log", type=Path, help="append one line per request here")
    args = parser.parse_args(argv)
    log = args.access_log.open("a", encoding="utf-8") if args.access_log else None
    httpd = _DemoHTTPServer(args.port, log)
    print(httpd.site.base_url, flush=True)
    try:
        httpd.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        if log is not None:
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
