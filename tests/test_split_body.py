"""Article bodies cut into several same-class containers are extracted whole."""

from __future__ import annotations

from newsbot.extraction import extract_article
from newsbot.extraction.document import PageIndex, element_text, parse_html
from newsbot.extraction.split_body import join_split_body

URL = "https://news.example/story"


def _prose(n: int) -> str:
    return (
        f"Paragraph {n} of the story goes on about the harbour works, the council vote and "
        f"what residents told reporters at the meeting on the quay that evening, number {n}."
    )


def _chunk(first: int, last: int) -> str:
    paragraphs = "".join(f"<p>{_prose(n)}</p>" for n in range(first, last + 1))
    return f'<div class="grid"><div class="body article__body">{paragraphs}</div></div>'


AD = '<div class="ad-slot"><p>Advertisement</p></div>'


def _page(middle: str) -> str:
    return (
        "<html><head><title>Harbour works</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        "<main><article><h1>Harbour works to go ahead</h1>"
        f"<div class='chunks'>{middle}</div></article></main>"
        "<footer><p>About us. Contact. Privacy.</p></footer></body></html>"
    )


def test_chunks_of_one_body_are_joined_in_order() -> None:
    tree = parse_html(_page(_chunk(1, 3) + AD + _chunk(4, 6) + AD + _chunk(7, 9)))
    assert tree is not None
    assert join_split_body(PageIndex(tree)) == 2
    bodies = tree.find_class("article__body")
    assert len(bodies) == 1
    text = element_text(bodies[0])
    assert [text.index(f"Paragraph {n} ") for n in range(1, 10)] == sorted(
        text.index(f"Paragraph {n} ") for n in range(1, 10)
    )


def test_the_whole_split_body_is_extracted() -> None:
    article = extract_article(_page(_chunk(1, 4) + AD + _chunk(5, 8)), URL)
    for n in range(1, 9):
        assert _prose(n) in article.articleBody
    assert "Advertisement" not in article.articleBody


def test_a_second_story_after_a_headline_is_not_joined() -> None:
    second = "<h1>Another story entirely</h1>" + _chunk(5, 8)
    tree = parse_html(_page(_chunk(1, 4) + second))
    assert tree is not None
    assert join_split_body(PageIndex(tree)) == 0
    assert len(tree.find_class("article__body")) == 2


def test_bodies_in_different_articles_are_not_joined() -> None:
    page = (
        "<html><body><article>" + _chunk(1, 4) + "</article>"
        "<article>" + _chunk(5, 8) + "</article></body></html>"
    )
    tree = parse_html(page)
    assert tree is not None
    assert join_split_body(PageIndex(tree)) == 0


def test_chunks_beside_more_prose_elsewhere_are_left_alone() -> None:
    # The body-classed blocks are only an intro and a note; the article is in between.
    between = "".join(f'<div class="block"><p>{_prose(n)}</p></div>' for n in range(10, 30))
    tree = parse_html(_page(_chunk(1, 1) + between + _chunk(2, 2)))
    assert tree is not None
    assert join_split_body(PageIndex(tree)) == 0


def test_teasers_without_prose_are_not_joined() -> None:
    teasers = "".join(f'<div class="post-content"><p>Short teaser {n}.</p></div>' for n in range(5))
    tree = parse_html(_page(teasers))
    assert tree is not None
    assert join_split_body(PageIndex(tree)) == 0
