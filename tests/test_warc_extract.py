"""`newsbot extract` on archives: one line per HTML response record, in record order."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema

from newsbot.schema import article_schema
from tests.support.warc_archives import ArchiveBuilder, chunked
from tests.support.warc_archives import article_page as page


def extract(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = subprocess.run(
        [sys.executable, "-m", "newsbot", "extract", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()]


def test_every_html_record_becomes_one_line_in_record_order(tmp_path: Path) -> None:
    archive = (
        ArchiveBuilder(tmp_path / "news.warc.gz")
        .warcinfo()
        .request("https://example.com/a")
        .response("https://example.com/a", page("Harbour plan approved"))
        .response("https://example.com/style.css", b"body{}", content_type="text/css")
        .revisit("https://example.com/a")
        .response(
            "https://example.com/b",
            chunked(gzip.compress(page("Bridge reopens after repairs"))),
            headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        )
        .response("https://example.com/empty", b"<html><body></body></html>")
        .save()
    )
    html = tmp_path / "c.html"
    html.write_bytes(page("Schools close for storm"))

    status, lines = extract(str(archive), str(html), "--url", "https://example.com/c")

    assert status == 1  # the empty page has no article
    assert [line.get("url") for line in lines] == [
        "https://example.com/a",
        "https://example.com/b",
        None,
        "https://example.com/c",
    ]
    assert lines[2]["error"].startswith("https://example.com/empty: ")
    assert [line["input"] for line in lines] == [str(archive)] * 3 + [str(html)]
    assert [line.get("headline") for line in lines] == [
        "Harbour plan approved",
        "Bridge reopens after repairs",
        None,
        "Schools close for storm",
    ]
    assert lines[0]["source"] == "example.com"
    for line in (lines[0], lines[1], lines[3]):
        line.pop("input")
        jsonschema.validate(line, article_schema())


def test_an_unreadable_archive_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_text("<html>not an archive</html>")

    status, lines = extract(str(bad), str(tmp_path / "missing.warc.gz"))

    assert status == 1
    assert [line["input"] for line in lines] == [str(bad), str(tmp_path / "missing.warc.gz")]
    assert "not a WARC archive" in lines[0]["error"]
    assert "No such file" in lines[1]["error"]
