"""RSS and Atom feeds, and article links on section pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from newsbot.spiders.feeds import NotAFeedError, parse_feed
from newsbot.spiders.sections import article_links

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example</title>
    <item>
      <title>EU leaders agree</title>
      <link>https://example.com/2026/11/26/summit/?utm_source=rss</link>
      <pubDate>Thu, 26 Nov 2026 08:30:00 GMT</pubDate>
    </item>
    <item>
      <title>Only a permalink guid</title>
      <guid isPermaLink="true">https://example.com/2026/11/25/guid/</guid>
      <dc:date>2026-11-25T10:00:00Z</dc:date>
    </item>
    <item>
      <title>A guid that is not a link</title>
      <guid isPermaLink="false">urn:uuid:1234</guid>
    </item>
    <item>
      <title>Relative</title>
      <link>/2026/11/24/relative/</link>
    </item>
  </channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/news/">
  <title>Example</title>
  <entry>
    <title type="html">Chile&#8217;s runoff</title>
    <link rel="self" href="https://example.com/api/entry/1"/>
    <link rel="alternate" type="text/html" href="2026/11/25/election/"/>
    <published>2026-11-25T22:00:00-03:00</published>
    <updated>2026-11-26T01:00:00Z</updated>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="https://other.example.com/a/"/>
    <updated>2026-11-26T08:00:00Z</updated>
  </entry>
  <entry><title>No link</title></entry>
</feed>
"""


def test_rss_items_give_link_title_and_date() -> None:
    entries = parse_feed(RSS, "https://example.com/rss.xml")
    assert [e.url for e in entries] == [
        "https://example.com/2026/11/26/summit/?utm_source=rss",
        "https://example.com/2026/11/25/guid/",
        "https://example.com/2026/11/24/relative/",
    ]
    first, guid, relative = entries
    assert first.title == "EU leaders agree"
    assert first.published == datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert first.published_raw == "Thu, 26 Nov 2026 08:30:00 GMT"
    assert guid.published == datetime(2026, 11, 25, 10, tzinfo=UTC)
    assert relative.published is None


def test_atom_entries_prefer_the_html_alternate_link_and_resolve_xml_base() -> None:
    election, updated = parse_feed(ATOM, "https://example.com/atom.xml")
    assert election.url == "https://example.com/news/2026/11/25/election/"
    assert election.title == "Chile\u2019s runoff"
    assert election.published_raw == "2026-11-25T22:00:00-03:00"
    assert election.published == datetime(2026, 11, 26, 1, tzinfo=UTC)
    assert updated.url == "https://other.example.com/a/"
    assert updated.published == datetime(2026, 11, 26, 8, tzinfo=UTC)


def test_rss_1_0_rdf_items() -> None:
    body = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <item rdf:about="https://example.com/2026/11/26/rdf/"><title>RDF</title></item>
    </rdf:RDF>"""
    assert [e.url for e in parse_feed(body)] == ["https://example.com/2026/11/26/rdf/"]


@pytest.mark.parametrize("body", [b"", b"<html><p>hi</p></html>", b"<urlset/>"])
def test_anything_else_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeedError):
        parse_feed(body)


SECTION = b"""<html><head><base href="https://example.com/world/"></head><body>
<a href="/2026/11/26/summit/">Summit</a>
<a href="2026/11/25/relative/#top">Relative to base</a>
<a href="/2026/11/26/summit/">Summit again</a>
<a href="/about/">About</a>
<a href="mailto:desk@example.com">Mail</a>
<a href="javascript:void(0)">JS</a>
<a>No href</a>
</body></html>"""


def test_section_links_matching_the_pattern_in_page_order_each_once() -> None:
    links = article_links(
        SECTION, "https://example.com/world", [re.compile(r"/\d{4}/\d{2}/\d{2}/")]
    )
    assert links == [
        "https://example.com/2026/11/26/summit/",
        "https://example.com/world/2026/11/25/relative/#top",
    ]


def test_section_links_without_patterns_or_html() -> None:
    assert article_links(SECTION, "https://example.com/", []) == []
    assert article_links(b"", "https://example.com/", [re.compile("x")]) == []
