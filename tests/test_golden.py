"""Golden files: saved pages and the item newsbot must extract from each, field by field.

The pages and their origins are listed in tests/data/golden/pages.json (and SOURCES.md);
``python scripts/regen_golden.py`` rewrites the expectations after a reviewed change.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsbot.extraction import extract_article
from newsbot.item import FIELD_NAMES
from newsbot.schema import article_schema

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
MANIFEST: dict[str, dict[str, str]] = json.loads((GOLDEN / "pages.json").read_text("utf-8"))
FETCHED_AT = "2026-01-01T00:00:00Z"
SEED_LABELS = GOLDEN / "seed-page.labels.json"


def _extract(name: str) -> dict[str, Any]:
    entry = MANIFEST[name]
    data = (GOLDEN / entry["file"]).read_bytes()
    if entry["file"].endswith(".gz"):
        data = gzip.decompress(data)
    article = extract_article(
        data, entry["url"], source="golden", fetched_at=FETCHED_AT, strict=True
    )
    return article.to_dict()


@pytest.fixture(scope="module", params=sorted(MANIFEST))
def golden(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    name = request.param
    expected = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    return _extract(name), expected


@pytest.mark.parametrize("field", FIELD_NAMES)
def test_field_matches_golden(golden: tuple[dict[str, Any], dict[str, Any]], field: str) -> None:
    item, expected = golden
    assert item[field] == expected[field]


def test_golden_items_are_valid_against_the_schema(
    golden: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    item, _ = golden
    jsonschema.validate(item, article_schema())


def test_seed_page_gives_every_labelled_field() -> None:
    """The seed page against ../shared/seed/seed-page.json (copied beside it)."""
    labels = json.loads(SEED_LABELS.read_text("utf-8"))
    item = _extract("seed-page")
    assert item["url"] == labels["url"]
    assert item["headline"] == labels["headline"]
    assert item["alternativeHeadline"] == labels["alternativeHeadline"]
    assert [a["name"] for a in item["authors"]] == labels["authors"]
    dateline = item["dateline"]
    assert {k: dateline[k] for k in ("place", "agency", "date")} == labels["dateline"]
    assert item["agencies"] == labels["agencies"]
    assert [{"text": c["text"], "credit": c["credit"]} for c in item["captions"]] == labels[
        "captions"
    ]
    assert item["datePublished"][:10] == labels["datePublished"]
    assert item["inLanguage"] == labels["inLanguage"]
    assert item["articleSection"] == labels["articleSection"]
    assert item["articleBody"].split("\n\n") == labels["bodyParagraphs"]
    for snippet in labels["mustNotContain"]:
        assert snippet not in item["articleBody"]
