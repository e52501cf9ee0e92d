"""``newsbot bench``'s table: every figure of a :class:`~newsbot.bench.suite.BenchReport`,
then the targets with met / not met."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from newsbot.bench.suite import BenchReport


def _rows(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    if ex := figures.get("extraction"):
        rows += [
            ("extraction", f"ours, ms/page (CPU; {ex['pages']} aeb pages)", f"{ex['ours_ms']:.1f}"),
            ("", "bare trafilatura.extract, ms/page (CPU)", f"{ex['bare_ms']:.1f}"),
            ("", "ours / bare", f"{ex['ratio']:.2f}"),
            (
                "",
                "wall ms/page, ours / bare",
                f"{ex['ours_wall_ms']:.1f} / {ex['bare_wall_ms']:.1f}",
            ),
        ]
    if cr := figures.get("crawl"):
        workers = "one per core" if cr["workers"] is None else str(cr["workers"])
        rows += [
            (
                "crawl",
                f"pages fetched / items written ({cr['site_pages']:,}-page site)",
                f"{cr['pages']:,} / {cr['items']:,}",
            ),
            ("", "pages/s", f"{cr['pages_per_s']:.1f}"),
            ("", "items/s", f"{cr['items_per_s']:.1f}"),
            ("", "peak RSS, crawl + workers", f"{cr['peak_rss_mb']:.0f} MB"),
            (
                "",
                "CPU ms/page: all processes / reactor process",
                f"{cr['cpu_seconds'] * 1000 / max(cr['pages'], 1):.1f} / "
                f"{cr['main_cpu_seconds'] * 1000 / max(cr['pages'], 1):.1f}",
            ),
            ("", f"extraction workers: {workers}; site server CPU", f"{cr['server_share']:.1%}"),
        ]
        if cr.get("bare_pages_per_s"):
            rows += [
                ("", "bare trafilatura, pages/s on 1 core", f"{cr['bare_pages_per_s']:.1f}"),
                ("", "crawl pages/s ÷ bare pages/s", f"{cr['ratio_to_bare']:.2f}"),
            ]
        if len(cr.get("rounds", ())) > 1:
            ratios = " / ".join(f"{r['ratio_to_bare'] or 0:.2f}" for r in cr["rounds"])
            rows.append(("", "the ratio in each round (the median is shown)", ratios))
            rows.append(
                (
                    "",
                    "bare pages/s before each round (the fastest is the yardstick)",
                    " / ".join(f"{rate or 0:.1f}" for rate in cr["bare_readings_pages_per_s"]),
                )
            )
        if cr.get("worker_allocator"):
            rows += [
                ("", "extraction workers' allocator", cr["worker_allocator"]),
                (
                    "",
                    "bare trafilatura under it, pages/s before each round; crawl ÷ the fastest",
                    " / ".join(f"{r:.1f}" for r in cr["bare_same_allocator_readings_pages_per_s"])
                    + f"; {cr['ratio_to_bare_same_allocator'] or 0:.2f}",
                ),
            ]
        if cr.get("projected_ratio_to_bare"):
            rows.append(
                (
                    "",
                    "the same from CPU time (every core idle)",
                    f"{cr['projected_ratio_to_bare']:.2f}",
                )
            )
    if mem := figures.get("memory"):
        (small, large), (rss_small, rss_large) = mem["pages"], mem["peak_rss_mb"]
        rows += [
            (
                "memory",
                f"peak RSS at {small:,} / {large:,} pages",
                f"{rss_small:.0f} / {rss_large:.0f} MB",
            ),
            ("", "growth", f"{mem['ratio']:.2f}×"),
        ]
    if dd := figures.get("dedup"):
        for backend in ("sqlite", "redis"):
            r = dd.get(backend)
            if r is None:
                rows.append(("dedup", f"{backend}: not run (no redis-server)", "–"))
                continue
            size = f", {r['store_bytes'] / 1e6:,.0f} MB" if r.get("store_bytes") else ""
            rows += [
                (
                    "dedup",
                    f"{backend}, {r['n']:,} articles: check-and-add p50 / p99",
                    f"{r['p50_ms']:.3f} / {r['p99_ms']:.3f} ms",
                ),
                (
                    "",
                    f"{backend}: peak RSS{', store size' if size else ''}",
                    f"{r['peak_rss_mb']:.0f} MB{size}",
                ),
            ]
    if wa := figures.get("warc"):
        rows += [
            (
                "warc",
                f"records/s through extraction ({wa['records']:,} records)",
                f"{wa['records_per_s']:.1f} ({wa['records_per_cpu_s']:.1f} per CPU-s)",
            )
        ]
    if st := figures.get("startup"):
        rows += [
            (
                "startup",
                f"newsbot extract one.html, median of {st['runs']}",
                f"{st['wall_s']:.2f} s wall, {st['cpu_s']:.2f} s CPU",
            ),
            ("", "imports Scrapy", "yes" if st["imports_scrapy"] else "no"),
        ]
    return rows


def print_report(report: BenchReport, console: Console | None = None) -> None:
    console = console or Console()
    machine = report.figures.get("machine", {})
    load = machine.get("load_average")
    title = f"newsbot bench ({machine.get('cpus')} CPUs"
    if load:
        title += f", load average {load[0]:.1f} at the start"
        if machine.get("load_average_end"):
            title += f", {machine['load_average_end'][0]:.1f} at the end"
    figures = Table(title=title + ")")
    for column in ("section", "figure", "value"):
        figures.add_column(column, justify="right" if column == "value" else "left")
    for row in _rows(report.figures):
        figures.add_row(*row)
    console.print(figures)
    if report.targets:
        targets = Table(title="targets (on a 2-core machine)")
        for column in ("metric", "value", "target", ""):
            targets.add_column(column)
        for t in report.targets:
            value = "–" if t.value is None else f"{t.value:.2f}{t.unit}"
            verdict = {True: "[green]met[/]", False: "[red]not met[/]", None: "not measured"}
            targets.add_row(t.metric, value, t.wanted, verdict[t.met])
        console.print(targets)
