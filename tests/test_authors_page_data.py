"""Authors from the page's own script data (Next.js ``__NEXT_DATA__``), the last resort
when neither metadata nor print credits anyone."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction.document import parse_html
from newsbot.extraction.script_data import data_layer_authors, next_data_authors

BODY = "<p>" + "The council voted on the new budget after a long debate. " * 8 + "</p>"


def _page(props: Any, header: str = "") -> str:
    data = json.dumps({"props": {"pageProps": props}, "page": "/blog/[slug]"})
    return (
        f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{header}"
        f'{BODY}</article><script id="__NEXT_DATA__" type="application/json">{data}</script>'
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("props", "names"),
    [
        ({"frontmatter": {"title": "Budget", "author": "Jane Roe"}}, ["Jane Roe"]),
        ({"post": {"author": {"node": {"name": "Jane Roe"}}}}, ["Jane Roe"]),
        (
            {"content": {"writers": [{"title": "Jane Roe", "jobTitle": "Analyst"}]}},
            ["Jane Roe"],
        ),
        (
            {"page": {"contributors": [{"name": "Jane Roe"}, {"name": "John Doe"}]}},
            ["Jane Roe", "John Doe"],
        ),
        ({"data": {"authors": [{"profile": {"display_name": "Jane Roe"}}]}}, ["Jane Roe"]),
        # the page's own post sits above the related posts: the shallowest author wins
        (
            {
                "related": [{"post": {"author": {"name": "Ann Poe"}}}],
                "post": {"author": {"name": "Jane Roe"}},
            },
            ["Jane Roe"],
        ),
        # settings named "author" hold no name
        ({"config": {"author": {"show_avatar": True}}}, []),
    ],
)
def test_next_data_authors(props: Any, names: list[str]) -> None:
    tree = parse_html(_page(props))
    assert tree is not None
    assert next_data_authors(tree) == names


def test_broken_next_data_gives_nothing() -> None:
    html = '<html><body><script id="__NEXT_DATA__">{"props": [</script></body></html>'
    tree = parse_html(html)
    assert tree is not None
    assert next_data_authors(tree) == []


def test_page_data_is_the_last_resort() -> None:
    props = {"post": {"author": {"name": "Jane Roe"}}}
    article = extract_article(_page(props), "https://example.com/a", strict=True)
    assert [a["name"] for a in article.authors] == ["Jane Roe"]
    printed = _page(props, header='<p class="byline">By John Doe</p>')
    article = extract_article(printed, "https://example.com/a", strict=True)
    assert [a["name"] for a in article.authors] == ["John Doe"]


def test_wordpress_data_layer_author() -> None:
    html = (
        '<html><head><script>var dataLayer_content = {"pagePostType":"post",'
        '"pagePostAuthor":"Jane Ro\\u00e9"};</script></head><body></body></html>'
    )
    tree = parse_html(html)
    assert tree is not None
    assert data_layer_authors(tree) == ["Jane Roé"]
