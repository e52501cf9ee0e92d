"""Extraction time per page: ours (:func:`extract_article`) against bare ``trafilatura.extract``.

Both run in this one process over the same aeb pages, alternating page by page so a busy
machine disturbs them alike, after the warm-up the crawl's workers get (first-use loading
of stoplists and locale data is not a per-page cost). CPU time per page is the headline
figure (the machine is shared); wall time is given beside it and is what the crawl's
ratio uses.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbot.bench import aeb_pages
from newsbot.errors import ExtractionError

RATIO_TARGET = 1.5


@dataclass(frozen=True)
class ExtractionBenchResult:
    pages: int
    ours_ms: float
    """CPU ms per page of :func:`extract_article`."""
    bare_ms: float
    """CPU ms per page of ``trafilatura.extract`` with its defaults."""
    ours_wall_ms: float
    bare_wall_ms: float
    articles: int
    """Pages ours made an article of (the rest have no article text)."""

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.bare_ms if self.bare_ms else 0.0

    @property
    def bare_pages_per_s(self) -> float:
        """Single-core bare-trafilatura rate (wall): the crawl's yardstick."""
        return 1000 / self.bare_wall_ms if self.bare_wall_ms else 0.0


def bench_extraction(
    corpus: Path, limit: int | None = None, rounds: int = 1
) -> ExtractionBenchResult:
    """Time both extractors over the first ``limit`` aeb pages (all by default)."""
    import trafilatura

    from newsbot.extraction import extract_article
    from newsbot.pipelines.worker import warm_up

    pages = [gzip.decompress(p.read_bytes()) for p in aeb_pages(corpus)[:limit]]
    warm_up()  # as the crawl's workers are: no page pays for first-use loading
    for html in pages[:3]:
        trafilatura.extract(html)
        _ours(extract_article, html)
    cpu = {"ours": 0.0, "bare": 0.0}
    wall = {"ours": 0.0, "bare": 0.0}
    articles = 0
    for _ in range(rounds):
        for html in pages:
            w, c = time.perf_counter(), time.process_time()
            articles += _ours(extract_article, html)
            w2, c2 = time.perf_counter(), time.process_time()
            trafilatura.extract(html)
            w3, c3 = time.perf_counter(), time.process_time()
            cpu["ours"] += c2 - c
            wall["ours"] += w2 - w
            cpu["bare"] += c3 - c2
            wall["bare"] += w3 - w2
    n = len(pages) * rounds
    return ExtractionBenchResult(
        pages=n,
        ours_ms=cpu["ours"] * 1000 / n,
        bare_ms=cpu["bare"] * 1000 / n,
        ours_wall_ms=wall["ours"] * 1000 / n,
        bare_wall_ms=wall["bare"] * 1000 / n,
        articles=articles // rounds,
    )


def _ours(extract: Callable[..., Any], html: bytes) -> int:
    try:
        extract(html, "https://aeb.example/article", source="bench")
    except ExtractionError:
        return 0
    return 1
