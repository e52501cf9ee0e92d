"""The crawl benchmark's site: corpus pages under distinct URLs, served from memory.

``python -m newsbot.bench.site --corpus DIR --pages N`` listens on a free loopback port,
prints ``READY http://127.0.0.1:PORT`` and serves until killed:

- ``/robots.txt``: allows everything;
- ``/sitemap.xml``: a sitemap index of ``/sitemaps/K.xml``, 1,000 URLs each;
- ``/news/N.html`` for N < ``pages``: aeb corpus page ``N % len(corpus)``, with a sentence
  naming N opening each long paragraph and N in its canonical URL, so no two pages are
  exact copies (the dedup stage annotates them as near-copies, as syndicated wire copy).

A tiny asyncio HTTP/1.1 server with keep-alive: every answer is prepared bytes, so it
costs the crawl's machine a few percent of a core (the benchmark reports how much).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import re
from pathlib import Path

SITEMAP_CHUNK = 1000
_LONG_PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>(?=[^<]{80})", re.I)
_CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]+href=["']([^"']+)"""
    rb"""|<meta[^>]+property=["']og:url["'][^>]+content=["']([^"']+)""",
    re.I,
)


def corpus_html(corpus: Path) -> list[bytes]:
    """The aeb corpus pages, in file-name order."""
    return [
        gzip.decompress(p.read_bytes()) for p in sorted((corpus / "aeb" / "html").glob("*.html.gz"))
    ]


def split_page(html: bytes) -> list[bytes]:
    """The page cut where a copy's own sentence goes: after each long paragraph's tag (the
    first may be a teaser outside the article; the extracted body must differ)."""
    cuts = [m.end() for m in _LONG_PARAGRAPH.finditer(html)]
    return [html[a:b] for a, b in zip([0, *cuts], [*cuts, len(html)], strict=True)]


def canonical_urls(html: bytes) -> list[bytes]:
    """The page's canonical and ``og:url`` URLs: each copy gets its own, or the dedup
    stage would drop every copy as a URL duplicate."""
    found = {m[1] or m[2] for m in _CANONICAL.finditer(html)}
    return sorted((u for u in found if u.startswith(b"http")), key=len, reverse=True)


class BenchSite:
    def __init__(self, pages: list[bytes], count: int) -> None:
        self.parts = [split_page(page) for page in pages]
        self.canonicals = [canonical_urls(page) for page in pages]
        self.count = count

    def page(self, n: int) -> bytes | None:
        if not 0 <= n < self.count:
            return None
        page = (b"Bench copy number %d of this story. " % n).join(self.parts[n % len(self.parts)])
        for url in self.canonicals[n % len(self.parts)]:
            joiner = b"&" if b"?" in url else b"?"
            page = page.replace(url, b"%s%sbench-copy=%d" % (url, joiner, n))
        return page

    def sitemap_index(self, base: str) -> bytes:
        chunks = range((self.count + SITEMAP_CHUNK - 1) // SITEMAP_CHUNK)
        entries = "".join(f"<sitemap><loc>{base}/sitemaps/{k}.xml</loc></sitemap>" for k in chunks)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
            "</sitemapindex>"
        ).encode()

    def sitemap(self, base: str, k: int) -> bytes | None:
        first = k * SITEMAP_CHUNK
        if not 0 <= first < self.count:
            return None
        numbers = range(first, min(self.count, first + SITEMAP_CHUNK))
        urls = "".join(f"<url><loc>{base}/news/{n}.html</loc></url>" for n in numbers)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()

    def answer(self, path: str, base: str) -> tuple[int, str, bytes]:
        body: bytes | None = None
        kind = "text/html; charset=utf-8"
        if path == "/robots.txt":
            body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
        elif path == "/sitemap.xml":
            body, kind = self.sitemap_index(base), "application/xml"
        elif match := re.fullmatch(r"/sitemaps/(\d+)\.xml", path):
            body, kind = self.sitemap(base, int(match[1])), "application/xml"
        elif match := re.fullmatch(r"/news/(\d+)\.html", path):
            body = self.page(int(match[1]))
        if body is None:
            return 404, "text/plain", b"not found"
        return 200, kind, body


async def _serve(site: BenchSite, host: str) -> None:
    base = ""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                parts = head.split(b" ", 2)
                path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
                status, kind, body = site.answer(path, base)
                reason = b"OK" if status == 200 else b"Not Found"
                writer.write(
                    b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
                    % (status, reason, kind.encode(), len(body))
                )
                writer.write(body)
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, 0, backlog=256)
    port = server.sockets[0].getsockname()[1]
    base = f"http://{host}:{port}"
    print(f"READY {base}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.bench.site", description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="the corpus root")
    parser.add_argument("--pages", type=int, required=True, help="article pages to serve")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    pages = corpus_html(args.corpus)
    if not pages:
        parser.exit(2, f"no corpus pages in {args.corpus / 'aeb' / 'html'}\n")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(BenchSite(pages, args.pages), args.host))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
