"""Reading WARC archives: which records become pages, and what is skipped and why."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsbot.archives import WarcPage, WarcReader, is_warc_path, iter_warc_pages
from newsbot.errors import InputError
from tests.support.warc_archives import ArchiveBuilder, chunked, gzip_member, page

SUFFIXES = [".warc.gz", ".warc"]


@pytest.fixture(params=SUFFIXES, ids=["gzip", "plain"])
def builder(request: pytest.FixtureRequest, tmp_path: Path) -> ArchiveBuilder:
    return ArchiveBuilder(tmp_path / f"archive{request.param}")


def test_html_responses_become_pages_in_record_order(builder: ArchiveBuilder) -> None:
    path = (
        builder.warcinfo()
        .request("http://a.com/1")
        .response("http://a.com/1", page("One"))
        .metadata("http://a.com/1")
        .revisit("http://a.com/1")
        .response("http://a.com/logo.png", b"\x89PNG\r\n", content_type="image/png")
        .response("http://a.com/feed", b"<rss/>", content_type="application/rss+xml")
        .response("http://a.com/gone", page("Gone"), status="404 Not Found")
        .response("http://a.com/moved", page("Moved"), status="301 Moved Permanently")
        .response("http://a.com/2", page("Two"), content_type="application/xhtml+xml")
        .save()
    )
    reader = WarcReader(path)

    pages = list(reader)

    assert [p.url for p in pages] == ["http://a.com/1", "http://a.com/2"]
    assert pages[0].body == page("One")
    assert pages[0].encoding == "utf-8"
    assert pages[0].status == 200
    assert pages[0].warc_date is not None and pages[0].warc_date.endswith("Z")
    assert pages[1].encoding is None
    assert reader.stats == {
        "records": 10,
        "pages": 2,
        "skipped/warcinfo": 1,
        "skipped/request": 1,
        "skipped/metadata": 1,
        "skipped/revisit": 1,
        "skipped/not_html": 2,
        "skipped/http_status": 2,
    }


def test_html_without_content_type_is_sniffed(builder: ArchiveBuilder) -> None:
    path = (
        builder.response("http://a.com/1", page("One"), content_type=None)
        .response("http://a.com/data", b"\x00\x01binary", content_type=None)
        .save()
    )
    reader = WarcReader(path)

    assert [p.url for p in reader] == ["http://a.com/1"]
    assert reader.stats["skipped/not_html"] == 1


def test_chunked_and_gzip_encoded_payloads_are_decoded(builder: ArchiveBuilder) -> None:
    body = page("Encoded", "x" * 500)
    path = (
        builder.response(
            "http://a.com/chunked",
            chunked(body),
            headers=[("Transfer-Encoding", "chunked")],
        )
        .response(
            "http://a.com/gzip",
            gzip.compress(body),
            headers=[("Content-Encoding", "gzip")],
        )
        .response(
            "http://a.com/both",
            chunked(gzip.compress(body)),
            headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        )
        .save()
    )

    pages = list(WarcReader(path))

    assert [p.url for p in pages] == [
        "http://a.com/chunked",
        "http://a.com/gzip",
        "http://a.com/both",
    ]
    assert [p.body for p in pages] == [body, body, body]


def test_a_truncated_final_record_is_counted_and_skipped(builder: ArchiveBuilder) -> None:
    path = (
        builder.warcinfo()
        .response("http://a.com/1", page("One"))
        .response("http://a.com/2", page("Two", "y" * 2000))
        .save(cut=300)
    )
    reader = WarcReader(path)

    assert [p.url for p in reader] == ["http://a.com/1"]
    assert reader.stats["skipped/truncated"] == 1
    assert reader.stats["pages"] == 1


def test_a_record_that_does_not_parse_is_skipped(tmp_path: Path) -> None:
    cut = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\nCont"
    path = (
        ArchiveBuilder(tmp_path / "cut.warc.gz")
        .response("http://a.com/1", page("One"))
        .raw(gzip_member(cut))
        .save()
    )
    reader = WarcReader(path)

    assert [p.url for p in reader] == ["http://a.com/1"]
    assert reader.stats["skipped/unreadable"] == 1


def test_a_bad_gzip_member_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = (
        ArchiveBuilder(tmp_path / "bad.warc.gz")
        .response("http://a.com/1", page("One"))
        .raw(b"\x1f\x8b\x08\x00 not deflate data \x1f\x8b\x08\x00 nor this")
        .response("http://a.com/2", page("Two"))
        .save()
    )
    reader = WarcReader(path)

    assert [p.url for p in reader] == ["http://a.com/1", "http://a.com/2"]
    assert reader.stats["skipped/bad_gzip_member"] == 1


def test_a_corrupted_member_in_the_middle_is_skipped(tmp_path: Path) -> None:
    builder = ArchiveBuilder(tmp_path / "flipped.warc.gz").response("http://a.com/1", page("One"))
    start = builder.offset()
    builder.response("http://a.com/bad", page("Bad", "z" * 3000))
    end = builder.offset()
    builder.response("http://a.com/3", page("Three"))
    data = bytearray(builder.save().read_bytes())
    middle = (start + end) // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    builder.path.write_bytes(bytes(data))
    reader = WarcReader(builder.path)

    assert [p.url for p in reader] == ["http://a.com/1", "http://a.com/3"]
    assert reader.stats["skipped/bad_gzip_member"] + reader.stats["skipped/truncated"] == 1


def test_payloads_over_the_limit_are_skipped(tmp_path: Path) -> None:
    path = (
        ArchiveBuilder(tmp_path / "big.warc.gz")
        .response("http://a.com/big", page("Big", "b" * 5000))
        .response("http://a.com/small", page("Small"))
        .save()
    )
    reader = WarcReader(path, max_payload=1000)

    assert [p.url for p in reader] == ["http://a.com/small"]
    assert reader.stats["skipped/too_large"] == 1


def test_iter_warc_pages_yields_url_body_and_encoding(tmp_path: Path) -> None:
    path = (
        ArchiveBuilder(tmp_path / "a.warc")
        .response("http://a.com/1", page("One"), content_type="text/html; charset=ISO-8859-1")
        .save()
    )

    assert list(iter_warc_pages(path)) == [("http://a.com/1", page("One"), "iso-8859-1")]


def test_a_file_that_is_not_an_archive_is_an_input_error(tmp_path: Path) -> None:
    html = tmp_path / "page.warc.gz"
    html.write_bytes(gzip.compress(page("Not an archive")))

    with pytest.raises(InputError, match="not a WARC archive"):
        list(WarcReader(html))
    with pytest.raises(InputError, match=r"missing\.warc"):
        list(WarcReader(tmp_path / "missing.warc"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.warc", True), ("A.WARC.GZ", True), ("a.html.gz", False), ("a.warc.bz2", False)],
)
def test_is_warc_path(name: str, expected: bool) -> None:
    assert is_warc_path(name) is expected


@pytest.mark.parametrize(
    ("warc_date", "expected"),
    [
        ("2026-11-27T09:30:00.123456Z", "2026-11-27T09:30:00Z"),
        ("2026-11-27T10:30:00+01:00", "2026-11-27T09:30:00Z"),
        ("2026-11-27T09:30:00", "2026-11-27T09:30:00Z"),
        ("yesterday", None),
        (None, None),
    ],
)
def test_fetched_at_is_the_warc_date_in_utc(warc_date: str | None, expected: str | None) -> None:
    page = WarcPage("http://a.com/", 200, [], b"", None, warc_date, None, 0)

    assert page.fetched_at == expected
