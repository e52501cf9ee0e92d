"""Articles become JSON Feed 1.1 items, valid against a schema written from the spec."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsbot.feeds.jsonfeed import (
    VERSION,
    article_from_feed_item,
    feed_document,
    feed_item,
    rfc3339,
)
from newsbot.feeds.writers import write_jsonfeed, write_jsonlines
from newsbot.item import Article


@pytest.fixture(scope="module")
def validator(data_dir: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((data_dir / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def wire_story(**changes: Any) -> dict[str, Any]:
    article = Article(
        url="https://example.com/world/eu-summit-123",
        canonicalUrl="https://example.com/world/eu-summit",
        source="example",
        siteName="Example News",
        headline="EU leaders agree on budget",
        alternativeHeadline=None,
        description="A deal after two days of talks.",
        articleBody="BRUSSELS leaders agreed.\n\nThe deal runs to 2030.",
        authors=[{"name": "Jane Roe", "nameRaw": "By Jane Roe"}],
        byline="By Jane Roe",
        dateline={
            "raw": "BRUSSELS, Dec 3 (Reuters) -",
            "place": "BRUSSELS",
            "date": "Dec 3",
            "agency": "Reuters",
        },
        agencies=["Reuters"],
        captions=[
            {
                "text": "Leaders meet.",
                "credit": "REUTERS/John Doe",
                "imageUrl": "https://example.com/a.jpg",
            }
        ],
        mainImage={"url": "https://example.com/a.jpg"},
        datePublished="2026-12-03T10:15:00+01:00",
        datePublishedRaw="3 Dec 2026 10:15 CET",
        dateModified="2026-12-03T09:30:00+00:00",
        inLanguage="en",
        articleSection="World",
        keywords=["EU", "budget"],
        storyId="s-42",
        fetchedAt="2026-12-03T11:00:00Z",
    ).to_dict()
    article.update(changes)
    return article


def test_a_full_article_maps_to_json_feed_fields(
    validator: jsonschema.protocols.Validator,
) -> None:
    item = feed_item(wire_story())

    assert item["id"] == "https://example.com/world/eu-summit-123"
    assert item["url"] == "https://example.com/world/eu-summit"
    assert item["title"] == "EU leaders agree on budget"
    assert item["content_text"] == "BRUSSELS leaders agreed.\n\nThe deal runs to 2030."
    assert item["summary"] == "A deal after two days of talks."
    assert item["image"] == "https://example.com/a.jpg"
    assert item["date_published"] == "2026-12-03T10:15:00+01:00"
    assert item["date_modified"] == "2026-12-03T09:30:00Z"
    assert item["authors"] == [{"name": "Jane Roe"}]
    assert item["tags"] == ["EU", "budget"]
    assert item["language"] == "en"
    extension = item["_newsbot"]
    assert extension["agencies"] == ["Reuters"]
    assert extension["storyId"] == "s-42"
    assert extension["dateline"]["place"] == "BRUSSELS"
    assert "articleBody" not in extension  # carried once, as content_text
    validator.validate(feed_document([wire_story()]))


def test_a_minimal_article_gives_a_valid_item_without_empty_fields(
    validator: jsonschema.protocols.Validator,
) -> None:
    minimal = Article(
        url="https://x.test/a", source="x", articleBody="Text.", fetchedAt="2026-01-01T00:00:00Z"
    ).to_dict()

    item = feed_item(minimal)

    assert set(item) == {"id", "url", "content_text", "_newsbot"}
    validator.validate(feed_document([minimal]))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-03T10:15:00+01:00", "2026-12-03T10:15:00+01:00"),
        ("2026-12-03T10:15:00.250000+00:00", "2026-12-03T10:15:00.250000Z"),
        ("2026-12-03T10:15:00Z", "2026-12-03T10:15:00Z"),
        ("2026-12-03T10:15:00", None),  # no offset: would be a guess
        ("2026-12-03", None),  # no time
        ("yesterday", None),
        (None, None),
    ],
)
def test_dates_are_rfc3339_or_left_out(value: str | None, expected: str | None) -> None:
    assert rfc3339(value) == expected


def test_a_date_json_feed_cannot_hold_stays_in_the_extension(
    validator: jsonschema.protocols.Validator,
) -> None:
    item = feed_item(wire_story(datePublished="2026-12-03", inLanguage="en_US"))

    assert "date_published" not in item
    assert item["_newsbot"]["datePublished"] == "2026-12-03"
    assert item["language"] == "en-US"
    validator.validate(feed_document([wire_story(datePublished="2026-12-03")]))


def test_the_extension_gives_the_article_back_unchanged() -> None:
    for article in (wire_story(), wire_story(headline=None, keywords=[], description=None)):
        assert article_from_feed_item(feed_item(article)) == article


def test_an_empty_feed_is_valid(validator: jsonschema.protocols.Validator) -> None:
    document = feed_document([])

    assert document == {"version": VERSION, "title": "newsbot", "items": []}
    validator.validate(document)


def test_the_streaming_writer_matches_the_document(
    validator: jsonschema.protocols.Validator,
) -> None:
    articles = [wire_story(), wire_story(url="https://other.test/b", source="other")]
    buffer = io.BytesIO()

    count = write_jsonfeed(buffer, articles)

    written = json.loads(buffer.getvalue())
    assert count == 2
    assert written == feed_document(articles)
    assert written["title"] == "newsbot: example, other"
    validator.validate(written)


def test_the_streaming_writer_keeps_a_given_title_first() -> None:
    buffer = io.BytesIO()

    write_jsonfeed(buffer, [], title="Wire desk")

    assert buffer.getvalue().startswith(b'{"version":"https://jsonfeed.org/version/1.1","title"')
    assert json.loads(buffer.getvalue())["title"] == "Wire desk"


def test_the_schema_rejects_what_the_spec_forbids(
    validator: jsonschema.protocols.Validator,
) -> None:
    good = feed_document([wire_story()])
    no_content = json.loads(json.dumps(good))
    del no_content["items"][0]["content_text"]
    bad_date = json.loads(json.dumps(good))
    bad_date["items"][0]["date_published"] = "2026-12-03"
    unknown_key = json.loads(json.dumps(good))
    unknown_key["items"][0]["headline"] = "not a JSON Feed key"

    for broken in (no_content, bad_date, unknown_key, {"version": VERSION, "items": []}):
        assert not validator.is_valid(broken)


def test_json_lines_writes_one_article_per_line() -> None:
    buffer = io.BytesIO()

    write_jsonlines(buffer, [wire_story(), wire_story(url="https://x.test/2")])

    lines = buffer.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line)["url"] for line in lines] == [
        "https://example.com/world/eu-summit-123",
        "https://x.test/2",
    ]
