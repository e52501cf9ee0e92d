"""The tree handed to trafilatura's fast precision mode is cleaned ahead
(:func:`newsbot.extraction._trafilatura.precleaned`) and goes through trafilatura's steps
directly (:func:`newsbot.extraction._trafilatura._precise_text`): its text must stay
exactly what ``bare_extraction`` makes of the whole tree, on real pages and on the
constructs trafilatura reads before its own cleaning deletes them.
"""

from __future__ import annotations

import gzip
import json
from copy import copy
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction._trafilatura import _options, _precise_text, extract_main_text, precleaned
from newsbot.extraction.document import read_page

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
MANIFEST: dict[str, dict[str, str]] = json.loads((GOLDEN / "pages.json").read_text("utf-8"))

_PROSE = (
    "The committee met on Tuesday to review the budget, and its members agreed that the "
    "figures for the coming year needed another reading before any vote could be taken."
)


def _tree(html: bytes | str) -> HtmlElement:
    tree = read_page(html.encode() if isinstance(html, str) else html, None)[1]
    assert tree is not None
    return tree


def _fast_precise(tree: HtmlElement) -> str | None:
    document = trafilatura.bare_extraction(tree, options=copy(_options(True, False, True)))
    return None if document is None or isinstance(document, dict) else document.text


def _same(tree: HtmlElement) -> tuple[str | None, str | None]:
    """trafilatura's text of the whole tree, and the text newsbot's fast path makes."""
    return _fast_precise(copy(tree)), _precise_text(
        precleaned(tree), copy(_options(True, False, True))
    )


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_golden_pages_extract_the_same(name: str) -> None:
    data = (GOLDEN / MANIFEST[name]["file"]).read_bytes()
    if MANIFEST[name]["file"].endswith(".gz"):
        data = gzip.decompress(data)
    whole, cleaned = _same(_tree(data))
    assert cleaned == whole


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


FORUM_LD = (
    '<script type="application/ld+json">'
    '{"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "T"}'
    "</script>"
)

CONSTRUCTS = {
    # A forum thread (told by its JSON-LD) keeps its comment lists in precision mode.
    "forum thread": _page(
        f"<h1>Thread</h1><p>{_PROSE}</p><ul id='dsq-comments'><li>{_PROSE} A reply.</li></ul>",
        head=FORUM_LD,
    ),
    "forum thread, JSON-LD in an aside": _page(
        f"<aside>{FORUM_LD}</aside><h1>Thread</h1><p>{_PROSE}</p>"
        f"<ul id='dsq-comments'><li>{_PROSE} A reply.</li></ul>"
    ),
    # An infinite-scroll container is kept when it holds the page's h1.
    "h1 in an aside inside an infinite-scroll container": _page(
        f"<div class='infinite-scroll'><aside><h1>Headline</h1></aside>"
        f"<p>{_PROSE}</p><p>{_PROSE} More.</p></div>"
    ),
    # A figure holding a table becomes a div, so the table stays.
    "table in a figure": _page(
        f"<h1>Results</h1><p>{_PROSE}</p><figure><table><tr><td>{_PROSE}</td>"
        f"<td>Forty-two seats</td></tr></table></figure><p>{_PROSE} Then.</p>"
    ),
    # MathML is kept as its LaTeX annotation.
    "math": _page(
        f"<h1>Formula</h1><p>{_PROSE} It reads <math alttext='x^2 + y^2'><mi>x</mi></math>"
        f" in full.</p><p>{_PROSE} Also.</p>"
    ),
    # A form wrapping the whole page is a layout wrapper, not a widget.
    "page inside a form": _page(
        f"<h1>Story</h1><form id='aspnetForm'><p>{_PROSE}</p><p>{_PROSE} And.</p>"
        "<input type='hidden' value='x'></form>"
    ),
    # The steps of trafilatura's own sequence that ``_precise_text`` runs: a disqus list,
    # removed after tag conversion but kept on a forum thread; comment blocks removed from
    # the raw tree in precision mode, forum or not; an infinite-scroll container without
    # the h1 (follow-up articles) removed from the raw tree.
    "disqus list in an article": _page(
        f"<h1>T</h1><article><p>{_PROSE}</p><ul id='dsq-comments'><li>{_PROSE} A reply.</li>"
        "</ul></article>"
    ),
    "forum thread, disqus list in an article": _page(
        f"<h1>T</h1><article><p>{_PROSE}</p><ul id='dsq-comments'><li>{_PROSE} A reply.</li>"
        "</ul></article>",
        head=FORUM_LD,
    ),
    "forum thread, comments block": _page(
        f"<h1>Thread</h1><div><p>{_PROSE}</p><div id='comments'><p>{_PROSE} A comment.</p>"
        f"<p>{_PROSE} More.</p></div></div>",
        head=FORUM_LD,
    ),
    "infinite-scroll container without the h1": _page(
        f"<div><h1>Story</h1><p>{_PROSE}</p><p>{_PROSE} Two.</p><div class='infinite-scroll'>"
        f"<p>{_PROSE} Next.</p><p>{_PROSE} Next two.</p></div></div>"
    ),
    # Deleted elements keep their tails, inside stripped inline elements too.
    "tails": _page(
        f"<h1>Story</h1><p><span>{_PROSE}<script>var a = 1;</script> tail one"
        f"<small>small<button>b</button> tail two</small></span></p><p>{_PROSE} End.</p>"
    ),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_constructs_trafilatura_reads_before_cleaning(name: str) -> None:
    whole, cleaned = _same(_tree(CONSTRUCTS[name]))
    assert whole  # the construct gives a text, so the comparison says something
    assert cleaned == whole


def test_a_page_without_text_gives_none_as_trafilatura_does() -> None:
    whole, cleaned = _same(_tree(_page("<nav><a href='/'>Home</a></nav><div></div>")))
    assert whole is None
    assert cleaned is None


def test_the_fast_path_runs_with_the_options_it_assumes() -> None:
    """``_precise_text`` skips the steps these options turn off in ``bare_extraction``."""
    options = _options(True, False, True)
    assert (options.focus, options.fast, options.comments) == ("precision", True, False)
    assert not options.with_metadata and not options.dedup
    assert options.lang is None and options.max_tree_size is None


def test_the_precleaned_tree_is_a_copy_without_cleaned_elements() -> None:
    tree = _tree(
        _page(
            f"<nav><a href='/'>Home</a></nav><h1>Story</h1><p>{_PROSE}</p>",
            head="<style>p {}</style>" + FORUM_LD,
        )
    )
    cleaned = precleaned(tree)
    assert cleaned is not tree
    assert [e.tag for e in cleaned.iter("nav", "style")] == []
    assert len(list(cleaned.iter("script"))) == 1  # the JSON-LD stays
    assert [e.tag for e in tree.iter("nav", "style")] == ["style", "nav"]  # untouched


@pytest.mark.parametrize(
    "favours",
    [
        {"favor_precision": True, "fast": True},
        {"favor_precision": False},
        {"favor_precision": False, "favor_recall": True},
    ],
)
def test_the_callers_tree_comes_back_unchanged(favours: dict[str, bool]) -> None:
    tree = _tree(CONSTRUCTS["tails"])
    before = etree.tostring(tree)
    assert extract_main_text(tree, "https://news.example/story", **favours).paragraphs
    assert etree.tostring(tree) == before
