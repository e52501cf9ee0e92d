"""Who a page credits: printed bylines in the markup, author meta tags and JSON-LD
organisations, as :func:`newsbot.extraction.extract_article` reads them."""

from __future__ import annotations

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction.authors import clean_byline
from newsbot.extraction.document import PageIndex, parse_html
from newsbot.extraction.metatags import read_meta
from newsbot.extraction.printed_bylines import printed_bylines

BODY = (
    "<p>" + "The council voted on the new budget after a long debate in the chamber. " * 8 + "</p>"
)


def _page(head: str = "", header: str = "") -> str:
    return (
        f"<html><head><title>Budget passes</title>{head}</head><body><article>"
        f"<h1>Budget passes</h1>{header}{BODY}</article></body></html>"
    )


def _bylines(markup: str) -> list[str]:
    tree = parse_html(f"<html><body><article><h1>Budget</h1>{markup}</article></body></html>")
    assert tree is not None
    return printed_bylines(PageIndex(tree))


@pytest.mark.parametrize(
    ("markup", "byline"),
    [
        # name, role and date in boxes printed with no space between them
        (
            '<div class="byline"><span>Jane Roe</span><div>Staff Writer</div>'
            "<div>30 Sep 2022</div></div>",
            "Jane Roe | Staff Writer | 30 Sep 2022",
        ),
        # a label box before the name joins it
        (
            '<div class="author"><div>Written by</div><div>Jane Roe</div></div>',
            "Written by Jane Roe",
        ),
        # what comes before the by-label is not the byline
        (
            '<div class="author-box"><div>Updated May 2, 2025</div><div>Written by Jane Roe</div>'
            "</div>",
            "Written by Jane Roe",
        ),
    ],
)
def test_byline_boxes_are_kept_apart(markup: str, byline: str) -> None:
    assert _bylines(markup) == [byline]


def test_a_short_by_line_is_a_printed_byline() -> None:
    assert _bylines("<p>By Jane Roe</p>") == ["By Jane Roe"]
    assert _bylines("<p>Written by <a href='/x'>Jane Roe</a></p>") == ["Written by Jane Roe"]
    assert _bylines("<p>By clicking below you agree to our terms and our policy</p>") == []


def test_an_unclosed_nav_around_the_article_is_not_a_menu() -> None:
    tree = parse_html(
        "<html><body><nav><a href='/'>Home</a><h1>Budget</h1>"
        "<div class='author__name'>by Jane Roe</div></body></html>"
    )
    assert tree is not None
    assert printed_bylines(PageIndex(tree)) == ["by Jane Roe"]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Jane Roe | Staff Writer | 30 Sep 2022", "Jane Roe"),
        ("By Jane Roe ⋅ Senior Editor ⋅", "By Jane Roe"),
        ("Posted by Jane Roe on | 2025-12-18 | in News", "Jane Roe"),
        ("by whova | Apr 21, 2025", "by whova"),  # the site credits itself
        ("Sat, 20 Dec, 2025 - 06:36", ""),  # a date is nobody
        ("This post was written by Jane Roe, Head of Marketing", "Jane Roe, Head of Marketing"),
        ("Jane Roe Former Deputy Tech Editor", "Jane Roe"),  # a role after the name
        ("Jane RoeFounder at Acme", "Jane Roe"),
        ("By Acme Staff", "By Acme Staff"),  # a desk keeps its desk word
        ("By Jane Roe, Senior Editor", "By Jane Roe, Senior Editor"),  # commas: parse_byline's
        ("Dec. 19, 2025 · Jane Roe on behalf of the team", "Jane Roe"),  # a date first
        ("March 20, 2023 | | Wellness & Prevention", ""),  # a section after the date is nobody
        ("5 | mins read", ""),
        ("Jane Roe Last Updated: May 2, 2025", "Jane Roe"),
        ("Full Bio", ""),  # page furniture
        ("Member Login", ""),
    ],
)
def test_clean_byline(raw: str, cleaned: str) -> None:
    assert clean_byline(raw, ["Whova"]) == cleaned


def test_written_by_card_label_names_the_author() -> None:
    tree = parse_html(
        _page(
            '<meta name="twitter:label1" content="Est. reading time">'
            '<meta name="twitter:data1" content="4 minutes">'
            '<meta name="twitter:label2" content="Written by">'
            '<meta name="twitter:data2" content="Jane Roe">'
        )
    )
    assert tree is not None
    assert read_meta(tree).labelled_authors == ["Jane Roe"]
    article = extract_article(
        _page(
            '<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:data1" content="Jane Roe">'
        ),
        "https://example.com/a",
        strict=True,
    )
    assert [a["name"] for a in article.authors] == ["Jane Roe"]


def test_a_printed_byline_goes_before_the_card_label() -> None:
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Mark Webb">'
    )
    article = extract_article(
        _page(head, '<p class="byline">By John Doe</p>'), "https://example.com/a", strict=True
    )
    assert [a["name"] for a in article.authors] == ["John Doe"]


def test_an_organisation_author_is_the_byline_not_an_author() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Budget passes",'
        ' "author": {"@type": "Organization", "name": "Acme Heating"}}</script>'
    )
    article = extract_article(_page(head), "https://example.com/a", strict=True)
    assert article.authors == []
    assert article.byline == "Acme Heating"


def test_cxense_author_meta() -> None:
    head = '<meta name="cXenseParse:author" content="Jane Roe | The Texas Newsroom">'
    article = extract_article(_page(head), "https://example.com/a", strict=True)
    assert [a["name"] for a in article.authors] == ["Jane Roe"]


def test_an_author_box_gives_the_name_before_the_bio() -> None:
    bio = "Jane Roe covers local government and has written about budgets for ten years. " * 3
    assert _bylines(f'<div class="post-author"><div>Jane Roe</div><p>{bio}</p></div>') == [
        "Jane Roe"
    ]
    # a heading first is not a name
    assert (
        _bylines(f'<div class="author-wrapper"><h2>Author Spotlight</h2><p>{bio}</p></div>') == []
    )


def test_co_authors_links_side_by_side_are_one_byline() -> None:
    links = (
        '<div><a href="/author/jane-roe/">Jane Roe</a><span>, </span>'
        '<a href="/author/john-doe/">John Doe</a><span> &amp; </span>'
        '<a href="/author/ann-poe/">Ann Poe</a></div>'
    )
    assert _bylines(links) == ["Jane Roe, John Doe & Ann Poe"]


def test_the_printed_co_authors_complete_the_metadata_author() -> None:
    header = (
        '<div><a href="/author/jane-roe/">Jane Roe</a> and '
        '<a href="/author/john-doe/">John Doe</a></div>'
    )
    article = extract_article(
        _page('<meta name="author" content="Jane Roe">', header),
        "https://example.com/a",
        strict=True,
    )
    assert [a["name"] for a in article.authors] == ["Jane Roe", "John Doe"]


def test_a_role_after_the_comma_is_not_a_second_person() -> None:
    article = extract_article(
        _page("", '<p class="byline">By Jane Roe, Shipping Expert</p>'), "https://example.com/a"
    )
    assert [a["name"] for a in article.authors] == ["Jane Roe"]


def test_the_site_brand_is_not_a_person() -> None:
    head = '<meta property="og:site_name" content="Acme Signal"><meta name="author" content="Acme">'
    article = extract_article(
        _page(head, '<p class="byline">Jane Roe</p>'), "https://example.com/a", strict=True
    )
    assert [a["name"] for a in article.authors] == ["Jane Roe"]


def test_a_by_label_padded_by_indentation_is_read() -> None:
    # The element's own text is long only because of the markup's indentation.
    markup = '<div class="meta">\n' + " " * 20 + "by" + " " * 20 + "<span>Jane Roe</span></div>"
    assert _bylines(markup) == ["by Jane Roe"]
