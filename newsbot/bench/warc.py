"""WARC extraction throughput: records/s from a ``.warc.gz`` through :func:`extract_article`.

The archive is generated from the aeb corpus (``../shared/corpus/aeb/html/*.html.gz``),
its pages reused under distinct URLs until it holds ``records`` responses. Two figures:
reading alone (decompress, parse, decode the payload) and reading plus extraction, the
path ``newsbot extract``/``newsbot crawl --warc`` take for every record.

Run it with ``python -m newsbot.bench.warc [--records N] [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsbot.archives import Exchange, WarcReader, WarcWriter
from newsbot.errors import ExtractionError, InputError
from newsbot.extraction import extract_article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
RECORDS = 2000


@dataclass(frozen=True)
class WarcBenchResult:
    records: int
    """HTML response records in the archive."""
    archive_bytes: int
    read_seconds: float
    """Reading every record's payload, without extraction."""
    extract_seconds: float
    """Reading and extracting every record."""
    articles: int
    """Records that gave an article (the rest had no article text)."""
    extract_cpu_seconds: float = 0.0
    """CPU time of reading and extracting: the figure that a busy machine disturbs least."""

    @property
    def read_per_s(self) -> float:
        return self.records / self.read_seconds if self.read_seconds else 0.0

    @property
    def records_per_s(self) -> float:
        """The headline figure: records/s for WARC extraction."""
        return self.records / self.extract_seconds if self.extract_seconds else 0.0

    @property
    def records_per_cpu_s(self) -> float:
        return self.records / self.extract_cpu_seconds if self.extract_cpu_seconds else 0.0

    def line(self) -> str:
        return (
            f"WARC extraction: {self.records_per_s:.1f} records/s "
            f"({self.records} records, {self.articles} articles, "
            f"{self.extract_seconds:.1f} s, {self.records_per_cpu_s:.1f} per CPU-second; "
            f"reading alone {self.read_per_s:.0f} records/s, "
            f"{self.archive_bytes / 1e6:.1f} MB archive)"
        )


def corpus_pages(corpus: Path) -> list[tuple[str, bytes]]:
    """``(url, html)`` for every aeb page, in file-name order."""
    base = corpus / "aeb"
    paths = sorted((base / "html").glob("*.html.gz"))
    if not paths:
        raise InputError(f"no corpus pages in {base / 'html'}")
    truth_path = base / "ground-truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8")) if truth_path.is_file() else {}
    pages = []
    for path in paths:
        page_id = path.name.removesuffix(".html.gz")
        url = (truth.get(page_id) or {}).get("url") or f"https://aeb.example/{page_id}"
        pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def _distinct(pages: Sequence[tuple[str, bytes]], records: int) -> Iterator[tuple[str, bytes]]:
    for n in range(records):
        url, html = pages[n % len(pages)]
        if n >= len(pages):
            url = f"{url}{'&' if '?' in url else '?'}newsbot-copy={n // len(pages)}"
        yield url, html


def build_archive(path: Path, pages: Sequence[tuple[str, bytes]], records: int = RECORDS) -> Path:
    """A ``.warc.gz`` of ``records`` HTML responses made from ``pages``."""
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    with WarcWriter(path) as writer:
        for url, html in _distinct(pages, records):
            writer.write(
                Exchange(
                    url=url,
                    status=200,
                    body=html,
                    response_headers=[("Content-Type", "text/html; charset=utf-8")],
                    fetched_at=fetched,
                )
            )
    return path


def bench_warc_extraction(corpus: Path = DEFAULT_CORPUS, records: int = RECORDS) -> WarcBenchResult:
    """Generate the archive in a temporary directory and time reading and extraction."""
    pages = corpus_pages(corpus)
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
        archive = build_archive(Path(tmp) / "bench.warc.gz", pages, records)
        started = time.perf_counter()
        read = sum(1 for _ in WarcReader(archive))
        read_seconds = time.perf_counter() - started
        started, cpu_started = time.perf_counter(), time.process_time()
        articles = 0
        for page in WarcReader(archive):
            try:
                extract_article(page.body, page.url, source="bench", encoding=page.encoding)
            except ExtractionError:
                continue
            articles += 1
        extract_seconds = time.perf_counter() - started
        extract_cpu_seconds = time.process_time() - cpu_started
        return WarcBenchResult(
            records=read,
            archive_bytes=archive.stat().st_size,
            read_seconds=read_seconds,
            extract_seconds=extract_seconds,
            articles=articles,
            extract_cpu_seconds=extract_cpu_seconds,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.bench.warc", description=__doc__)
    parser.add_argument("--records", type=int, default=RECORDS, help="records in the archive")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus root")
    args = parser.parse_args(argv)
    try:
        result = bench_warc_extraction(args.corpus, args.records)
    except InputError as exc:
        parser.exit(2, f"newsbot bench: error: {exc}\n")
    print(result.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
