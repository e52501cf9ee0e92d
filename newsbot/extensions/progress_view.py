"""What the live progress display and the final summary show, rendered with rich.

Pure: takes plain counters, no Scrapy import. One row per crawl, so several crawls in
one process share one display.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.table import Table


@dataclass(frozen=True)
class Progress:
    """One crawl's counters at one moment."""

    name: str
    pages: int
    """Article pages fetched."""
    items: int
    """Items written."""
    duplicates: int
    """Items dropped as copies of an earlier article."""
    errors: int
    """Errors logged."""
    elapsed: float
    """Seconds since the crawl opened."""
    finished: bool = False
    seen: int = 0
    """Article URLs not downloaded: kept in an earlier run."""

    @property
    def items_per_minute(self) -> float:
        return self.items * 60.0 / self.elapsed if self.elapsed > 0 else 0.0


def _table(rows: Iterable[Progress], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("crawl")
    for column in ("pages", "items", "duplicates", "seen", "errors", "items/min", "time"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            ("✓ " if row.finished else "… ") + row.name,
            str(row.pages),
            str(row.items),
            str(row.duplicates),
            str(row.seen),
            f"[red]{row.errors}[/red]" if row.errors else "0",
            f"{row.items_per_minute:.0f}",
            f"{row.elapsed:.1f}s",
        )
    return table


def live_table(rows: Iterable[Progress]) -> Table:
    """The table redrawn while crawls run."""
    return _table(rows, "newsbot: crawling")


def summary_table(rows: Iterable[Progress]) -> Table:
    """The table printed once every crawl has finished."""
    return _table(rows, "newsbot: summary")
