"""JSON-LD: the article object (NewsArticle and friends, also inside ``@graph``).

The most trusted source of fields. Everything here is read leniently: a malformed
block or a field of an unexpected shape gives nothing, never an exception.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, clean_space

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "backgroundnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "medicalscholarlyarticle",
        "advertisercontentarticle",
        "satiricalarticle",
        "posting",
    }
)
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "newsagency"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class JsonLdPerson:
    name: str
    is_organization: bool


@dataclass
class JsonLdImage:
    url: str | None
    caption: str | None
    credit: str | None


@dataclass
class JsonLdArticle:
    """The fields newsbot reads from the page's article object."""

    headline: str | None = None
    alternative_headline: str | None = None
    description: str | None = None
    body: str | None = None
    authors: list[JsonLdPerson] = field(default_factory=list)
    date_published: str | None = None
    date_modified: str | None = None
    language: str | None = None
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    images: list[JsonLdImage] = field(default_factory=list)
    url: str | None = None
    publisher: str | None = None
    credit_orgs: list[str] = field(default_factory=list)
    site_name: str | None = None


def read_jsonld(tree: HtmlElement, index: PageIndex | None = None) -> JsonLdArticle:
    """The page's article object, or an empty one when the page has none.

    ``index``, the tree's :class:`PageIndex`, spares a walk of the tree for its scripts."""
    objects: list[dict[str, Any]] = []
    scripts = tree.iterfind(".//script") if index is None else index.tagged("script")
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(_CONTROL.sub(" ", script.text), strict=False)
        except (ValueError, RecursionError):
            continue
        _flatten(data, objects, 0)
    result = JsonLdArticle()
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    for obj in objects:
        if _types(obj) & {"website"} and result.site_name is None:
            result.site_name = _text(obj.get("name"))
    if not articles:
        # No article object (Yoast and others describe plain pages so): the WebPage's
        # schema.org dates are still the page's own.
        pages = [o for o in objects if _types(o) & {"webpage"}]
        if pages:
            result.date_published = _text(pages[0].get("datePublished"))
            result.date_modified = _text(pages[0].get("dateModified"))
        return result
    # The article with a headline and the longest body is the page's own.
    article = max(
        articles, key=lambda o: (bool(o.get("headline")), len(str(o.get("articleBody", ""))))
    )
    result.headline = _text(article.get("headline")) or _text(article.get("name"))
    result.alternative_headline = _text(article.get("alternativeHeadline"))
    result.description = _text(article.get("description"))
    body = article.get("articleBody")
    result.body = body if isinstance(body, str) and body.strip() else None
    result.authors = _people(article.get("author")) + [
        p for p in _people(article.get("creator")) if p.is_organization
    ]
    result.date_published = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
    result.date_modified = _text(article.get("dateModified"))
    result.language = _language(article.get("inLanguage"))
    result.section = _first_text(article.get("articleSection"))
    result.keywords = _keywords(article.get("keywords"))
    result.images = _images(article.get("image")) or _images(article.get("associatedMedia"))
    result.url = _first_text(article.get("url")) or _entity_url(article.get("mainEntityOfPage"))
    publisher = _people(article.get("publisher"))
    result.publisher = publisher[0].name if publisher else None
    credits = [p.name for p in _people(article.get("sourceOrganization"))]
    credits += [p.name for p in _people(article.get("provider"))]
    credits += [c for c in (_text(article.get("creditText")),) if c]
    result.credit_orgs = credits
    return result


def _flatten(data: Any, out: list[dict[str, Any]], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            _flatten(main, out, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower().rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    cleaned = clean_space(value)
    return cleaned or None


def _first_text(value: Any) -> str | None:
    if isinstance(value, list):
        for item in value:
            text = _text(item)
            if text:
                return text
        return None
    return _text(value)


def _entity_url(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("@id")) or _text(value.get("url"))
    return _text(value)


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _first_text(value)


def _people(value: Any) -> list[JsonLdPerson]:
    items = value if isinstance(value, list) else [value]
    people: list[JsonLdPerson] = []
    for item in items[:50]:
        if isinstance(item, str):
            name = clean_space(item)
            if name and not name.startswith(("http://", "https://")):
                people.append(JsonLdPerson(name, False))
        elif isinstance(item, dict):
            found = _text(item.get("name"))
            if found:
                people.append(JsonLdPerson(found, bool(_types(item) & _ORG_TYPES)))
    return people


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items[:200]:
        text = _text(item)
        if text:
            words.extend(w.strip() for w in text.split(",") if w.strip())
    return list(dict.fromkeys(words))


def _images(value: Any) -> list[JsonLdImage]:
    items = value if isinstance(value, list) else [value]
    images: list[JsonLdImage] = []
    for item in items[:50]:
        if isinstance(item, str):
            images.append(JsonLdImage(clean_space(item) or None, None, None))
        elif isinstance(item, dict):
            credit = _text(item.get("creditText")) or _text(item.get("copyrightHolder"))
            images.append(
                JsonLdImage(
                    _text(item.get("url")) or _text(item.get("contentUrl")),
                    _text(item.get("caption")) or _text(item.get("description")),
                    credit,
                )
            )
    return images
