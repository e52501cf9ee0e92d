"""Printing an evaluation :class:`~newsbot.evaluation.extraction.Report` as one table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from newsbot.evaluation.extraction import Report


def _value(value: float | None, metric: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if metric.startswith("ms/page") else f"{value:.3f}"


def print_report(report: Report, *, title: str, console: Console | None = None) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("corpus")
    table.add_column("metric")
    table.add_column("trafilatura", justify="right")
    table.add_column("newsbot", justify="right")
    table.add_column("target")
    table.add_column("met")
    for row in report.rows:
        verdict = "—" if row.met is None else ("met" if row.met else "NOT MET")
        table.add_row(
            row.corpus,
            row.metric,
            _value(row.baseline, row.metric),
            _value(row.ours, row.metric),
            row.target or "",
            verdict,
        )
    (console or Console(width=120)).print(table)
    missed = [r for r in report.rows if r.met is False]
    summary = "every target met" if not missed else f"{len(missed)} target(s) not met"
    (console or Console(width=120)).print(summary)
