"""The WARC bench: a generated archive of corpus pages under distinct URLs, timed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.archives import WarcReader
from newsbot.bench.warc import bench_warc_extraction, build_archive


def test_the_archive_reuses_pages_under_distinct_urls(tmp_path: Path) -> None:
    pages = [("https://a.com/x", b"<html>x</html>"), ("https://a.com/y?p=1", b"<html>y</html>")]

    archive = build_archive(tmp_path / "bench.warc.gz", pages, records=5)

    assert [(p.url, p.body) for p in WarcReader(archive)] == [
        ("https://a.com/x", b"<html>x</html>"),
        ("https://a.com/y?p=1", b"<html>y</html>"),
        ("https://a.com/x?newsbot-copy=1", b"<html>x</html>"),
        ("https://a.com/y?p=1&newsbot-copy=1", b"<html>y</html>"),
        ("https://a.com/x?newsbot-copy=2", b"<html>x</html>"),
    ]


@pytest.mark.shared
def test_the_bench_reports_records_per_second(shared_dir: Path) -> None:
    result = bench_warc_extraction(shared_dir / "corpus", records=4)

    assert result.records == 4
    assert result.articles == 4
    assert result.records_per_s > 0
    assert "records/s" in result.line()
