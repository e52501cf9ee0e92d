"""The demo site's discovery files: robots.txt, sitemaps, the RSS feed, section and index pages."""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

from collections.abc import Iterable

from newsbot.demo.sitegen.markup import e, image_url, url
from newsbot.demo.sitegen.model import Page

ROBOTS_DISALLOWED = "/ledger/preview/"
RSS_TRACKING = "?utm_source=rss&utm_medium=feed"
NEWSROOM = "newsbot demo newsroom"


def robots_txt(sitemaps: Iterable[str]) -> str:
    lines = "".join(f"Sitemap: {url(path)}\n" for path in sitemaps)
    return f"""# The Millbrook Ledger's previews are unpublished drafts.
User-agent: *
Disallow: {ROBOTS_DISALLOWED}
Disallow: /search

{lines}"""


def sitemap_index(paths: Iterable[str]) -> str:
    entries = "".join(
        f"<sitemap><loc>{url(path)}</loc><lastmod>{{{{NOW|iso}}}}</lastmod></sitemap>\n"
        for path in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


def news_sitemap(pages: Iterable[Page], site_name: str) -> str:
    """A Google News sitemap: publication, ``news:publication_date`` and title per URL."""
    entries = []
    for page in pages:
        entries.append(
            f"""<url>
 <loc>{url(page.path)}</loc>
 <news:news>
  <news:publication><news:name>{e(site_name)}</news:name><news:language>{page.lang}</news:language></news:publication>
  <news:publication_date>{page.when("iso")}</news:publication_date>
  <news:title>{e(page.headline)}</news:title>
 </news:news>
 <image:image><image:loc>{image_url(page)}</image:loc><image:caption>{e(page.caption)} {e(page.credit)}</image:caption></image:image>
</url>
"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
        ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
        f"{''.join(entries)}</urlset>\n"
    )


def plain_sitemap(pages: Iterable[Page]) -> str:
    entries = "".join(
        f"<url><loc>{url(p.path)}</loc><lastmod>{p.when('iso', p.modified_or_published)}</lastmod>"
        "<changefreq>hourly</changefreq></url>\n"
        for p in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def rss(pages: Iterable[Page], site_name: str, home: str, tracked: set[str]) -> str:
    """RSS 2.0; links of pages in ``tracked`` carry utm parameters, as many CMS feeds add."""
    items = []
    for page in pages:
        link = url(page.path) + (RSS_TRACKING if page.key in tracked else "")
        creator = f"<dc:creator>{e(page.byline)}</dc:creator>" if page.byline else ""
        categories = "".join(f"<category>{e(t)}</category>" for t in page.tags)
        items.append(
            f"""<item>
 <title>{e(page.headline)}</title>
 <link>{e(link)}</link>
 <guid isPermaLink="false">{page.key}</guid>
 <pubDate>{page.when("rfc822")}</pubDate>
 {creator}{categories}
 <description>{e(page.description)}</description>
</item>
"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{e(site_name)}</title>
<link>{url(home)}</link>
<atom:link href="{url(home + "rss.xml")}" rel="self" type="application/rss+xml"/>
<description>Latest news from {e(site_name)}</description>
<language>en</language>
<lastBuildDate>{{{{NOW|rfc822}}}}</lastBuildDate>
{"".join(items)}</channel>
</rss>
"""


def listing_page(title: str, intro: str, links: Iterable[tuple[str, str]], nav: str = "") -> str:
    """A simple HTML page of links (a section front, the index, an outlet's home)."""
    items = "\n".join(f'<li><a href="{url(path)}">{e(text)}</a></li>' for path, text in links)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{e(title)}</title>
<meta name="description" content="{e(intro)}"></head>
<body>
<header><a href="{url("/")}">{NEWSROOM}</a>
<nav><a href="{url("/")}">All outlets</a> {nav}</nav></header>
<main>
<h1>{e(title)}</h1>
<p>{e(intro)}</p>
<ul class="stories">
{items}
</ul>
</main>
<footer><p>Fictional stories, people and outlets, served locally by <code>newsbot demo</code>.</p></footer>
</body>
</html>
"""
