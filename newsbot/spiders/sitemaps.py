"""Sitemaps, sitemap indexes and Google News sitemaps, parsed into plain entries.

Scrapy's own sitemap parser drops the ``news:`` children, so this one keeps
``news:publication_date`` and ``news:title``. The XML parser resolves no entities, loads no
DTD, touches no network and refuses huge trees: bombs and external entities are harmless.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from lxml import etree

from newsbot.spiders.dates import parse_w3c_datetime
from newsbot.spiders.urls import join_url


class NotASitemapError(ValueError):
    """The document is not a sitemap (``urlset``) or sitemap index (``sitemapindex``)."""


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of a sitemap, or one ``<sitemap>`` of a sitemap index."""

    url: str
    lastmod: datetime | None = None
    lastmod_raw: str | None = None
    news_title: str | None = None
    """``news:news/news:title`` (Google News sitemaps)."""
    news_publication_date: datetime | None = None
    """``news:news/news:publication_date``, timezone-aware (naive values are taken as UTC)."""
    news_publication_date_raw: str | None = None

    @property
    def newest_possible(self) -> datetime | None:
        """A date the article can't be newer than: publication, else last modification."""
        return self.news_publication_date or self.lastmod


@dataclass(frozen=True)
class Sitemap:
    kind: Literal["urlset", "sitemapindex"]
    entries: tuple[SitemapEntry, ...]


def xml_parser() -> etree.XMLParser:
    """An lxml parser safe for untrusted XML."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(body: bytes) -> etree._Element | None:
    """The root element of ``body``, or ``None`` when nothing parses."""
    try:
        root = etree.fromstring(body.lstrip(), parser=xml_parser())
    except etree.XMLSyntaxError:
        return None
    return root


def declares_entities(root: etree._Element) -> bool:
    """The document declares XML entities: never needed by a sitemap or feed, and the mark of
    an entity bomb or an external entity (XXE). Such documents are refused whole."""
    dtd = root.getroottree().docinfo.internalDTD
    return dtd is not None and next(iter(dtd.iterentities()), None) is not None


def localname(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, entities, processing instructions
        return ""
    return tag.rpartition("}")[2]


def child_text(element: etree._Element, *path: str) -> str | None:
    """The stripped text of the first descendant along ``path`` (local names), if non-empty."""
    current: etree._Element | None = element
    for name in path:
        if current is None:
            return None
        current = next((c for c in current if localname(c) == name), None)
    if current is None:
        return None
    text = "".join(current.itertext()).strip()
    return text or None


def parse_sitemap(body: bytes, base_url: str | None = None) -> Sitemap:
    """Parse a sitemap or sitemap index. Raises :class:`NotASitemapError` for anything else."""
    root = parse_xml(body)
    kind = localname(root) if root is not None else ""
    if root is None or kind not in ("urlset", "sitemapindex"):
        raise NotASitemapError(f"not a sitemap (root element {kind or 'missing'!r})")
    if declares_entities(root):
        raise NotASitemapError("refused: the document declares XML entities")
    item_name = "url" if kind == "urlset" else "sitemap"
    entries = []
    for element in root:
        if localname(element) != item_name:
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        url = join_url(base_url, loc)
        if url is None:
            continue
        lastmod_raw = child_text(element, "lastmod")
        news_date_raw = child_text(element, "news", "publication_date")
        entries.append(
            SitemapEntry(
                url=url,
                lastmod=parse_w3c_datetime(lastmod_raw),
                lastmod_raw=lastmod_raw,
                news_title=child_text(element, "news", "title"),
                news_publication_date=parse_w3c_datetime(news_date_raw),
                news_publication_date_raw=news_date_raw,
            )
        )
    return Sitemap(kind=kind, entries=tuple(entries))  # type: ignore[arg-type]
