"""Scheduled runs fetch only what is new.

The second run of an unchanged site asks for its sitemap and robots.txt conditionally
(If-None-Match / If-Modified-Since, read from the server's request log), gets 304s,
downloads no article page and writes no item. An article added before the third run is
the only page it fetches and the only item it writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.conditional_site import (
    ConditionalSite,
    article_path,
    write_site,
    write_source,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path: Path) -> Iterator[ConditionalSite]:
    root = tmp_path / "site"
    root.mkdir()
    server = ConditionalSite(root, tmp_path / "requests.jsonl")
    write_site(root, server.url, range(1, 4))
    write_source(tmp_path / "sources", "localnews", server.url)
    yield server
    server.stop()


def crawl(workdir: Path, output: str) -> list[dict[str, object]]:
    """One scheduled run, in ``workdir`` (where the state lives), as cron would start it."""
    result = subprocess.run(
        [sys.executable, "-m", "newsbot", "crawl", "localnews", "--sources-dir", "sources",
         "-o", output, "--quiet"],
        cwd=workdir, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = (workdir / output).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def article_requests(site: ConditionalSite) -> list[str]:
    return [r["path"] for r in site.requests() if r["path"].startswith("/news/")]


def test_an_unchanged_site_costs_only_conditional_requests(
    site: ConditionalSite, tmp_path: Path
) -> None:
    first = crawl(tmp_path, "run1.jsonl")
    assert len(first) == 3
    site.clear_log()

    second = crawl(tmp_path, "run2.jsonl")

    assert second == []
    assert article_requests(site) == []
    discovery = {r["path"]: r for r in site.requests()}
    for path in ("/sitemap.xml", "/robots.txt"):
        assert discovery[path]["if_none_match"], discovery[path]
        assert discovery[path]["if_modified_since"], discovery[path]
        assert discovery[path]["status"] == 304


def test_a_new_article_is_the_only_item_of_the_next_run(
    site: ConditionalSite, tmp_path: Path
) -> None:
    crawl(tmp_path, "run1.jsonl")
    write_site(site.root, site.url, range(1, 5))  # story 4 appears in the sitemap
    site.clear_log()

    items = crawl(tmp_path, "run2.jsonl")

    assert [item["url"] for item in items] == [site.url + article_path(4)]
    assert article_requests(site) == [article_path(4)]
    sitemap = next(r for r in site.requests() if r["path"] == "/sitemap.xml")
    assert sitemap["if_none_match"] and sitemap["status"] == 200  # changed: a full answer
