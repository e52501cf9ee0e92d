"""Fields read from the page's own markup: the ``<h1>``, a subtitle beside it, tag links,
the page's visible text; and the site-name suffix rule for titles. The printed byline is
:mod:`.printed_bylines`'s."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, clean_space, element_text

_SUBTITLE_CLASS = re.compile(
    r"sub-?title|sub-?head|alt-?headline|second-?headline|strap-?line|\bdeck\b|\bdek\b", re.I
)
_TAG_CLASS = re.compile(r"\btags?\b|tag-?list|post-?tags|topics|keywords", re.I)
_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
# every text node outside scripts and styles (iterwalk skips comments, and with them the
# text after a comment: React prints "by: <!-- -->Jane Roe")
_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
    "or ancestor::template)]",
    smart_strings=False,
)


def page_headline(tree: HtmlElement, index: PageIndex | None = None) -> HtmlElement | None:
    """The headline element: the first ``<h1>`` with text outside navigation and asides
    (``index``, the tree's :class:`PageIndex`, spares a walk of the tree)."""
    for h1 in tree.iter("h1") if index is None else index.tagged("h1"):
        if element_text(h1) and not any(
            a.tag in {"nav", "aside", "footer"} for a in h1.iterancestors()
        ):
            return h1
    return None


def subtitle(h1: HtmlElement | None) -> str | None:
    """A subtitle or stacked second headline next to the headline.

    Before the headline only a subtitle-classed element counts (a kicker or section label
    sits there too); after it, also a plain ``h2``-``h4``.
    """
    if h1 is None:
        return None
    before = h1.getprevious()
    if before is not None and _SUBTITLE_CLASS.search(before.get("class") or ""):
        text = element_text(before)
        if 2 <= len(text.split()) <= 40:
            return text
    after = h1.getnext()
    if after is not None and isinstance(after.tag, str):
        classes = after.get("class") or ""
        if _SUBTITLE_CLASS.search(classes) or (after.tag in {"h2", "h3", "h4"} and not classes):
            text = element_text(after)
            if 2 <= len(text.split()) <= 40:
                return text
        if after.tag in {"h2", "h3", "h4"} and _SUBTITLE_CLASS.search(classes):
            return element_text(after) or None
    return None


def visible_text(tree: HtmlElement) -> str:
    """The page's visible text, casefolded with single spaces: to ask whether a name is
    printed on the page at all."""
    body = tree.find("body")
    return " ".join(" ".join(_VISIBLE_TEXT(tree if body is None else body)).casefold().split())


def tag_links(tree: HtmlElement) -> list[str]:
    """Tag names from ``rel=tag`` links and tag-list blocks."""
    tags: list[str] = []
    for link in tree.iter("a"):
        rel = (link.get("rel") or "").lower().split()
        if "tag" in rel:
            tags.append(element_text(link))
    if not tags:
        for element in tree.iter("div", "ul", "p", "section"):
            if _TAG_CLASS.search(element.get("class") or ""):
                tags.extend(element_text(a) for a in element.iter("a"))
                if tags:
                    break
    return [t for t in dict.fromkeys(tags) if t and len(t) <= 60]


def strip_site_suffix(title: str | None, site_names: list[str]) -> str | None:
    """The title without a trailing (or leading) `` | Site Name`` part."""
    title = clean_space(title)
    if not title:
        return None
    names = {n.casefold() for n in site_names if n}
    for sep in _SUFFIX_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if tail.casefold() in names or (names and _looks_like(tail, names)):
            return head.strip() or title
        first, _, rest = title.partition(sep)
        if first.casefold() in names:
            return rest.strip() or title
    return title


def _looks_like(part: str, names: set[str]) -> bool:
    key = re.sub(r"\W+", "", part.casefold())
    return any(
        key and (key == re.sub(r"\W+", "", n) or key in re.sub(r"\W+", "", n))
        for n in names
        if len(key) >= 3
    )
