"""The article item: one JSON object per article (see DESIGN.md).

Field names follow schema.org ``NewsArticle`` and zyte-common-items ``Article``.
Absent values are ``None`` or ``[]``, never ``""``. Raw and normalized values come in
pairs (``datePublished`` / ``datePublishedRaw``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypedDict


class Author(TypedDict):
    name: str
    """The person's name, cleaned: no "By", no agency, no role."""
    nameRaw: str
    """The name as printed on the page."""


class Dateline(TypedDict):
    raw: str
    """The dateline as printed, e.g. ``BRUSSELS, Dec 3 (Reuters) -``."""
    place: str | None
    """The place, as printed (``BRUSSELS``, ``New Delhi [India]`` without the bracket)."""
    date: str | None
    """The date as printed in the dateline (``Dec 3``), not normalized."""
    agency: str | None
    """The canonical agency name (``Reuters``, ``AP``, ``AFP``), or None for staff datelines."""


class Caption(TypedDict):
    text: str
    """The caption without its credit."""
    credit: str | None
    """The credit split off the caption (``REUTERS/Jane Roe``), or None."""
    imageUrl: str | None
    """The absolute URL of the image the caption belongs to, or None."""


class Image(TypedDict):
    url: str
    """The absolute URL of the image."""


@dataclass(kw_only=True)
class Article:
    """One news article, as newsbot writes it; fields in DESIGN.md's order."""

    url: str
    """The URL fetched, after redirects."""
    canonicalUrl: str | None = None
    """From ``rel=canonical`` or ``og:url``, absolutized."""
    source: str
    """The source's key: its config file's name."""
    siteName: str | None = None
    """The publication's name."""
    headline: str | None = None
    """The article's own headline, without a site-name suffix."""
    alternativeHeadline: str | None = None
    """A subtitle or a second stacked headline."""
    description: str | None = None
    """The standfirst or meta description."""
    articleBody: str
    """Body paragraphs joined by a blank line; no captions, datelines, bylines or trailers."""
    authors: list[Author] = field(default_factory=list)
    """People only; agencies and desks are not authors."""
    byline: str | None = None
    """The byline as printed."""
    dateline: Dateline | None = None
    """The parsed dateline, or None."""
    agencies: list[str] = field(default_factory=list)
    """Canonical names of the wire agencies the copy is credited to."""
    captions: list[Caption] = field(default_factory=list)
    """Each distinct photo caption once, with its credit split off."""
    mainImage: Image | None = None
    """The lead image."""
    datePublished: str | None = None
    """ISO 8601, with the page's UTC offset when it gives one."""
    datePublishedRaw: str | None = None
    """The raw string ``datePublished`` came from."""
    dateModified: str | None = None
    """ISO 8601, with the page's UTC offset when it gives one."""
    dateModifiedRaw: str | None = None
    """The raw string ``dateModified`` came from."""
    inLanguage: str | None = None
    """BCP 47 language code."""
    articleSection: str | None = None
    """The section."""
    keywords: list[str] = field(default_factory=list)
    """Tags."""
    storyId: str | None = None
    """The story cluster's id; set by the dedup stage, equal for syndicated copies."""
    duplicateOf: str | None = None
    """The URL of the first-seen copy when this item is a near-copy, else None."""
    fetchedAt: str
    """When the page was fetched: ISO 8601, UTC."""

    def to_dict(self) -> dict[str, Any]:
        """The item as the JSON object DESIGN.md describes, with every field present."""
        return asdict(self)

    def fields_view(self) -> dict[str, Any]:
        """The fields as a dict that shares the item's lists and dicts: to read, not to
        change (``to_dict`` copies every one of them, 80 us for a typical article)."""
        return {name: getattr(self, name) for name in FIELD_NAMES}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build an article from a JSON object, ignoring keys that are not fields."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Article))


@dataclass
class FetchedPage:
    """A fetched article page on its way from a spider to the extraction stage.

    Not written to feeds: the extraction pipeline turns it into an :class:`Article`
    or drops it with a reason.
    """

    url: str
    """The URL fetched, after redirects."""
    source: str
    """The source's key."""
    body: bytes
    """The raw response body."""
    encoding: str | None
    """The response's encoding as Scrapy detected it (headers, meta, BOM), if known."""
    fetchedAt: str
    """When the page was fetched: ISO 8601, UTC."""
    siteName: str | None = None
    """The source's ``site_name``."""
    discovered: dict[str, Any] = field(default_factory=dict)
    """What discovery knew before the fetch: ``title``, ``datePublished`` (news sitemap, feed)."""
