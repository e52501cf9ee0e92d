"""The one module that talks to trafilatura: main-text paragraphs from a parsed tree.

trafilatura 2.3 works on its own copies of the tree it is given (and so does
:func:`precleaned`): the caller's tree comes back unchanged, and one parse serves every call.

Fast precision mode, on every page, runs trafilatura's own steps directly
(:func:`_precise_text`) on the pre-cleaned copy: ``bare_extraction`` would copy that copy
three more times, for comparisons this mode never makes. Those steps are trafilatura
2.3's, hence the pin to 2.3.x; ``tests/test_trafilatura_glue.py`` checks the text is
``bare_extraction``'s on every golden page.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from functools import lru_cache

import trafilatura
from lxml.etree import XPath, strip_tags
from lxml.html import HtmlElement
from trafilatura.core import _forum_thread_page
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import MANUALLY_CLEANED, MANUALLY_STRIPPED, Extractor
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import (
    RAW_TREE_PRUNE_XPATH,
    REMOVE_COMMENTS_AND_LISTS_XPATH,
    REMOVE_COMMENTS_XPATH,
)

# trafilatura's cleaning deletes every element of these tags (``MANUALLY_CLEANED``) from its
# own copies of the tree, and copies and walks the tree several times before and after.
# Deleted from the tree it is given, ahead, they cost none of that: half the elements of
# a news page (head, scripts, styles, navigation, forms' inputs, asides). Except what it
# reads before deleting: <math> (kept as LaTeX), <figure> (one holding a table becomes a
# div), <form> (one wrapping the page is kept), JSON-LD scripts (a forum thread is read
# differently) and every <h1> (an infinite-scroll container holding one is kept).
_READ_BEFORE_CLEANING = frozenset({"math", "figure", "form"})
_PRECLEANED = tuple(tag for tag in MANUALLY_CLEANED if tag not in _READ_BEFORE_CLEANING)
_JSONLD = "application/ld+json"
_HOLDS_READ = XPath(f'.//h1|.//script[@type="{_JSONLD}"]')


@dataclass
class MainText:
    """trafilatura's view of the page: body paragraphs and the metadata it found."""

    paragraphs: list[str]
    title: str | None = None
    author: str | None = None
    date: str | None = None


def extract_main_text(
    tree: HtmlElement,
    url: str,
    *,
    favor_precision: bool = True,
    favor_recall: bool = False,
    fast: bool = False,
) -> MainText:
    """Paragraphs of the main text (one per block), or none when trafilatura finds none.

    Neither favour is trafilatura's balanced default; ``favor_recall`` also skips its
    comparison with readability once the text is long enough, so it is the cheaper one.
    """
    options = copy(_options(favor_precision, favor_recall, fast))
    options.url = options.source = url or None
    if favor_precision and fast and not favor_recall:
        return MainText(_paragraphs(_precise_text(precleaned(tree), options)))
    document = trafilatura.bare_extraction(tree, options=options)
    if document is None or isinstance(document, dict):
        return MainText([])
    return MainText(_paragraphs(document.text), document.title, document.author, document.date)


def _paragraphs(text: str | None) -> list[str]:
    """trafilatura's text, one block per line, as non-empty paragraphs."""
    return [line for line in map(str.strip, (text or "").split("\n")) if line]


def precleaned(tree: HtmlElement) -> HtmlElement:
    """A copy of ``tree`` without what trafilatura's cleaning would delete anyway.

    Only for fast precision mode: there trafilatura reads nothing else of the raw tree
    (no comparison with readability or jusText, no baseline on the uncleaned page), so
    its output is the same; ``tests/test_trafilatura_glue.py`` checks it on every page.
    """
    tree = copy(tree)
    for element in list(tree.iter(*_PRECLEANED)):
        if element.tag == "script":
            if element.get("type") == _JSONLD:
                continue
        elif len(element) and _HOLDS_READ(element):
            continue
        element.drop_tree()  # as trafilatura deletes: the tail stays
    strip_tags(tree, *MANUALLY_STRIPPED)
    return tree


def _precise_text(tree: HtmlElement, options: Extractor) -> str | None:
    """``bare_extraction(tree, options=options).text`` in fast precision mode without
    comments or metadata, consuming ``tree``: trafilatura 2.3's ``trafilatura_sequence``
    down the only branch this mode takes (no comparison with readability or jusText, no
    baseline, no recall escalation), and the one size check that applies."""
    try:
        is_forum = _forum_thread_page(tree)
        tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
        tree = convert_tags(tree_cleaning(tree, options), options, options.url)
        if not is_forum:
            tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_XPATH)
        body, text = extract_content(tree, options)
    except (TypeError, ValueError):  # what bare_extraction turns into no result
        return None
    if len(text) < options.min_output_size and options.min_output_comm_size > 0:
        return None
    return xmltotxt(body, options.formatting)


@lru_cache(maxsize=8)
def _options(favor_precision: bool, favor_recall: bool, fast: bool) -> Extractor:
    """The options ``bare_extraction`` would build from these arguments, built once: that
    reads trafilatura's config file settings each time, a tenth of a millisecond per call.
    Without metadata extraction, its date parameters (today's date) are never read."""
    return Extractor(
        output_format="python",
        fast=fast,
        precision=favor_precision,
        recall=favor_recall,
        comments=False,
        tables=True,
        images=False,
        dedup=False,
        with_metadata=False,
    )


def bare_extract(html: str | bytes, url: str | None = None) -> str:
    """Plain ``trafilatura.extract`` with its defaults: the baseline `newsbot eval` reports."""
    return trafilatura.extract(html, url=url) or ""


def bare_metadata(html: str | bytes, url: str | None = None) -> dict[str, str | None]:
    """trafilatura's own title, author and date: the metadata baseline `newsbot eval` reports."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None or isinstance(document, dict):
        return {"title": None, "author": None, "date": None}
    return {"title": document.title, "author": document.author, "date": document.date}
