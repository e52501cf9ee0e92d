"""A static site server for crawl tests, run in a subprocess as Scrapy's test suite does.

``python tests/support/mockserver.py --root DIR --host 127.0.0.1 --log LOG [--var K=V]``
serves DIR on a free port, prints ``READY <base url>`` once it listens, and appends one
JSON line per request (``{"method", "path", "host", "agent"}``) to LOG before answering, so once a
crawl has ended, the log holds every request it made. In text files (``.html``, ``.xml``,
``.txt``) ``{{base}}`` becomes the server's own base URL and ``{{K}}`` each ``--var``.
A directory is served from its ``index.html``; ``PATH.redirect`` holding a URL makes
``PATH`` a 302 to it; ``FILE.xml.gz`` serves ``FILE.xml`` gzipped (as many sites serve
sitemaps); a missing file is a 404.

As a pytest plugin it provides the ``mockserver`` fixture: a factory of started
:class:`MockServer` objects, stopped at the end of the test (or module, see
``module_mockserver``).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest

TEXT_SUFFIXES = {".html", ".xml", ".txt", ".rss", ".atom", ".json"}


class MockServer:
    """A started server subprocess; :meth:`paths` reads which URLs it was asked for."""

    def __init__(self, root: Path, log: Path, host: str = "127.0.0.1", **variables: str) -> None:
        self.root = root
        self.log = log
        self.host = host
        args = [sys.executable, __file__, "--root", str(root), "--host", host, "--log", str(log)]
        for key, value in variables.items():
            args += ["--var", f"{key}={value}"]
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until the server listens or dies
        if not line.startswith("READY "):
            self.proc.kill()
            _, err = self.proc.communicate()
            raise RuntimeError(f"mockserver did not start: {line!r} {err}")
        self.base = line.split()[1]
        """``http://host:port`` (no trailing slash)."""

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self) -> list[dict[str, str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def paths(self, agent: str | None = None) -> list[str]:
        """The paths requested (by ``agent``, if given), in order, with repeats."""
        return [r["path"] for r in self.requests() if agent is None or r["agent"] == agent]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.communicate(timeout=10)


def _start_factory(tmp: Path) -> tuple[Callable[..., MockServer], list[MockServer]]:
    servers: list[MockServer] = []

    def start(root: Path, host: str = "127.0.0.1", **variables: str) -> MockServer:
        log = tmp / f"requests-{len(servers)}-{host}.jsonl"
        server = MockServer(root, log, host, **variables)
        servers.append(server)
        return server

    return start, servers


@pytest.fixture
def mockserver(tmp_path: Path) -> Iterator[Callable[..., MockServer]]:
    """``mockserver(root, host="127.0.0.1", **variables) -> MockServer``, stopped after the test."""
    start, servers = _start_factory(tmp_path)
    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def module_mockserver(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., MockServer]]:
    """Like ``mockserver``, shared by a module's tests."""
    start, servers = _start_factory(tmp_path_factory.mktemp("mockserver"))
    yield start
    for server in servers:
        server.stop()


# --- the server process --------------------------------------------------------------


def _handler(root: Path, log: Path, variables: dict[str, str]) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {
            **SimpleHTTPRequestHandler.extensions_map,
            ".xml": "application/xml",
            ".rss": "application/rss+xml",
            ".atom": "application/atom+xml",
            "": "application/octet-stream",
        }

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def send_head(self) -> Any:
            with log.open("a") as f:
                entry = {
                    "method": self.command,
                    "path": self.path,
                    "host": self.headers.get("Host", ""),
                    "agent": self.headers.get("User-Agent", ""),
                }
                f.write(json.dumps(entry) + "\n")
            path = Path(self.translate_path(self.path))
            plain = path.with_suffix("")
            if path.suffix == ".gz" and not path.exists() and plain.suffix in TEXT_SUFFIXES:
                return self._send_gzipped(plain)
            redirect = path.with_name(path.name + ".redirect")
            if path.name and redirect.is_file():
                return self._send_redirect(redirect)
            if path.is_dir():
                if not urlsplit(self.path).path.endswith("/"):
                    return super().send_head()  # the redirect to the slashed URL
                path = path / "index.html"
            if path.suffix in TEXT_SUFFIXES and path.is_file():
                return self._send_template(path)
            return super().send_head()

        def _render(self, path: Path) -> str:
            text = path.read_text(encoding="utf-8")
            for key, value in variables.items():
                text = text.replace("{{" + key + "}}", value)
            return text

        def _send_redirect(self, path: Path) -> None:
            self.send_response(302)
            self.send_header("Location", self._render(path).strip())
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send_gzipped(self, path: Path) -> Any:
            if not path.is_file():
                return super().send_head()  # the 404
            body = gzip.compress(self._render(path).encode("utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def _send_template(self, path: Path) -> Any:
            body = self._render(path).encode("utf-8")
            self.send_response(200)
            ctype = self.guess_type(str(path))
            if ctype.startswith("text/") or ctype.endswith("xml"):
                ctype += "; charset=utf-8"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--var", action="append", default=[])
    args = parser.parse_args()
    variables = dict(v.split("=", 1) for v in args.var)
    server = ThreadingHTTPServer((args.host, 0), _handler(args.root, args.log, variables))
    base = f"http://{args.host}:{server.server_address[1]}"
    variables["base"] = base
    print(f"READY {base}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
