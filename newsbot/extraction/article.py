"""Assembly: one parsed page in, one :class:`~newsbot.item.Article` out.

Order of trust for every field: JSON-LD, then meta tags, then the page's markup, then
trafilatura, then text patterns. Each reader runs under a guard, so a broken
field is ``None`` or ``[]`` and never costs the article (``strict=True`` re-raises).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urljoin

from lxml.html import HtmlElement

from newsbot.errors import NoArticleError
from newsbot.extraction import _trafilatura, dates
from newsbot.extraction.author_box import pictured_author
from newsbot.extraction.authors import (
    GIVEN_NAME_ONLY,
    authors_of,
    credit_statements,
    full_name_from_images,
    printed_over_metadata,
)
from newsbot.extraction.body import CleanBody, clean_body
from newsbot.extraction.boilerplate import prune_boilerplate
from newsbot.extraction.captions import scan_captions
from newsbot.extraction.document import PageIndex, element_text, plain_text, read_page
from newsbot.extraction.fields import agencies_of, captions_of, choose_headline, language_of
from newsbot.extraction.jsonld import JsonLdArticle, read_jsonld
from newsbot.extraction.markup import page_headline, subtitle, tag_links, visible_text
from newsbot.extraction.metatags import MetaTags, read_meta
from newsbot.extraction.printed_bylines import printed_bylines
from newsbot.extraction.script_data import script_authors
from newsbot.extraction.split_body import join_split_body
from newsbot.item import Article, Author, Image

log = logging.getLogger(__name__)
T = TypeVar("T")
_MIN_WORDS = 10  # fewer is a navigation scrap, not an article
_MIN_PRECISE_WORDS = 120
# Of the words in prose paragraphs: below it, precision mode may have missed text. At a
# half, 126 retries ran over the aeb and wcxb-dev pages; a quarter skips 50 of them, one of
# which had found more text (wcxb-dev body F1 0.9375 -> 0.9369). A retry costs about 13 ms.
_PRECISE_SHARE = 0.25
_PROSE_WORDS = 12
_RECALL_GAIN = 1.5
_SECTIONED = 3  # subheadings with prose after them
_FIELD_ERRORS = (
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    LookupError,
    RecursionError,
)


def extract_article(
    html: bytes | str,
    url: str,
    *,
    source: str = "",
    fetched_at: str | None = None,
    site_name: str | None = None,
    encoding: str | None = None,
    discovered: dict[str, Any] | None = None,
    strict: bool = False,
) -> Article:
    """The article on a page; raises :class:`NoArticleError` when it has no article text."""
    text, tree = read_page(html, encoding)
    if tree is None:
        raise NoArticleError("the page is empty or not HTML")
    discovered = discovered or {}

    def guard(reader: Callable[[], T], default: T) -> T:
        try:
            return reader()
        except _FIELD_ERRORS as exc:
            if strict:
                raise
            log.info("extraction: a field reader failed on %s: %r", url, exc)
            return default

    index = PageIndex(tree)
    ld = guard(lambda: read_jsonld(tree, index), JsonLdArticle())
    meta = guard(lambda: read_meta(tree, index), MetaTags())
    h1 = guard(lambda: page_headline(tree, index), None)
    site = site_name or meta.site_name or ld.publisher or ld.site_name
    headline = guard(lambda: choose_headline(ld, meta, h1, discovered, site), None)
    alt_headline = ld.alternative_headline or guard(lambda: subtitle(h1), None)
    if alt_headline and headline and alt_headline.casefold() == headline.casefold():
        alt_headline = None
    scan = guard(lambda: scan_captions(index, url, ld.images), None)
    bylines: list[str] = guard(lambda: printed_bylines(index), [])
    page_dates = guard(
        lambda: dates.page_dates(
            [ld.date_published, meta.published],
            [ld.date_modified, meta.modified],
            index,
            tree,
            url,
            discovered.get("datePublished"),
            html=text,
        ),
        dates.PageDates(),
    )
    caption_elements = scan.elements if scan is not None else []
    no_text: list[str] = []
    site_names = [n for n in (site, meta.site_name, ld.publisher) if n]
    # before the body extraction prunes the tree: it asks what the page prints
    printed_instead = guard(
        lambda: printed_over_metadata(ld, meta, bylines, site_names, lambda: visible_text(tree)),
        None,
    )
    pictured = guard(lambda: pictured_author(index), None)
    main_text = guard(lambda: _main_paragraphs(tree, index, caption_elements, url, guard), no_text)
    paragraphs = main_text or _jsonld_paragraphs(ld)
    captions = scan.captions if scan is not None else []
    body = guard(
        lambda: clean_body(
            paragraphs,
            headlines=_headline_copies(headline, alt_headline, h1, ld, meta),
            captions=[c.text for c in captions],
            byline=bylines[0] if bylines else None,
        ),
        CleanBody(paragraphs),
    )
    if sum(len(p.split()) for p in body.paragraphs) < _MIN_WORDS:
        raise NoArticleError("no article text on the page")
    no_authors: tuple[list[Author], str | None, list[str]] = ([], None, [])
    authors, byline, byline_agencies = guard(
        lambda: authors_of(
            ld,
            meta,
            bylines,
            [*body.bylines, *credit_statements(body.paragraphs)],
            site_names,
            printed_instead,
            lambda: script_authors(tree),
            pictured,
        ),
        no_authors,
    )
    if len(authors) == 1 and GIVEN_NAME_ONLY.match(authors[0]["name"]):
        authors = guard(lambda: [full_name_from_images(authors[0], tree)], authors)
    article = Article(
        url=url,
        source=source or "extract",
        articleBody="\n\n".join(body.paragraphs),
        fetchedAt=fetched_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        canonicalUrl=guard(
            lambda: _absolute(meta.canonical or meta.first("og:url") or ld.url, url), None
        ),
        siteName=site,
        headline=headline,
        alternativeHeadline=alt_headline,
        description=ld.description or meta.description,
        authors=authors,
        byline=byline,
        dateline=body.dateline,
        captions=guard(lambda: captions_of(captions), []),
        datePublished=page_dates.published,
        datePublishedRaw=page_dates.published_raw,
        dateModified=page_dates.modified,
        dateModifiedRaw=page_dates.modified_raw,
        inLanguage=guard(lambda: language_of(ld, meta), None),
        articleSection=ld.section or meta.section,
        keywords=ld.keywords or meta.keywords or guard(lambda: tag_links(tree), []),
    )
    article.agencies = guard(lambda: agencies_of(body, byline_agencies, ld), [])
    image = guard(
        lambda: _absolute(meta.image or next((i.url for i in ld.images if i.url), None), url), None
    )
    if image is None and article.captions:
        image = article.captions[0]["imageUrl"]
    article.mainImage = Image(url=image) if image else None
    return article


def _main_paragraphs(
    tree: HtmlElement,
    index: PageIndex,
    caption_elements: list[HtmlElement],
    url: str,
    guard: Callable[[Callable[[], Any], Any], Any],
) -> list[str]:
    """trafilatura's paragraphs from the tree without captions and boilerplate blocks.

    Precision mode first (recall mode for a text in sections); where it keeps less than a
    quarter of what the page's prose paragraphs hold (it can miss the article on an unusual layout),
    trafilatura's balanced mode too, which compares its pick with readability and jusText.
    trafilatura works on its own copy of the tree, so the second run reuses it.
    """
    expected = _paragraph_words(index)
    sectioned = _section_headings(index) >= _SECTIONED
    _prepare(index, caption_elements, guard)
    if sectioned:
        # A guide or explainer in sections: precision mode drops its subheadings, and
        # recall mode keeps its lists and short paragraphs. It skips the comparison once
        # it has found a long text, which can be the wrong block.
        first = _trafilatura.extract_main_text(
            tree, url, favor_precision=False, favor_recall=True
        ).paragraphs
        found = _words(first)
        if found >= _PRECISE_SHARE * expected:
            return first
    else:
        # Fast mode (no comparison with readability and jusText) keeps within the time
        # budget; the retry below, which does compare, catches what it misses.
        first = _trafilatura.extract_main_text(
            tree, url, favor_precision=True, fast=True
        ).paragraphs
        found = _words(first)
        if found >= _MIN_PRECISE_WORDS and found >= _PRECISE_SHARE * expected:
            return first
    retry = _trafilatura.extract_main_text(tree, url, favor_precision=False).paragraphs
    # The balanced mode also keeps more boilerplate: worth it only when it finds much more.
    return retry if _words(retry) > _RECALL_GAIN * found else first


def _prepare(
    index: PageIndex,
    caption_elements: list[HtmlElement],
    guard: Callable[[Callable[[], Any], Any], Any],
) -> None:
    for element in caption_elements:
        guard(lambda element=element: _drop(element), 0)  # type: ignore[misc]
    guard(lambda: prune_boilerplate(index), 0)
    guard(lambda: join_split_body(index), 0)


def _drop(element: HtmlElement) -> int:
    if element.getparent() is None:
        return 0
    element.drop_tree()
    return 1


def _section_headings(index: PageIndex) -> int:
    """Subheadings followed by prose: how many sections the text is divided into."""
    count = 0
    for heading in index.tagged("h2", "h3", "h4"):
        following = heading.getnext()
        if (
            following is not None
            and following.tag == "p"
            and len(plain_text(following).split()) >= _PROSE_WORDS
        ):
            count += 1
    return count


def _paragraph_words(index: PageIndex) -> int:
    """Words in the page's prose paragraphs: what a main text should roughly hold."""
    total = 0
    for paragraph in index.tagged("p", "li"):
        words = len(plain_text(paragraph).split())
        if words >= _PROSE_WORDS:
            total += words
    return total


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _headline_copies(
    headline: str | None,
    alt_headline: str | None,
    h1: HtmlElement | None,
    ld: JsonLdArticle,
    meta: MetaTags,
) -> list[str]:
    """Every form of the headline a body can repeat: the printed ``<h1>`` often differs
    from the metadata headline (a shorter or search-engine title)."""
    printed = element_text(h1) if h1 is not None else None
    forms = (headline, alt_headline, printed, ld.headline, meta.headline)
    return [form for form in forms if form]


def _jsonld_paragraphs(ld: JsonLdArticle) -> list[str]:
    if not ld.body:
        return []
    return [p.strip() for p in ld.body.split("\n") if p.strip()]


def _absolute(href: str | None, base: str) -> str | None:
    if not href:
        return None
    absolute = urljoin(base, href.strip())
    return absolute if absolute.startswith(("http://", "https://")) else None
