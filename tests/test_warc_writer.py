"""Writing WARC/1.1 archives: records, digests, rotation and atomic files."""

from __future__ import annotations

import base64
import gzip
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsbot.archives import Exchange, WarcReader, WarcWriter
from tests.support.warc_archives import page


def exchange(n: int, **overrides: object) -> Exchange:
    values: dict[str, object] = {
        "url": f"http://a.com/news/{n}?ref=x",
        "status": 200,
        "body": page(f"Story {n}", "text " * 200),
        "response_headers": [("Content-Type", "text/html; charset=utf-8")],
        "request_headers": [("User-Agent", "newsbot-test"), ("Accept", "text/html")],
        "ip_address": "127.0.0.1",
        "fetched_at": datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
    }
    values.update(overrides)
    return Exchange(**values)  # type: ignore[arg-type]


def sha1(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


@pytest.mark.parametrize("name", ["out.warc.gz", "out.warc"])
def test_warcinfo_then_response_and_request_per_exchange(tmp_path: Path, name: str) -> None:
    with WarcWriter(tmp_path / name) as writer:
        writer.write(exchange(1))
        writer.write(exchange(2))

    with (tmp_path / name).open("rb") as fh:
        records = [
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(fh, check_digests=True)
        ]

    assert [r[0] for r in records] == ["warcinfo", "response", "request", "response", "request"]
    assert records[0][1].protocol == "WARC/1.1"
    assert b"software: newsbot" in records[0][3]
    _, headers, http, body = records[1]
    assert headers.get_header("WARC-Target-URI") == "http://a.com/news/1?ref=x"
    assert headers.get_header("WARC-Date") == "2026-11-27T09:30:00Z"
    assert headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert headers.get_header("WARC-Payload-Digest") == sha1(body)
    assert headers.get_header("WARC-Block-Digest")
    assert http.get_statuscode() == "200"
    assert body == exchange(1).body
    _, request_headers, request_http, _ = records[2]
    assert request_headers.get_header("WARC-Concurrent-To") == headers.get_header("WARC-Record-ID")
    assert request_http.protocol == "GET"
    assert request_http.statusline == "/news/1?ref=x HTTP/1.1"
    assert request_http.get_header("Host") == "a.com"
    assert request_http.get_header("User-Agent") == "newsbot-test"


def test_what_is_written_reads_back_as_the_same_pages(tmp_path: Path) -> None:
    encoded = page("Zipped", "z" * 400)
    with WarcWriter(tmp_path / "out.warc.gz") as writer:
        writer.write(exchange(1))
        writer.write(
            exchange(
                2,
                body=gzip.compress(encoded),
                response_headers=[
                    ("Content-Type", "text/html"),
                    ("Content-Encoding", "gzip"),
                    ("Transfer-Encoding", "chunked"),
                ],
            )
        )

    pages = list(WarcReader(tmp_path / "out.warc.gz"))

    assert [(p.url, p.body) for p in pages] == [
        ("http://a.com/news/1?ref=x", exchange(1).body),
        ("http://a.com/news/2?ref=x", encoded),
    ]
    # The body was de-chunked before it reached the writer: the header must not say chunked.
    assert ("X-Archive-Orig-Transfer-Encoding", "chunked") in pages[1].headers
    assert ("Content-Length", str(len(gzip.compress(encoded)))) in pages[1].headers


def test_files_rotate_at_max_size_each_with_its_warcinfo(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "out.warc.gz", max_size=1)
    for n in range(3):
        writer.write(exchange(n))

    written = writer.close()

    assert [p.name for p in written] == ["out.warc.gz", "out-00001.warc.gz", "out-00002.warc.gz"]
    for n, path in enumerate(written):
        with path.open("rb") as fh:
            kinds = [r.rec_type for r in ArchiveIterator(fh)]
        assert kinds == ["warcinfo", "response", "request"]
        assert [p.url for p in WarcReader(path)] == [f"http://a.com/news/{n}?ref=x"]


def test_a_serial_field_numbers_every_file(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "crawl-{serial:03d}.warc.gz", max_size=1)
    writer.write(exchange(1))
    writer.write(exchange(2))

    assert [p.name for p in writer.close()] == ["crawl-000.warc.gz", "crawl-001.warc.gz"]


def test_an_open_file_keeps_a_temporary_name_until_closed(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "out.warc.gz", max_size=10**9)
    writer.write(exchange(1))

    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.warc.gz.open"]

    writer.close()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.warc.gz"]


def test_rotation_leaves_only_the_current_file_open(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "out.warc.gz", max_size=1)
    writer.write(exchange(1))
    writer.write(exchange(2))

    # Both files are complete: the next exchange would open a third.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-00001.warc.gz", "out.warc.gz"]


def test_closing_without_writing_creates_no_file(tmp_path: Path) -> None:
    assert WarcWriter(tmp_path / "out.warc.gz").close() == []
    assert list(tmp_path.iterdir()) == []


def test_metadata_is_written_before_its_response_and_read_back_with_it(tmp_path: Path) -> None:
    with WarcWriter(tmp_path / "out.warc.gz") as writer:
        writer.write(exchange(1, metadata={"newsbot-kind": "article", "via": "a\nb"}))
        writer.write(exchange(2))

    with (tmp_path / "out.warc.gz").open("rb") as fh:
        records = [(r.rec_type, r.rec_headers) for r in ArchiveIterator(fh, check_digests=True)]
    pages = list(WarcReader(tmp_path / "out.warc.gz"))

    kinds = [kind for kind, _ in records]
    assert kinds == ["warcinfo", "metadata", "response", "request", "response", "request"]
    assert records[1][1].get_header("WARC-Concurrent-To") == records[2][1].get_header(
        "WARC-Record-ID"
    )
    assert [p.metadata for p in pages] == [{"newsbot-kind": "article", "via": "a b"}, {}]


def test_an_existing_archive_is_never_overwritten(tmp_path: Path) -> None:
    with WarcWriter(tmp_path / "out.warc.gz") as first:
        first.write(exchange(1))
    (tmp_path / "out-00001.warc.gz.open").write_bytes(b"")  # a run that was killed

    with WarcWriter(tmp_path / "out.warc.gz") as second:
        second.write(exchange(2))

    assert second.written == [tmp_path / "out-00002.warc.gz"]
    assert [p.url for p in WarcReader(tmp_path / "out.warc.gz")] == ["http://a.com/news/1?ref=x"]
    assert [p.url for p in WarcReader(second.written[0])] == ["http://a.com/news/2?ref=x"]
