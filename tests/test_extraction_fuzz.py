"""Hostile input: extract_article either returns a valid item or raises NoArticleError.

Random and truncated HTML, binary bytes, huge attributes and deep nesting; each example
runs under a deadline so a hang fails the test instead of stalling it.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbot.errors import NoArticleError
from newsbot.extraction import extract_article
from newsbot.schema import article_schema

SEED = Path(__file__).resolve().parent / "data" / "golden" / "seed-page.html"
SEED_BYTES = SEED.read_bytes()
URL = "https://example.test/news/story"
FUZZ = settings(max_examples=60, deadline=8000, suppress_health_check=[HealthCheck.too_slow])

TAGS = [
    "p",
    "div",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "span",
    "a",
    "script",
    "article",
    "ul",
    "li",
    "time",
    "img",
    "meta",
    "strong",
]
ATTRS = [
    'class="caption"',
    'class="byline"',
    'itemprop="author"',
    'rel="canonical"',
    'property="og:title" content="x"',
    'datetime="2024-13-45"',
    'alt="(AP Photo/X)"',
    'type="application/ld+json"',
]
TEXTS = [
    "Reuters, Brussels :",
    "LONDON (AP) — ",
    "By Jane Roe and John Doe, Reuters",
    "(Reporting by Jane Roe; Editing by John Doe)",
    "Photo: AFP",
    "told AFP",
    "\u00a0",
    '{"@type": "NewsArticle", "author": [{}], "image": 5}',
    "&amp;",
    "<",
    "—",
    "A long sentence of article text that keeps going for a while, said an official.",
]


def check(html: bytes | str) -> None:
    try:
        article = extract_article(html, URL)
    except NoArticleError:
        return
    item = json.loads(json.dumps(article.to_dict()))
    item["fetchedAt"] = "2026-01-01T00:00:00Z"
    jsonschema.validate(item, article_schema())


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(TAGS))
            attr = draw(st.sampled_from(["", *ATTRS]))
            parts.append(f"<{tag} {attr}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(TEXTS)))
        else:
            parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


@FUZZ
@given(html_soup())
def test_random_markup_never_raises_anything_else(html: str) -> None:
    check(html)


@FUZZ
@given(st.binary(max_size=2000))
def test_binary_bytes_never_raise_anything_else(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.integers(0, len(SEED_BYTES)))
def test_a_truncated_page_never_raises_anything_else(cut: int) -> None:
    check(SEED_BYTES[:cut])


@FUZZ
@given(
    st.sampled_from(["class", "alt", "title", "content", "href", "datetime"]),
    st.integers(100_000, 1_000_000),
)
def test_huge_attributes_never_raise_anything_else(name: str, size: int) -> None:
    value = "Photo: AFP " * (size // 11)
    check(
        f'<html><body><img {name}="{value}"><p {name}="{value}">'
        f"Text of the article, long enough to count as a body paragraph here.</p></body></html>"
    )


@pytest.mark.parametrize("depth", [1_000, 50_000])
@settings(deadline=10_000)
@given(st.sampled_from(["div", "span", "figure", "p"]))
def test_deep_nesting_never_raises_or_hangs(depth: int, tag: str) -> None:
    body = (
        f"<{tag}>" * depth + "<p>Reuters, Brussels : The coalition met on Wednesday, "
        "officials said, and it went on for a long while.</p>" + f"</{tag}>" * depth
    )
    check(f"<html><body>{body}</body></html>")


def test_strict_mode_re_raises_a_broken_field(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbot.extraction import article as assembly

    def broken(*_: object) -> None:
        raise ValueError("broken field")

    monkeypatch.setattr(assembly, "read_jsonld", broken)
    assert extract_article(SEED_BYTES, URL).headline  # lenient: the field is skipped
    with pytest.raises(ValueError, match="broken field"):
        extract_article(SEED_BYTES, URL, strict=True)
