"""Hypothesis strategies for discovery documents: sitemaps, feeds, section pages, URLs.

Shared by ``tests/test_parsers_fuzz.py`` and ``scripts/fuzz_long.py``. Documents are built
from a small grammar of the real formats (so the fuzzer gets past the root element) with
hostile pieces mixed in: bad URLs, entity declarations, odd encodings, truncation.
"""

from __future__ import annotations

from hypothesis import strategies as st

_SCHEMES = ["http", "https", "HTTP", "ftp", "file", "data", "javascript", "mailto", "", "h\x00ttp"]
_HOSTS = [
    "127.0.0.1", "127.0.0.1:8000", "[::1]", "[::1", "[zz]", "localhost", "10.0.0.1",
    "169.254.169.254", "[fe80::1%eth0]", "example.com", "xn--n3h.com", "a..b", "",
    "127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1:x", "user:pw@127.0.0.1", "%00", "ä.com",
    "0x7f.1", "2130706433", "[::ffff:10.0.0.1]",
]  # fmt: skip
_TAGS = {
    "sitemap": ("urlset", "sitemapindex", "url", "sitemap", "loc", "lastmod", "news:news",
                "news:publication_date", "news:title"),
    "feed": ("rss", "channel", "item", "link", "guid", "pubDate", "title", "feed", "entry",
             "published", "updated", "rdf:RDF", "dc:date"),
}  # fmt: skip
_NAMESPACES = (
    ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
_PROLOGS = [
    "",
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml version="1.0" encoding="utf-16"?>',
    '<?xml version="1.0" encoding="no-such-codec"?>',
    '<?xml version="1.1"?>',
    '<!DOCTYPE x [<!ENTITY e "&#60;loc&#62;">]>',
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
    '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>',
    '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
]
_ENCODINGS = ["utf-8", "utf-16", "latin-1", "windows-1251"]


@st.composite
def hostile_urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(_SCHEMES))
    host = draw(st.sampled_from(_HOSTS) | st.text(max_size=12))
    path = draw(st.text(max_size=30))
    sep = draw(st.sampled_from(["://", ":", ":/", "", "//"]))
    tail = draw(st.sampled_from(["", "?utm_source=x&b=1", "#frag", "?a=%zz", "/../../etc"]))
    return f"{scheme}{sep}{host}/{path}{tail}"


def _text(draw: st.DrawFn) -> str:
    return draw(
        hostile_urls()
        | st.text(max_size=40)
        | st.sampled_from(["&e;", "&x;", "&b;", "&amp;", "&#0;", "&#xD800;", "<![CDATA[x", "]]>"])
        | st.sampled_from(["2026-11-26", "2026-13-45T99:00Z", "Thu, 26 Nov 2026 08:30:00 GMT",
                           "Thu, 99 Foo 99999 99:99:99 +9999", "0000-00-00", "-1"])
    )  # fmt: skip


@st.composite
def _element(draw: st.DrawFn, tags: tuple[str, ...], depth: int) -> str:
    tag = draw(st.sampled_from(tags))
    attrs = draw(st.sampled_from(["", ' href="{u}"', ' rel="alternate"', ' isPermaLink="false"',
                                  ' xml:base="{u}"', ' rdf:about="{u}"']))  # fmt: skip
    attrs = attrs.replace("{u}", draw(hostile_urls()).replace('"', "&quot;"))
    if depth <= 0 or draw(st.booleans()):
        inner = _text(draw)
    else:
        inner = "".join(draw(st.lists(_element(tags, depth - 1), max_size=4)))
    close = draw(st.sampled_from([f"</{tag}>"] * 6 + ["", f"</{tag}x>"]))
    return f"<{tag}{attrs}>{inner}{close}"


@st.composite
def discovery_documents(draw: st.DrawFn, html: bool = False) -> bytes:
    """A sitemap, feed (or, with ``html``, a section page) with hostile pieces in it."""
    if html:
        links = draw(st.lists(hostile_urls(), max_size=8))
        anchors = "".join(f'<a href="{u}">{u}</a>' for u in links)
        base = draw(st.sampled_from(["", f'<base href="{draw(hostile_urls())}">']))
        doc = f"<html><head>{base}</head><body>{anchors}</body></html>"
    else:
        kind = draw(st.sampled_from(sorted(_TAGS)))
        tags = _TAGS[kind]
        root = draw(st.sampled_from(tags[:2] if kind == "sitemap" else ("rss", "feed", "rdf:RDF")))
        body = "".join(draw(st.lists(_element(tags, 3), max_size=6)))
        doc = f"{draw(st.sampled_from(_PROLOGS))}<{root}{_NAMESPACES}>{body}</{root}>"
    data = doc.encode(draw(st.sampled_from(_ENCODINGS)), errors="replace")
    cut = draw(st.none() | st.integers(min_value=0, max_value=len(data)))
    if cut is not None:
        data = data[:cut]
    if draw(st.booleans()):
        junk = draw(st.binary(max_size=8))
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + junk + data[at:]
    return data
