"""A local news site that misbehaves in every way the open web does, for crawl tests.

Run it in a subprocess (``python tests/support/faultsite.py --log LOG --secret FILE``):
it listens on 127.0.0.1 *and* 127.0.0.2 on one free port, prints the port on stdout,
and appends one JSON line per request to LOG. Good article pages (:data:`GOOD_ARTICLES`)
sit among faults (:data:`FAULTS`) and links to places a crawler must never go
(:func:`forbidden_links`), all reachable from ``/sitemap.xml``, ``/rss.xml`` and
``/section/``. It is a raw asyncio server, not an HTTP framework, because it has to
reset connections, lie about lengths and stall.

Tests use :class:`FaultSite`, which starts and stops the subprocess and reads the log.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
OTHER_HOST = "127.0.0.2"  # "another site": loopback too, so the network guard allows it

# Good articles: path -> a phrase from its body that must come out intact.
GOOD_ARTICLES: dict[str, str] = {
    **{
        f"/news/2026/11/26/story-{n:02d}.html": f"story number {n} of the day" for n in range(1, 11)
    },
    "/news/2026/11/26/flaky-503.html": "the server recovered after a 503",
    "/news/2026/11/26/flaky-reset.html": "the server recovered after a reset",
    "/news/2026/11/26/moscow-1251.html": "Москва приняла решение о новых мерах",
    "/news/2026/11/26/wrong-charset.html": "Zürich café crème brûlée",
    "/news/2026/11/26/latin1-header.html": "Malmö Señora Ærø Ångström",
}

# Plain good articles in bulk, for crawls that race each other (``/bulk/sitemap.xml``).
BULK_ARTICLES: dict[str, str] = {
    f"/bulk/2026/11/26/report-{n:03d}.html": f"bulk report number {n}" for n in range(1, 41)
}

# Answers only when the test calls FaultSite.release(): holds a crawl mid-way, deterministically.
HELD_ARTICLE = "/bulk/2026/11/26/held.html"
RELEASE_NAME = "faultsite-release"

# Faults: path -> what it does. Each is linked from the sitemap and the section page.
FAULTS: dict[str, str] = {
    "/news/2026/11/26/error-500.html": "always 500",
    "/news/2026/11/26/error-503.html": "always 503 with Retry-After: 1",
    "/news/2026/11/26/stall.html": "headers, a little body, then silence past the timeout",
    "/news/2026/11/26/reset.html": "connection reset (RST) without a response",
    "/news/2026/11/26/truncated.html": "Content-Length 20000, 2000 bytes sent, then close",
    "/news/2026/11/26/loop-a.html": "302 to loop-b, which 302s back",
    "/news/2026/11/26/offsite-redirect.html": "302 to 127.0.0.2 (another host)",
    "/news/2026/11/26/huge.html": "20 MB page with Content-Length",
    "/news/2026/11/26/huge-stream.html": "20 MB page without Content-Length",
    "/news/2026/11/26/gzip-bomb.html": "Content-Encoding: gzip, 512 MB of zeros compressed",
    "/news/2026/11/26/binary.html": "random bytes as text/html",
    "/news/2026/11/26/empty.html": "200 with an empty body",
    "/news/2026/11/26/nested.html": "50,000 nested divs",
}

DISCOVERY = {
    "sitemaps": ["/sitemap.xml", "/sitemap-bomb.xml", "/sitemap-xxe.xml"],
    "feeds": ["/rss.xml", "/rss-malformed.xml"],
    "sections": ["/section/"],
}


def forbidden_links(port: int) -> list[str]:
    """Links the site carries that must never be fetched."""
    return [
        "file:///etc/passwd",
        "data:text/html;base64,PGgxPmhpPC9oMT4=",
        "javascript:alert(1)",
        f"ftp://{HOST}:{port}/news/2026/11/26/ftp.html",
        "http://10.0.0.1/news/2026/11/26/private-10.html",
        "http://172.16.5.4/news/2026/11/26/private-172.html",
        "http://192.168.1.1/news/2026/11/26/private-192.html",
        "http://169.254.169.254/latest/meta-data/news/",
        "http://[fe80::1]/news/2026/11/26/link-local-v6.html",
        "https://www.example.com/news/2026/11/26/other-domain.html",
        f"http://{OTHER_HOST}:{port}/news/2026/11/26/other-host.html",
    ]


# --- page bodies ----------------------------------------------------------------------

_VOCABULARY = (
    "minister council budget vote talks summit energy prices inflation trade tariffs "
    "harbour shipping grain farmers drought rainfall election coalition parliament court "
    "ruling appeal sanctions exports imports factory workers strike union wages bank rates "
    "bonds markets investors shares airline airport runway rail tunnel bridge flood storm "
    "coast police inquiry report hospital doctors vaccine schools teachers students museum "
    "festival orchestra league final coach stadium police mayor city region border customs"
)
_WORDS = _VOCABULARY.split()


def _paragraphs(seed: int, count: int = 6) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(3, 5)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 16))]
            sentences.append(" ".join(words).capitalize() + f" on day {rng.randint(2, 28)}.")
        paragraphs.append(" ".join(sentences))
    return paragraphs


def article_html(path: str, phrase: str, *, charset: str = "utf-8", seed: int = 0) -> str:
    """A realistic article page: head metadata, nav, byline, dateline, body, footer."""
    slug = path.rsplit("/", 1)[-1].removesuffix(".html")
    headline = f"{slug.replace('-', ' ').title()}: officials weigh next steps"
    body = _paragraphs(seed or sum(map(ord, path)))
    body[1] = f"{body[1]} Reporters noted that {phrase}, according to officials."
    paras = "\n".join(f"      <p>{p}</p>" for p in body[1:])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{headline} | Fault Gazette</title>
  <meta name="description" content="{body[0][:140]}">
  <meta property="og:site_name" content="Fault Gazette">
  <meta property="article:published_time" content="2026-11-26T08:30:00+00:00">
  <link rel="canonical" href="{path}">
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/section/">World</a></nav></header>
  <main>
    <article>
      <h1>{headline}</h1>
      <p class="byline">By Jane Roe and John Doe</p>
      <time datetime="2026-11-26T08:30:00+00:00">November 26, 2026</time>
      <div class="article-body">
      <p>BRUSSELS, Nov 26 (Reuters) - {body[0]}</p>
{paras}
      <p>(Reporting by Jane Roe; Editing by John Doe)</p>
      </div>
    </article>
  </main>
  <footer><p>© 2026 Fault Gazette. All rights reserved.</p></footer>
</body>
</html>
"""


def cyrillic_article(path: str, phrase: str) -> bytes:
    """windows-1251 declared only in a meta tag (the header names no charset)."""
    paras = [
        f"{phrase} на заседании правительства в понедельник.",
        "Министр экономики заявил журналистам, что бюджет на следующий год будет "
        "пересмотрен с учётом роста цен на энергоносители и продовольствие.",
        "По словам чиновников, новые меры затронут транспорт, жилищное строительство "
        "и поддержку малого бизнеса в регионах страны.",
        "Эксперты отмечают, что решение было принято после долгих консультаций с "
        "представителями профсоюзов и крупных промышленных предприятий.",
        "Окончательный текст документа будет опубликован в конце недели, сообщили "
        "в пресс-службе кабинета министров.",
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    html = f"""<!DOCTYPE html>
<html lang="ru"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Москва: новые меры | Газета</title></head>
<body><article><h1>Москва приняла новые меры</h1>
<p class="byline">Иван Петров</p>
{body}
</article></body></html>
"""
    return html.encode("windows-1251")


def nested_divs_page(depth: int = 50_000) -> bytes:
    text = " ".join(_paragraphs(50_000, 1))
    return (
        b"<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        + b"<div>" * depth
        + f"<p>{text}</p>".encode()
        + b"</div>" * depth
        + b"</body></html>"
    )


def sitemap_xml(urls: list[str]) -> bytes:
    entries = "\n".join(
        f"  <url><loc>{escape_xml(u)}</loc><lastmod>2026-11-26</lastmod></url>" for u in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</urlset>\n"
    ).encode()


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def billion_laughs(base: str) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE urlset [\n  ' + "\n  ".join(entities) + "\n]>\n"
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <url><loc>{base}/news/2026/11/26/bomb-&lol9;.html</loc></url>\n"
        "</urlset>\n"
    ).encode()


def external_entity(base: str, secret: Path) -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE urlset [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <url><loc>{base}/news/2026/11/26/xxe-&xxe;.html</loc></url>\n"
        "</urlset>\n"
    ).encode()


def rss_xml(base: str, links: list[str]) -> bytes:
    items = "\n".join(
        f"<item><title>Item {i}</title><link>{escape_xml(link)}</link>"
        f"<pubDate>Thu, 26 Nov 2026 08:30:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Fault Gazette</title><link>{base}/</link>\n{items}\n</channel></rss>\n"
    ).encode()


def malformed_rss(base: str) -> bytes:
    # Unclosed tags, a bare ampersand, a stray NUL, invalid UTF-8 and a truncated end.
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        b"<title>Broken & unescaped <b>feed</title>\n"
        b"<item><title>One \xff\xfe</title><link>"
        + base.encode()
        + b"/news/2026/11/26/story-03.html</link></item>\n"
        b"<item><title>Two\x00</title><link>javascript:alert(1)</link>\n"
        b"<item><title><![CDATA[Three</title><link>" + base.encode() + b"/news/2026/11/26/"
    )


def section_html(links: list[str]) -> bytes:
    anchors = "\n".join(f'<li><a href="{escape_xml(u)}">{escape_xml(u)}</a></li>' for u in links)
    return (
        "<!DOCTYPE html><html><head><title>World | Fault Gazette</title></head>"
        f"<body><h1>World</h1><ul>\n{anchors}\n</ul></body></html>"
    ).encode()


# --- the server -----------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    local: str


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]
_CHUNK = 64 * 1024
_HUGE = 20 * 1024 * 1024
_BOMB = 512 * 1024 * 1024


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _respond(
    writer: asyncio.StreamWriter,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: dict[str, str] | None = None,
) -> None:
    headers = {"Content-Type": content_type, "Content-Length": str(len(body)), **(extra or {})}
    headers["Connection"] = "close"
    writer.write(_head(status, headers) + body)
    await writer.drain()


def _gzip_bomb() -> bytes:
    """512 MB of zeros, gzipped (about 500 KB); cached in the temp dir between runs."""
    cache = Path(tempfile.gettempdir()) / f"newsbot-faultsite-bomb-{_BOMB}.gz"
    with contextlib.suppress(OSError):
        return cache.read_bytes()
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    parts = [compressor.compress(zeros) for _ in range(_BOMB // len(zeros))]
    data = b"".join([*parts, compressor.flush()])
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, cache)
    return data


class FaultServer:
    def __init__(self, port: int, log: Path, secret: Path) -> None:
        self.port = port
        self.base = f"http://{HOST}:{port}"
        self.log = log.open("a", encoding="utf-8")
        self.secret = secret
        self.release_file = log.with_name(RELEASE_NAME)
        self.hits: dict[str, int] = {}
        self._bomb: bytes | None = None
        self.routes: dict[str, Handler] = self._routes()

    def _all_links(self) -> list[str]:
        pages = [self.base + p for p in (*GOOD_ARTICLES, *FAULTS)]
        return pages + forbidden_links(self.port)

    def _routes(self) -> dict[str, Handler]:
        routes: dict[str, Handler] = {
            "/robots.txt": self._static(b"User-agent: *\nAllow: /\n", "text/plain"),
            "/sitemap.xml": self._static(sitemap_xml(self._all_links()), "application/xml"),
            "/sitemap-bomb.xml": self._static(billion_laughs(self.base), "application/xml"),
            "/sitemap-xxe.xml": self._static(
                external_entity(self.base, self.secret), "application/xml"
            ),
            "/rss.xml": self._static(rss_xml(self.base, self._all_links()), "application/rss+xml"),
            "/rss-malformed.xml": self._static(malformed_rss(self.base), "application/rss+xml"),
            "/section/": self._static(section_html(self._all_links()), "text/html"),
        }
        routes["/bulk/sitemap.xml"] = self._static(
            sitemap_xml([self.base + p for p in BULK_ARTICLES]), "application/xml"
        )
        routes["/bulk/held-sitemap.xml"] = self._static(
            sitemap_xml([self.base + p for p in (*BULK_ARTICLES, HELD_ARTICLE)]), "application/xml"
        )
        routes[HELD_ARTICLE] = self._held(
            self._static(article_html(HELD_ARTICLE, "the held story", seed=999).encode())
        )
        for n, (path, phrase) in enumerate(BULK_ARTICLES.items()):
            routes[path] = self._static(article_html(path, phrase, seed=1000 + n).encode())
        for n, (path, phrase) in enumerate(GOOD_ARTICLES.items()):
            routes[path] = self._static(article_html(path, phrase, seed=n + 1).encode())
        routes["/news/2026/11/26/moscow-1251.html"] = self._static(
            cyrillic_article(
                "/news/2026/11/26/moscow-1251.html",
                GOOD_ARTICLES["/news/2026/11/26/moscow-1251.html"],
            ),
            "text/html",  # no charset: only the meta tag says windows-1251
        )
        wrong = "/news/2026/11/26/wrong-charset.html"
        # The header names a charset that doesn't exist; the body is UTF-8, as its meta says.
        routes[wrong] = self._static(
            article_html(wrong, GOOD_ARTICLES[wrong], seed=99).encode(),
            "text/html; charset=x-no-such-charset",
        )
        latin1 = "/news/2026/11/26/latin1-header.html"
        # The header says ISO-8859-1; the body (and its meta) is UTF-8.
        routes[latin1] = self._static(
            article_html(latin1, GOOD_ARTICLES[latin1], seed=98).encode(),
            "text/html; charset=iso-8859-1",
        )
        routes["/news/2026/11/26/flaky-503.html"] = self._flaky(
            "/news/2026/11/26/flaky-503.html", self._error("503 Service Unavailable")
        )
        routes["/news/2026/11/26/flaky-reset.html"] = self._flaky(
            "/news/2026/11/26/flaky-reset.html", self._reset
        )
        faults: dict[str, Handler] = {
            "error-500": self._error("500 Internal Server Error"),
            "error-503": self._error("503 Service Unavailable", {"Retry-After": "1"}),
            "stall": self._stall,
            "reset": self._reset,
            "truncated": self._truncated,
            "loop-a": self._redirect("/news/2026/11/26/loop-b.html"),
            "loop-b": self._redirect("/news/2026/11/26/loop-a.html"),
            "offsite-redirect": self._redirect(
                f"http://{OTHER_HOST}:{self.port}/news/2026/11/26/redirected-offsite.html"
            ),
            "huge": self._huge(with_length=True),
            "huge-stream": self._huge(with_length=False),
            "gzip-bomb": self._gzip,
            "binary": self._static(random.Random(8).randbytes(64 * 1024)),
            "empty": self._static(b""),
            "nested": self._static(nested_divs_page()),
        }
        for name, handler in faults.items():
            routes[f"/news/2026/11/26/{name}.html"] = handler
        return routes

    # handlers --------------------------------------------------------------------------

    @staticmethod
    def _static(body: bytes, content_type: str = "text/html; charset=utf-8") -> Handler:
        async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
            if request.method == "HEAD":
                await _respond(writer, b"", content_type=content_type)
                return
            await _respond(writer, body, content_type=content_type)

        return handler

    @staticmethod
    def _error(status: str, extra: dict[str, str] | None = None) -> Handler:
        async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
            await _respond(writer, f"<h1>{status}</h1>".encode(), status=status, extra=extra)

        return handler

    @staticmethod
    def _redirect(location: str) -> Handler:
        async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
            await _respond(writer, b"", status="302 Found", extra={"Location": location})

        return handler

    def _flaky(self, path: str, first: Handler) -> Handler:
        good = self.routes_good(path)

        async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
            await (first if self.hits.get(path, 0) == 1 else good)(request, writer)

        return handler

    def routes_good(self, path: str) -> Handler:
        seed = list(GOOD_ARTICLES).index(path) + 1
        return self._static(article_html(path, GOOD_ARTICLES[path], seed=seed).encode())

    def _held(self, then: Handler) -> Handler:
        async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
            while not self.release_file.exists():
                await asyncio.sleep(0.02)
            await then(request, writer)

        return handler

    @staticmethod
    async def _reset(request: Request, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    @staticmethod
    async def _stall(request: Request, writer: asyncio.StreamWriter) -> None:
        head = {"Content-Type": "text/html; charset=utf-8", "Content-Length": "100000"}
        writer.write(_head("200 OK", head) + b"<html><body><p>Slow")
        await writer.drain()
        await asyncio.sleep(3600)  # the client gives up first; the server is killed after

    @staticmethod
    async def _truncated(request: Request, writer: asyncio.StreamWriter) -> None:
        head = {"Content-Type": "text/html; charset=utf-8", "Content-Length": "20000"}
        writer.write(_head("200 OK", head) + b"<html><body><p>" + b"cut " * 500)
        await writer.drain()

    @staticmethod
    def _huge(*, with_length: bool) -> Handler:
        async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
            head = {"Content-Type": "text/html; charset=utf-8", "Connection": "close"}
            if with_length:
                head["Content-Length"] = str(_HUGE)
            writer.write(_head("200 OK", head) + b"<html><body>")
            chunk = b"<p>" + b"all work and no play " * (_CHUNK // 21) + b"</p>"
            sent = 0
            while sent < _HUGE - 12:
                part = chunk[: _HUGE - 12 - sent]
                writer.write(part)
                sent += len(part)
                await writer.drain()

        return handler

    async def _gzip(self, request: Request, writer: asyncio.StreamWriter) -> None:
        if self._bomb is None:
            self._bomb = await asyncio.to_thread(_gzip_bomb)
        await _respond(writer, self._bomb, extra={"Content-Encoding": "gzip"})

    # plumbing --------------------------------------------------------------------------

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await self._read_request(reader, writer)
            if request is None:
                return
            self.hits[request.path] = self.hits.get(request.path, 0) + 1
            self.log.write(json.dumps(request.__dict__) + "\n")
            self.log.flush()
            handler = self.routes.get(request.path.split("?", 1)[0])
            if handler is None:
                await _respond(writer, b"<h1>Not found</h1>", status="404 Not Found")
            else:
                await handler(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    @staticmethod
    async def _read_request(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> Request | None:
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3:
            return None
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        local = writer.get_extra_info("sockname")[0]
        return Request(method=parts[0], path=parts[1], headers=headers, local=local)


def _free_port_on_both_hosts() -> int:
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = int(probe.getsockname()[1])
        with socket.socket() as other:
            try:
                other.bind((OTHER_HOST, port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port on both 127.0.0.1 and 127.0.0.2")


async def _main(log: Path, secret: Path) -> None:
    port = _free_port_on_both_hosts()
    site = FaultServer(port, log, secret)
    servers = [await asyncio.start_server(site.serve, host, port) for host in (HOST, OTHER_HOST)]
    print(port, flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


# --- the test-side handle ---------------------------------------------------------------


class FaultSite:
    """Starts the fault site in a subprocess; ``with FaultSite(tmp_path) as site: ...``."""

    def __init__(self, directory: Path, secret: Path | None = None) -> None:
        self.directory = directory
        self.log_path = directory / "faultsite-requests.jsonl"
        self.secret = secret or directory / "secret.txt"
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> FaultSite:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--log", str(self.log_path), "--secret", str(self.secret)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.strip().isdigit():
            self.__exit__()
            raise RuntimeError(f"fault site did not start: {line!r}")
        self.port = int(line)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            if self.proc.stdout is not None:
                self.proc.stdout.close()

    def release(self) -> None:
        """Let the held article (:data:`HELD_ARTICLE`) answer."""
        (self.directory / RELEASE_NAME).touch()

    def requests(self) -> list[dict[str, Any]]:
        """Every request the site has received, in order."""
        if not self.log_path.exists():
            return []
        with self.log_path.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.endswith("\n")]

    def requested_paths(self, host: str = HOST) -> Iterator[str]:
        return (r["path"] for r in self.requests() if r["local"] == host)

    def wait_for_request(self, path: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while path not in set(self.requested_paths()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} was never requested")
            time.sleep(0.02)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--secret", type=Path, required=True)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(args.log, args.secret))
