"""The Scrapy glue: DedupPipeline and SeenUrlMiddleware around the dedup stage."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem, IgnoreRequest, NotConfigured
from scrapy.utils.test import get_crawler

from newsbot.dedup.precomputed import attach_record
from newsbot.item import Article
from newsbot.middlewares.seen_urls import SeenUrlMiddleware
from newsbot.pipelines.dedup import DedupPipeline

BODY = [
    f"Paragraph {n} of the wire story on the port strike, with enough words in it to make "
    f"several shingles of five words each, numbered {n} for this example."
    for n in range(6)
]


def article(url: str, paragraphs: list[str]) -> Article:
    return Article(
        url=url,
        source=url.split("/")[2],
        articleBody="\n\n".join(paragraphs),
        fetchedAt="2024-05-01T10:00:00Z",
        datePublished="2024-05-01T09:00:00Z",
    )


def extracted(url: str, paragraphs: list[str]) -> Article:
    """An article as the extraction workers hand it over: its dedup record made ahead."""
    made = article(url, paragraphs)
    attach_record(made)
    return made


def crawler_settings(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    return {"NEWSBOT_STORE": f"sqlite:///{tmp_path / 'store.sqlite'}", **extra}


def process(pipeline: DedupPipeline, item: Article) -> Any:
    return asyncio.run(pipeline.process_item(item))


def test_kept_items_are_annotated_stored_and_copies_dropped(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict=crawler_settings(tmp_path))
    pipeline = DedupPipeline.from_crawler(crawler)
    try:
        first = process(pipeline, article("https://wire.example/1", BODY))
        near = process(pipeline, article("https://daily.example/1", BODY[:-1]))
        with pytest.raises(DropItem, match="url duplicate"):
            process(pipeline, article("https://wire.example/1", BODY))
        with pytest.raises(DropItem, match="exact duplicate"):
            process(pipeline, article("https://herald.example/1", [p.upper() for p in BODY]))
        assert near.storyId == first.storyId
        assert (first.duplicateOf, near.duplicateOf) == (None, "https://wire.example/1")
        stored = [a["url"] for a in pipeline.store.iter_articles()]
        assert sorted(stored) == ["https://daily.example/1", "https://wire.example/1"]
    finally:
        pipeline.close_spider()
    stats = crawler.stats.get_stats()
    assert stats["newsbot/dedup/url_duplicate"] == 1
    assert stats["newsbot/dedup/exact_duplicate"] == 1
    assert stats["newsbot/dedup/near_duplicate"] == 1


def test_near_copies_are_dropped_under_the_drop_policy(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict=crawler_settings(tmp_path, NEWSBOT_DEDUP_NEAR="drop"))
    pipeline = DedupPipeline.from_crawler(crawler)
    try:
        process(pipeline, article("https://wire.example/1", BODY))
        with pytest.raises(DropItem, match="near duplicate of"):
            process(pipeline, article("https://daily.example/1", BODY[:-1]))
    finally:
        pipeline.close_spider()


@pytest.mark.parametrize(
    ("settings", "reason"),
    [({"NEWSBOT_STORE": ""}, "dedup is off"), ({"NEWSBOT_DEDUP_NEAR": "merge"}, "annotate")],
)
def test_dedup_is_not_configured_when_off_or_misconfigured(
    tmp_path: Path, settings: dict[str, str], reason: str
) -> None:
    crawler = get_crawler(settings_dict={**crawler_settings(tmp_path), **settings})
    with pytest.raises(NotConfigured, match=reason):
        DedupPipeline.from_crawler(crawler)


def test_article_requests_seen_in_an_earlier_run_are_not_downloaded(tmp_path: Path) -> None:
    settings = crawler_settings(tmp_path)
    pipeline = DedupPipeline.from_crawler(get_crawler(settings_dict=settings))
    process(pipeline, article("https://wire.example/1", BODY))
    pipeline.close_spider()

    crawler = get_crawler(settings_dict=settings)
    middleware = SeenUrlMiddleware.from_crawler(crawler)
    try:
        seen = Request("https://wire.example/1#comments", meta={"newsbot_kind": "article"})
        with pytest.raises(IgnoreRequest):
            middleware.process_request(seen)
        # Not raising: the request goes on to the download.
        middleware.process_request(
            Request("https://wire.example/2", meta={"newsbot_kind": "article"})
        )
        middleware.process_request(
            Request("https://wire.example/1", meta={"newsbot_kind": "sitemap"})
        )
    finally:
        middleware.spider_closed()
    assert crawler.stats.get_value("newsbot/dedup/seen_url_skipped") == 1


def test_items_checked_together_are_decided_in_the_order_they_arrived(tmp_path: Path) -> None:
    """Checks run one at a time, first come first decided: of copies that arrive together,
    the first is the one kept, run after run."""
    crawler = get_crawler(settings_dict=crawler_settings(tmp_path))
    pipeline = DedupPipeline.from_crawler(crawler)
    copies = [article(f"https://outlet{n}.example/story", BODY) for n in range(12)]

    async def all_at_once() -> list[Any]:
        return await asyncio.gather(
            *(pipeline.process_item(item) for item in copies), return_exceptions=True
        )

    try:
        results = asyncio.run(all_at_once())
    finally:
        pipeline.close_spider()
    assert results[0] is copies[0]
    assert all(isinstance(r, DropItem) and "exact duplicate" in str(r) for r in results[1:])


def test_the_stored_article_is_the_item_as_written(tmp_path: Path) -> None:
    """The pipeline reads the item's fields without copying them; what it stores is the
    item's JSON object, annotated, with its lists and objects intact."""
    crawler = get_crawler(settings_dict=crawler_settings(tmp_path))
    pipeline = DedupPipeline.from_crawler(crawler)
    item = article("https://wire.example/9", BODY)
    item.keywords = ["strike", "ports"]
    item.captions = [{"text": "Dockers march.", "credit": "Reuters", "imageUrl": None}]
    view = item.fields_view()
    assert view == item.to_dict() and view["keywords"] is item.keywords
    try:
        kept = process(pipeline, item)
        (stored,) = list(pipeline.store.iter_articles())
    finally:
        pipeline.close_spider()
    assert stored == kept.to_dict()
    assert stored["captions"] == [{"text": "Dockers march.", "credit": "Reuters", "imageUrl": None}]


def test_checks_behind_another_writer_wait_on_the_thread_and_keep_their_order(
    tmp_path: Path,
) -> None:
    crawler = get_crawler(settings_dict=crawler_settings(tmp_path))
    pipeline = DedupPipeline.from_crawler(crawler)
    other = sqlite3.connect(tmp_path / "store.sqlite", isolation_level=None)

    async def behind_another_writer() -> tuple[Article, Article, Article]:
        other.execute("BEGIN IMMEDIATE")  # another crawl writing to the same store
        first = asyncio.ensure_future(
            pipeline.process_item(extracted("https://wire.example/1", BODY))
        )
        copy = asyncio.ensure_future(
            pipeline.process_item(extracted("https://daily.example/1", BODY[:-1]))
        )
        await asyncio.sleep(0)  # both have started, and neither could be decided yet
        assert not first.done() and not copy.done()
        other.execute("COMMIT")
        decided = await first, await copy
        # the store free again, the next check is made at once
        harvest = [
            f"A harvest fair in the hills drew crowds on day {n} of its run." for n in range(6)
        ]
        later = await pipeline.process_item(extracted("https://herald.example/9", harvest))
        return (*decided, later)

    try:
        first, copy, later = asyncio.run(behind_another_writer())
    finally:
        other.close()
        pipeline.close_spider()
    assert (first.duplicateOf, copy.duplicateOf) == (None, "https://wire.example/1")
    assert later.duplicateOf is None
    assert crawler.stats.get_value("newsbot/dedup/deferred") == 2


def test_an_article_without_a_record_made_ahead_is_checked_on_the_thread(tmp_path: Path) -> None:
    # Making its record (shingles, MinHash) is CPU work the reactor's thread is spared.
    crawler = get_crawler(settings_dict=crawler_settings(tmp_path))
    pipeline = DedupPipeline.from_crawler(crawler)
    try:
        kept = process(pipeline, article("https://wire.example/1", BODY))
        made_ahead = process(pipeline, extracted("https://daily.example/1", BODY[:-1]))
    finally:
        pipeline.close_spider()
    assert (kept.duplicateOf, made_ahead.duplicateOf) == (None, "https://wire.example/1")
    assert crawler.stats.get_value("newsbot/dedup/deferred") == 1
