"""RSS 2.0 (and RSS 1.0/RDF) and Atom feeds, parsed into plain entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from newsbot.spiders.dates import parse_rfc822_datetime, parse_w3c_datetime
from newsbot.spiders.sitemaps import child_text, declares_entities, localname, parse_xml
from newsbot.spiders.urls import join_url

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


class NotAFeedError(ValueError):
    """The document is neither RSS nor Atom."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    """Publication date, timezone-aware; for Atom ``published``, else ``updated``."""
    published_raw: str | None = None


def parse_feed(body: bytes, base_url: str | None = None) -> list[FeedEntry]:
    """Parse an RSS or Atom feed. Raises :class:`NotAFeedError` for anything else."""
    root = parse_xml(body)
    kind = localname(root) if root is not None else ""
    if root is None:
        raise NotAFeedError("not a feed (nothing parses)")
    if declares_entities(root):
        raise NotAFeedError("refused: the document declares XML entities")
    if kind == "feed":
        xml_base = root.get(_XML_BASE)
        base = (join_url(base_url, xml_base) or base_url) if xml_base else base_url
        return _atom_entries(root, base)
    if kind in ("rss", "RDF"):
        items = root.iter()
        return [e for e in (_rss_entry(i, base_url) for i in items if localname(i) == "item") if e]
    raise NotAFeedError(f"not a feed (root element {kind!r})")


def _rss_entry(item: etree._Element, base_url: str | None) -> FeedEntry | None:
    link = child_text(item, "link")
    if not link:
        guid = next((c for c in item if localname(c) == "guid"), None)
        permalink = guid is not None and guid.get("isPermaLink", "true").lower() == "true"
        link = child_text(item, "guid") if permalink else None
    if not link:
        link = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    url = join_url(base_url, link) if link else None
    if url is None:
        return None
    raw = child_text(item, "pubDate") or child_text(item, "date") or child_text(item, "published")
    return FeedEntry(
        url=url,
        title=child_text(item, "title"),
        published=parse_rfc822_datetime(raw),
        published_raw=raw,
    )


def _atom_entries(root: etree._Element, base_url: str | None) -> list[FeedEntry]:
    entries = []
    for entry in root:
        if localname(entry) != "entry":
            continue
        base = join_url(base_url, entry.get(_XML_BASE, "")) or base_url
        href = _atom_link(entry)
        url = join_url(base, href) if href else None
        if url is None:
            continue
        raw = child_text(entry, "published") or child_text(entry, "updated")
        entries.append(
            FeedEntry(
                url=url,
                title=child_text(entry, "title"),
                published=parse_w3c_datetime(raw),
                published_raw=raw,
            )
        )
    return entries


def _atom_link(entry: etree._Element) -> str | None:
    links = [c for c in entry if localname(c) == "link" and c.get("href")]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html") in (
            "text/html",
            "application/xhtml+xml",
        ):
            return link.get("href")
    alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
    return alternates[0].get("href") if alternates else None
