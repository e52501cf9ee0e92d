"""What a resumed job counts as delivered: the URLs in complete feed files."""

from __future__ import annotations

import json
from pathlib import Path

from newsbot.dupefilters import CrawlDupeFilter
from newsbot.extensions.jobresume import JobResume, delivered_urls
from newsbot.feeds.jsonfeed import feed_document
from newsbot.item import Article


def article(n: int) -> dict[str, object]:
    return Article(
        url=f"https://x.test/{n}",
        canonicalUrl=f"https://x.test/canonical/{n}",
        source="x",
        articleBody="Body.",
        fetchedAt="2026-11-27T09:00:00Z",
    ).to_dict()


def test_json_lines_count_only_complete_lines(tmp_path: Path) -> None:
    feed = tmp_path / "out.jsonl"
    feed.write_text(json.dumps(article(1)) + "\n" + json.dumps(article(2))[:40])  # killed mid-line

    assert delivered_urls(feed, "jsonlines") == {"https://x.test/1"}


def test_json_and_json_feed_documents(tmp_path: Path) -> None:
    array, jsonfeed = tmp_path / "out.json", tmp_path / "feed.json"
    array.write_text(json.dumps([article(1), article(2)]))
    jsonfeed.write_text(json.dumps(feed_document([article(3)])))

    assert delivered_urls(array, "json") == {"https://x.test/1", "https://x.test/2"}
    assert delivered_urls(jsonfeed, "jsonfeed") == {"https://x.test/3"}  # the id, not canonical


def test_missing_or_half_written_documents_deliver_nothing(tmp_path: Path) -> None:
    half = tmp_path / "half.json"
    half.write_text('[{"url": "https://x.test/1"}, {"url": ')

    assert delivered_urls(tmp_path / "absent.jsonl", "jsonlines") == set()
    assert delivered_urls(half, "json") == set()


def test_only_fixed_local_feed_paths_are_read(tmp_path: Path) -> None:
    feeds = {
        str(tmp_path / "a.jsonl"): {"format": "jsonlines"},
        (tmp_path / "b.json").as_uri(): {"format": "jsonfeed"},
        str(tmp_path / "%(time)s.jsonl"): {"format": "jsonlines"},
        "s3://bucket/items.jsonl": {"format": "jsonlines"},
    }

    assert JobResume._local_feeds(feeds) == [
        (tmp_path / "a.jsonl", "jsonlines"),
        (tmp_path / "b.json", "jsonfeed"),
    ]


def test_the_dupe_filter_never_writes_requests_seen(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path)})
    dupefilter = CrawlDupeFilter.from_crawler(crawler)

    assert dupefilter.file is None
    assert not (tmp_path / "requests.seen").exists()


def test_job_names_map_to_one_directory_under_the_state_dir(tmp_path: Path) -> None:
    from newsbot.cli.crawl_cmd import job_dir

    state = {"NEWSBOT_STATE_DIR": str(tmp_path)}

    assert job_dir("hourly", state) == str(tmp_path / "jobs" / "hourly")
    assert job_dir("../../etc", state) == str(tmp_path / "jobs" / "_._.._etc")  # stays inside
