"""Pruning the tree before the main text is extracted: blocks no article body holds.

Two kinds, both by convention rather than by site: blocks whose class or id names them
(donation and newsletter boxes, related and most-read lists, share bars, ads), and
lists made only of links (story lists inside the body, with their "Most Read" heading).
Large blocks are never pruned, so a mislabelled article container survives.
"""

from __future__ import annotations

import functools
import re

from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, clean_space, element_text

_BOILERPLATE = re.compile(
    r"donat|newsletter|subscri|sign-?up|membership|paywall|related|recommend|"
    r"most-?(?:read|popular|viewed)|more-?(?:stories|news|from|on)|read-?(?:also|more|next)|"
    r"also-?read|promo|share|sharing|social|advert|(?:^|\s)ads?(?:\s|$)|(?:^|\s)ad-|-ad(?:\s|$)|"
    r"sponsor|outbrain|taboola|breadcrumb|author-?bio|comments?(?:\s|$)|disclaimer",
    re.I,
)

_HINTS = (
    "don",
    "news",
    "subs",
    "sign",
    "memb",
    "payw",
    "relat",
    "recom",
    "most",
    "more",
    "read",
    "promo",
    "shar",
    "soci",
    "advert",
    "ads",
    "ad-",
    "-ad",
    "spons",
    "outb",
    "tabo",
    "bread",
    "bio",
    "comment",
    "discl",
)
_HINT = re.compile("|".join(map(re.escape, _HINTS)))
_MAX_PRUNED_TEXT = 1500
_MAX_HEADING = 80
_PROSE = 150


def prune_boilerplate(index: PageIndex) -> int:
    """Remove boilerplate blocks in place; the number removed."""
    doomed: list[HtmlElement] = []
    # Every element of the blocks going: short blocks, so a small set, and one lookup per
    # block instead of a walk up its ancestors.
    inside: set[HtmlElement] = set()
    for element, marker in index.blocks:
        tag = element.tag
        if element in inside:
            continue  # inside a block already going
        if marker and _boilerplate_marker(marker):
            if not _short(element) or _holds_prose(element):
                continue
            doomed.append(element)
        elif tag in {"ul", "ol"} and _is_link_list(element) and not _holds_prose(element):
            doomed.append(element)
            heading = element.getprevious()
            if heading is not None and _is_list_heading(heading):
                doomed.append(heading)
        else:
            continue
        inside.update(element.iter())
    removed = 0
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
            removed += 1
    return removed


@functools.lru_cache(maxsize=4096)
def _boilerplate_marker(marker: str) -> bool:
    # Remembered: a page repeats a few markers over hundreds of blocks, and a site its own.
    return _maybe_boilerplate(marker.lower()) and _BOILERPLATE.search(marker) is not None


def _maybe_boilerplate(marker: str) -> bool:
    # Substring tests first (one alternation of plain words, which the regex engine runs
    # faster than a loop over them): the full regex alone costs milliseconds on large pages.
    return _HINT.search(marker) is not None or " ad " in f" {marker} "


def _holds_prose(element: HtmlElement) -> bool:
    # Article text wrapped in a misleadingly named block ("entry-content-read-more").
    for paragraph in element.iter("p"):
        text = element_text(paragraph)
        if (
            len(text) >= _PROSE
            and sum(len(element_text(a)) for a in paragraph.iter("a")) < len(text) / 2
        ):
            return True
    return False


def _short(element: HtmlElement) -> bool:
    size = 0
    for text in element.itertext():
        size += len(text)
        if size > _MAX_PRUNED_TEXT * 2:
            return False
    return len(element_text(element)) <= _MAX_PRUNED_TEXT


def _is_link_list(element: HtmlElement) -> bool:
    items = list(element.iterchildren("li"))
    if len(items) < 2:
        return False
    for item in items:
        if len(item) == 1 and _bare_link(item, item[0]):
            if not clean_space(item[0].text):
                return False  # an empty link
            continue  # "<li><a>Story</a></li>": the link's text is all the item's text
        if next(item.iter("a"), None) is None:
            return False  # no link: its text can't be all links (nor empty and allowed)
        text = element_text(item)
        links = " ".join(element_text(a) for a in item.iter("a"))
        if not text or " ".join(links.split()) != text:
            return False
    return True


def _bare_link(item: HtmlElement, child: HtmlElement) -> bool:
    """The item's one child is a link holding only text, with nothing but space around it."""
    return (
        child.tag == "a"
        and not len(child)
        and (not item.text or item.text.isspace())
        and (not child.tail or child.tail.isspace())
    )


def _is_list_heading(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or element.tag not in {
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "div",
        "span",
        "strong",
    }:
        return False
    text = element_text(element)
    return 0 < len(text) <= _MAX_HEADING and not text.endswith((".", "!", "?", '"', "”"))
