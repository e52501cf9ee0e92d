"""The extraction pipeline: FetchedPage in, Article out, or a counted drop."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest
from scrapy.exceptions import DropItem

import newsbot.extraction
from newsbot.item import Article, FetchedPage
from newsbot.pipelines.extraction import ExtractionPipeline

ARTICLE_HTML = b"""<html lang="en"><head><title>Ministers agree a budget | Example</title></head>
<body><article><h1>Ministers agree a budget</h1>
<p>LONDON, Nov 26 (Reuters) - Finance ministers agreed on a budget on Thursday after talks
that ran through the night, officials said, ending weeks of uncertainty for public services.</p>
<p>The deal raises spending on hospitals and schools while trimming subsidies for fuel, and
it still needs the approval of parliament, where the government holds a narrow majority.</p>
<p>Opposition leaders said they would study the details before deciding how to vote on the
package, which the treasury described as the most balanced in a decade.</p>
</article></body></html>"""


class Stats:
    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count


def page(body: bytes) -> FetchedPage:
    return FetchedPage(
        url="https://example.com/2026/11/26/budget/",
        source="example",
        body=body,
        encoding="utf-8",
        fetchedAt="2026-11-26T12:00:00Z",
        siteName="Example",
        discovered={"title": "Ministers agree a budget"},
    )


def process(pipeline: ExtractionPipeline, item: Any) -> Any:
    return asyncio.run(pipeline.process_item(item))


def test_a_page_becomes_an_article() -> None:
    stats = Stats()
    article = process(ExtractionPipeline(stats, strict=True), page(ARTICLE_HTML))  # type: ignore[arg-type]
    assert isinstance(article, Article)
    assert article.url == "https://example.com/2026/11/26/budget/"
    assert article.source == "example"
    assert article.fetchedAt == "2026-11-26T12:00:00Z"
    assert "hospitals and schools" in article.articleBody
    assert stats.values == {"newsbot/extraction/articles": 1}


def test_other_items_pass_through() -> None:
    item = {"url": "x"}
    assert process(ExtractionPipeline(Stats()), item) is item  # type: ignore[arg-type]


@pytest.mark.parametrize("strict", [False, True])
def test_a_page_without_article_text_is_dropped_strict_or_not(strict: bool) -> None:
    stats = Stats()
    empty = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(DropItem, match="no article text"):
        process(ExtractionPipeline(stats, strict=strict), page(empty))  # type: ignore[arg-type]
    assert stats.values == {"newsbot/extraction/no_article": 1}


def test_an_unexpected_error_is_dropped_and_counted_or_raised_when_strict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Article:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(newsbot.extraction, "extract_article", broken)
    stats = Stats()
    with pytest.raises(DropItem, match="extraction failed"):
        process(ExtractionPipeline(stats), page(ARTICLE_HTML))  # type: ignore[arg-type]
    assert stats.values == {"newsbot/extraction/error": 1}
    with pytest.raises(RuntimeError, match="parser bug"):
        process(ExtractionPipeline(stats, strict=True), page(ARTICLE_HTML))  # type: ignore[arg-type]
