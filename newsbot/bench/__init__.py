"""Performance benchmarks: each module times one path and returns its figures.

``newsbot bench`` (:mod:`newsbot.cli.bench_cmd`) runs them together and compares the
figures with the performance issue's targets (:class:`Target`). Modules: ``extraction``
(ours vs bare trafilatura), ``crawl`` (end-to-end against :mod:`~newsbot.bench.site`,
also the memory growth figure), ``startup``, ``dedup`` and ``warc``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsbot.errors import UsageError

#: ../shared/corpus beside the project root.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@dataclass(frozen=True)
class Target:
    """One target of the performance issue, and whether this run met it."""

    metric: str
    value: float | None
    """None: the figure was not measured in this run."""
    limit: float
    at_most: bool
    """True: the value must be <= limit; False: >= limit."""
    unit: str = ""

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    @property
    def wanted(self) -> str:
        return f"{'≤' if self.at_most else '≥'} {self.limit:g}{self.unit}"


def aeb_pages(corpus: Path) -> list[Path]:
    """The aeb corpus's pages, or a :class:`UsageError` naming the missing directory."""
    html = corpus / "aeb" / "html"
    pages = sorted(html.glob("*.html.gz")) if html.is_dir() else []
    if not pages:
        raise UsageError(f"no corpus at {html} (give the corpus root with --corpus DIR)")
    return pages
