"""``jsonfeed`` is a Scrapy feed-export format: ``scrapy crawl SOURCE -O feed.json:jsonfeed``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema

from newsbot import settings
from newsbot.feeds.jsonfeed_exporter import JsonFeedItemExporter
from newsbot.item import Article
from tests.support.conditional_site import article_path, running_site, write_site, write_source


def article(n: int) -> Article:
    return Article(
        url=f"https://x.test/{n}",
        source="x",
        articleBody=f"Story {n}.",
        headline=f"Headline {n}",
        fetchedAt="2026-01-01T00:00:00Z",
    )


def schema_validator(data_dir: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((data_dir / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_the_exporter_writes_one_feed_of_dataclass_items(data_dir: Path) -> None:
    buffer = io.BytesIO()
    exporter = JsonFeedItemExporter(buffer, indent=2)

    exporter.start_exporting()
    for n in (1, 2):
        exporter.export_item(article(n))
    exporter.finish_exporting()

    feed = json.loads(buffer.getvalue())
    assert [i["title"] for i in feed["items"]] == ["Headline 1", "Headline 2"]
    assert feed["title"] == "newsbot: x"
    schema_validator(data_dir).validate(feed)


def test_the_exporter_honours_fields_to_export_and_a_title(data_dir: Path) -> None:
    buffer = io.BytesIO()
    exporter = JsonFeedItemExporter(
        buffer, feed_title="Desk", fields_to_export=["url", "articleBody", "source"]
    )

    exporter.start_exporting()
    exporter.export_item(article(1))
    exporter.finish_exporting()

    feed = json.loads(buffer.getvalue())
    assert feed["title"] == "Desk"
    assert "title" not in feed["items"][0]  # headline was not exported
    schema_validator(data_dir).validate(feed)


SPIDER = textwrap.dedent(
    """
    import scrapy
    from newsbot.item import Article

    class Items(scrapy.Spider):
        name = "items"

        async def start(self):
            for n in range(3):
                yield Article(url=f"https://x.test/{n}", source="x", articleBody="Body.",
                              fetchedAt="2026-01-01T00:00:00Z")
    """
)


def test_scrapy_writes_the_jsonfeed_format_through_feeds(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "items_spider.py").write_text(SPIDER)
    exporters = json.dumps(settings.FEED_EXPORTERS)

    subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "runspider",
            "items_spider.py",
            "-O",
            "feed.json:jsonfeed",
            "-s",
            f"FEED_EXPORTERS={exporters}",
            "-L",
            "WARNING",
        ],
        cwd=tmp_path,
        check=True,
        timeout=120,
    )

    feed = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in feed["items"]] == [f"https://x.test/{n}" for n in range(3)]
    schema_validator(data_dir).validate(feed)


def test_scrapy_crawl_of_a_source_writes_a_valid_json_feed(tmp_path: Path, data_dir: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with running_site(root, tmp_path / "requests.jsonl") as site:
        write_site(root, site.url, [1, 2])
        write_source(tmp_path / "sources", "localnews", site.url)
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newsbot.settings"}
        subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "localnews", "-O", "feed.json:jsonfeed",
             "-s", "NEWSBOT_SOURCES_DIR=sources", "-L", "WARNING"],
            cwd=tmp_path, env=env, check=True, timeout=180,
        )  # fmt: skip

    feed = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    schema_validator(data_dir).validate(feed)
    assert feed["title"] == "newsbot: localnews"
    assert sorted(i["id"] for i in feed["items"]) == [site.url + article_path(n) for n in (1, 2)]
    assert all(i["content_text"] and i["_newsbot"]["source"] == "localnews" for i in feed["items"])
