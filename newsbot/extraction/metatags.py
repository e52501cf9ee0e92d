"""Meta tags and head links: Open Graph, ``article:*``, ``author``, ``byl``, Dublin Core,
Parse.ly, ``rel=canonical``, ``<html lang>`` and ``<title>``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newsbot.extraction.agencies import canonical_agency
from newsbot.extraction.document import PageIndex, clean_space

_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "twitter:creator:name",
    "cxenseparse:author",
)
# tags that hold one person each, in library order ("Roe, Jane A.")
_ONE_PERSON_KEYS = frozenset({"citation_author", "dc.creator", "dcterms.creator"})
_FAMILY_FIRST = re.compile(
    r"^([A-Z][\w'\u2019\-]+),\s*"
    r"([A-Z][\w'\u2019\-]*\.?(?:\s+[A-Z][\w'\u2019\-]*\.?){0,2})$"
)
# Yoast and others print "Written by" as a Slack/Twitter card label: twitter:label1 + data1
_WRITTEN_BY_LABELS = frozenset(
    {
        "written by",
        "author",
        "authors",
        "by",
        "geschrieben von",
        "verfasst von",
        "escrito por",
        "écrit par",
        "scritto da",
        "geschreven door",
        "autor",
        "auteur",
        "autore",
    }
)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "article.published",
    "og:published_time",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "release_date",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "article.updated",
    "dc.date.modified",
)
_SECTION_KEYS = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "section",
    "cxenseparse:pageclass-section",
    "sailthru.section",
)
_TAG_KEYS = (
    "article:tag",
    "og:article:tag",
    "keywords",
    "news_keywords",
    "parsely-tags",
    "sailthru.tags",
)


@dataclass
class MetaTags:
    """The page's head metadata; every value cleaned, absent ones None or []."""

    values: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    lang: str | None = None
    title: str | None = None

    def first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        return [v for key in keys for v in self.values.get(key, ()) if v]

    @property
    def headline(self) -> str | None:
        return self.first("og:title", "twitter:title", "parsely-title", "dc.title", "title")

    @property
    def site_name(self) -> str | None:
        return self.first("og:site_name", "application-name", "publisher", "dc.publisher")

    @property
    def description(self) -> str | None:
        return self.first("description", "og:description", "twitter:description", "dc.description")

    @property
    def authors(self) -> list[str]:
        """Author names; a scholarly ``citation_author`` / ``dc.creator`` given as "Roe,
        Jane A." (one person a tag, family name first) is turned round: "Jane A. Roe"."""
        found: list[str] = []
        for key in _AUTHOR_KEYS:
            for value in self.values.get(key, ()):
                if value and not value.startswith(("http://", "https://")):
                    inverted = _FAMILY_FIRST.match(value) if key in _ONE_PERSON_KEYS else None
                    if inverted and canonical_agency(inverted[2]):
                        inverted = None  # "Roe, Reuters": a name and its agency
                    found.append(f"{inverted[2]} {inverted[1]}" if inverted else value)
        return found

    @property
    def labelled_authors(self) -> list[str]:
        """``twitter:dataN`` where ``twitter:labelN`` says "Written by" (Yoast): the CMS
        account that posted the page, which a printed byline or co-author credit overrides."""
        found: list[str] = []
        for number in range(1, 5):
            label = self.first(f"twitter:label{number}")
            if label is None:
                break
            data = self.first(f"twitter:data{number}")
            if data and label.casefold().rstrip(" :") in _WRITTEN_BY_LABELS:
                found.append(data)
        return found

    @property
    def published(self) -> str | None:
        return self.first(*_PUBLISHED_KEYS)

    @property
    def modified(self) -> str | None:
        return self.first(*_MODIFIED_KEYS)

    @property
    def section(self) -> str | None:
        return self.first(*_SECTION_KEYS)

    @property
    def keywords(self) -> list[str]:
        words: list[str] = []
        for value in self.all(*_TAG_KEYS):
            words.extend(w.strip() for w in value.split(",") if w.strip())
        return list(dict.fromkeys(words))

    @property
    def image(self) -> str | None:
        return self.first(
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
            "thumbnailurl",
        )

    @property
    def language(self) -> str | None:
        return self.lang or self.first("og:locale", "content-language", "dc.language", "language")


def read_meta(tree: HtmlElement, index: PageIndex | None = None) -> MetaTags:
    """Collect every ``<meta>`` (by name, property or itemprop), canonical link, lang, title.

    ``index``, the tree's :class:`PageIndex`, spares a walk of the tree: it hands over the
    metas, then the links, then the titles, each kind in page order (the kinds fill
    separate fields, so their interleaving is of no account)."""
    meta = MetaTags()
    found = (
        tree.iter("meta", "link", "title")
        if index is None
        else index.tagged("meta", "link", "title")
    )
    for element in found:
        tag = element.tag
        if tag == "meta":
            key = (
                (
                    element.get("property")
                    or element.get("name")
                    or element.get("itemprop")
                    or element.get("http-equiv")
                    or ""
                )
                .strip()
                .lower()
            )
            content = clean_space(element.get("content"))
            if key and content:
                meta.values.setdefault(key, []).append(content)
        elif tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if "canonical" in rel and meta.canonical is None:
                meta.canonical = clean_space(element.get("href")) or None
        elif meta.title is None and element.text:
            meta.title = clean_space(element.text) or None
    parsely = meta.first("parsely-page")
    if parsely:
        _read_parsely(parsely, meta)
    root_lang = tree.get("lang") or tree.get("xml:lang")
    meta.lang = clean_space(root_lang) or None
    return meta


def _read_parsely(raw: str, meta: MetaTags) -> None:
    try:
        data = json.loads(raw)
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    for key, target in (
        ("title", "parsely-title"),
        ("author", "parsely-author"),
        ("pub_date", "parsely-pub-date"),
        ("section", "parsely-section"),
    ):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            meta.values.setdefault(target, []).append(clean_space(value))
