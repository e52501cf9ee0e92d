"""Article dict → JSON Feed 1.1 item and document (https://www.jsonfeed.org/version/1.1/).

JSON Feed's own fields carry what they can; an ``_newsbot`` extension object carries every
article field JSON Feed can't carry exactly, so :func:`article_from_feed_item` gets the
article back unchanged. Pure: no Scrapy import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

VERSION = "https://jsonfeed.org/version/1.1"
EXTENSION = "_newsbot"
DEFAULT_TITLE = "newsbot"

# Article fields JSON Feed carries exactly: article field → feed item key.
_CARRIED = {
    "articleBody": "content_text",
    "headline": "title",
    "description": "summary",
    "keywords": "tags",
}
# Fields rebuilt from the item itself, not from the extension.
_REBUILT = {"url", *_CARRIED}
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def rfc3339(value: str | None) -> str | None:
    """An ISO 8601 value as an RFC 3339 date-time, or None when it has no time or offset.

    JSON Feed dates need both; a date-only or offset-less value would have to be guessed,
    so it is left to ``_newsbot`` instead.
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) <= 10 or parsed.utcoffset() is None:
        return None
    text = parsed.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag as JSON Feed wants it (``en_US`` → ``en-US``), or None if it isn't one."""
    if not value:
        return None
    tag = value.strip().replace("_", "-")
    return tag if _LANGUAGE_TAG.fullmatch(tag) else None


def feed_item(article: Mapping[str, Any]) -> dict[str, Any]:
    """One article (its JSON object) as a JSON Feed item, keys in the spec's order."""
    url: str = article["url"]
    item: dict[str, Any] = {"id": url, "url": article.get("canonicalUrl") or url}
    if article.get("headline"):
        item["title"] = article["headline"]
    item["content_text"] = article.get("articleBody") or ""
    if article.get("description"):
        item["summary"] = article["description"]
    image = article.get("mainImage")
    if image and image.get("url"):
        item["image"] = image["url"]
    for field, key in (("datePublished", "date_published"), ("dateModified", "date_modified")):
        date = rfc3339(article.get(field))
        if date:
            item[key] = date
    authors = [{"name": a["name"]} for a in article.get("authors") or [] if a.get("name")]
    if authors:
        item["authors"] = authors
    if article.get("keywords"):
        item["tags"] = list(article["keywords"])
    language = language_tag(article.get("inLanguage"))
    if language:
        item["language"] = language
    item[EXTENSION] = {k: v for k, v in article.items() if k not in _REBUILT}
    return item


def article_from_feed_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """The article object a feed item was made from (the inverse of :func:`feed_item`)."""
    extension = dict(item.get(EXTENSION) or {})
    article: dict[str, Any] = {"url": item["id"]}
    for field, key in _CARRIED.items():
        article[field] = item.get(key)
    article["articleBody"] = item.get("content_text") or ""
    article["keywords"] = list(item.get("tags") or [])
    article.update(extension)
    return article


def feed_header(title: str = DEFAULT_TITLE, **optional: Any) -> dict[str, Any]:
    """The top-level feed object without ``items``; ``optional`` adds e.g. ``feed_url``."""
    header: dict[str, Any] = {"version": VERSION, "title": title}
    header.update({k: v for k, v in optional.items() if v is not None})
    return header


def feed_title(sources: Iterable[str]) -> str:
    """A feed title naming the sources its items came from."""
    names = sorted(set(sources))
    return f"{DEFAULT_TITLE}: {', '.join(names)}" if names else DEFAULT_TITLE


def feed_document(
    articles: Iterable[Mapping[str, Any]], title: str | None = None, **optional: Any
) -> dict[str, Any]:
    """A whole JSON Feed document; an empty ``articles`` gives a valid empty feed."""
    items = [feed_item(a) for a in articles]
    if title is None:
        title = feed_title(i[EXTENSION]["source"] for i in items if i[EXTENSION].get("source"))
    return {**feed_header(title, **optional), "items": items}
