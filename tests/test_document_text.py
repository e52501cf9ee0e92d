"""The shared text helpers: what a reader sees of an element, whitespace collapsed."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from newsbot.extraction.document import clean_space, element_text, parse_html, plain_text


def _element(html: str, tag: str = "div") -> HtmlElement:
    tree = parse_html(f"<html><body>{html}</body></html>")
    assert tree is not None
    return next(tree.iter(tag))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Jane\u00a0Roe \n\t", "Jane Roe"),
        ("a\u2009b\u3000c\u2028d\x1ce", "a b c d e"),  # every Unicode space is a space
        ("Cafe\u0301 au lait", "Café au lait"),  # NFC
        ("zero\u200bwidth", "zero\u200bwidth"),  # not whitespace
    ],
)
def test_clean_space_collapses_every_unicode_space(text: str | None, expected: str) -> None:
    assert clean_space(text) == expected


def test_plain_element_text_joins_nested_text_and_tails() -> None:
    div = _element("<div> By <a href='/a'>Jane  Roe</a>,\n<b>Reuters</b> </div> after")
    assert element_text(div) == "By Jane Roe, Reuters"


def test_element_text_skips_scripts_styles_and_templates_but_keeps_their_tails() -> None:
    div = _element(
        "<div>Oil <script>var x = 1;</script>prices<style>p {}</style> rose"
        "<noscript>enable JS</noscript> <template><p>t</p></template>again</div>"
    )
    assert element_text(div) == "Oil prices rose again"


def test_element_text_reads_a_line_break_as_a_space() -> None:
    p = _element("<p>BRUSSELS<br>Dec 3<br/>(Reuters)</p>", "p")
    assert element_text(p) == "BRUSSELS Dec 3 (Reuters)"


def test_element_text_of_a_hidden_element_is_empty() -> None:
    assert element_text(_element("<script>var x = 1;</script>", "script")) == ""


@pytest.mark.parametrize(
    "html",
    [
        "<p>One <b>two</b> three</p>",
        "<p>A <!-- note --> comment's tail, <?pi x?> and a PI's</p>",
        "<p>Script <script>var x = 1;</script> and style <style>p{}</style> text</p>",
        "<p>Entities &amp; &eacute; &#x2014; <br>and a break</p>",
        "<p></p>",
        "<p>Nested <span>deep <i>down <b>here</b></i></span> out</p> after",
    ],
)
def test_plain_text_is_text_contents_string(html: str) -> None:
    # the prose-word counts read paragraphs with plain_text instead of text_content()
    element = _element(html, "p")
    assert plain_text(element) == element.text_content()
