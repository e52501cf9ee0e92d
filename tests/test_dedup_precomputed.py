"""Dedup records made beside the extraction are the ones the stage would make, and are
used only while they still fit the article."""

from __future__ import annotations

import asyncio
import pickle
from dataclasses import replace
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy.utils.test import get_crawler

from newsbot.dedup import DedupStage, open_store
from newsbot.dedup.precomputed import attach_record, take_record
from newsbot.dedup.signatures import MinHasher
from newsbot.item import Article, FetchedPage
from newsbot.pipelines.dedup import DedupPipeline
from newsbot.pipelines.extraction import ExtractionPipeline
from newsbot.pipelines.worker import extract_page

BODY = "\n\n".join(
    f"Paragraph {n} of the wire story on the port strike, with enough words in it to make "
    f"several shingles of five words each, numbered {n} for this example."
    for n in range(6)
)
PAGE = (
    "<html><head><title>Port strike</title></head><body><article><h1>Port strike spreads</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    + "</article></body></html>"
)


def article(**changes: object) -> Article:
    made = Article(
        url="https://wire.example/strike?utm_source=x",
        canonicalUrl="https://wire.example/strike",
        source="wire",
        articleBody=BODY,
        datePublished="2024-05-01T09:00:00Z",
        fetchedAt="2024-05-01T10:00:00Z",
    )
    return replace(made, **changes)  # type: ignore[arg-type]


def stage(tmp_path: Path) -> DedupStage:
    return DedupStage(open_store(f"sqlite:///{tmp_path / 'store.sqlite'}"))


def test_the_record_made_ahead_is_the_stage_own_and_is_taken_once(tmp_path: Path) -> None:
    item = article()
    attach_record(item)
    expected = stage(tmp_path).record_for(item.to_dict())
    assert take_record(item, MinHasher()) == expected
    assert take_record(item, MinHasher()) is None


def test_it_travels_with_the_article_but_never_into_its_fields() -> None:
    item = article()
    attach_record(item)
    fields = item.to_dict()
    copy = pickle.loads(pickle.dumps(item))
    assert copy.to_dict() == fields == dict(ItemAdapter(copy))
    assert all(not name.startswith("_") for name in fields)
    assert take_record(copy, MinHasher()) is not None


def test_a_changed_field_or_other_hasher_makes_it_unusable() -> None:
    for change in (
        {"articleBody": BODY + "\n\nA late paragraph."},
        {"canonicalUrl": "https://wire.example/other"},
        {"datePublished": None},
    ):
        item = article()
        attach_record(item)
        for name, value in change.items():
            setattr(item, name, value)
        assert take_record(item, MinHasher()) is None, change
    item = article()
    attach_record(item)
    assert take_record(item, MinHasher(bands=16, rows=6)) is None


def test_a_worker_makes_it_when_asked_and_the_pipeline_uses_it(tmp_path: Path) -> None:
    page = FetchedPage(
        url="https://wire.example/strike",
        source="wire",
        body=PAGE.encode(),
        encoding="utf-8",
        fetchedAt="2024-05-01T10:00:00Z",
    )
    assert take_record(extract_page(page, strict=True), MinHasher()) is None
    extracted = extract_page(page, strict=True, fingerprint=True)
    made = take_record(extracted, MinHasher())
    assert made is not None
    assert made == stage(tmp_path).record_for(extracted.to_dict())

    settings = {"NEWSBOT_STORE": f"sqlite:///{tmp_path / 'pipeline.sqlite'}"}
    assert ExtractionPipeline.from_crawler(get_crawler(settings_dict=settings)).fingerprint
    pipeline = DedupPipeline.from_crawler(get_crawler(settings_dict=settings))
    try:
        first = extract_page(page, strict=True, fingerprint=True)
        kept = asyncio.run(pipeline.process_item(first))
        assert kept.storyId == made.story_id
        assert "_newsbot_dedup_record" not in vars(kept)  # taken: the item goes on without it
    finally:
        pipeline.close_spider()
