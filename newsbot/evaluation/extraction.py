"""`newsbot eval extraction`: newsbot's extraction against bare trafilatura, on every corpus.

Both run in the same process on the same bytes, so the times compare. Each target of
issue 3 becomes a row with its verdict.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbot.errors import NoArticleError
from newsbot.evaluation import scoring
from newsbot.evaluation.corpora import (
    LabelledPage,
    aeb_pages,
    seed_page,
    wcxb_pages,
    wire_pages,
)
from newsbot.evaluation.labels import (
    WIRE_TARGETED,
    credited_names,
    field_checks,
    label_fields,
    wire_fields,
)
from newsbot.extraction import extract_article
from newsbot.extraction._trafilatura import bare_extract, bare_metadata
from newsbot.item import Article

CORPORA = ("aeb", "wcxb", "wire", "seed")


@dataclass
class Row:
    """One line of the table: a metric, the baseline's and our value, the target's verdict."""

    corpus: str
    metric: str
    ours: float
    baseline: float | None = None
    target: str | None = None
    met: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    failures: dict[str, list[str]] = field(default_factory=dict)
    ms_ours: list[float] = field(default_factory=list)
    ms_baseline: list[float] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)

    def fail(self, metric: str, page_id: str) -> None:
        self.failures.setdefault(metric, []).append(page_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.__dict__ for row in self.rows],
            "failures": self.failures,
            "all_met": all(row.met for row in self.rows if row.met is not None),
        }


def _ours(page: LabelledPage, report: Report | None) -> Article | None:
    start = time.perf_counter()
    try:
        article: Article | None = extract_article(page.html, page.url or "http://localhost/")
    except NoArticleError:
        article = None
    if report is not None:
        report.ms_ours.append((time.perf_counter() - start) * 1000)
    return article


def _baseline(page: LabelledPage, report: Report | None) -> str:
    start = time.perf_counter()
    text = bare_extract(page.html, page.url or None)
    if report is not None:
        report.ms_baseline.append((time.perf_counter() - start) * 1000)
    return text


def _body_rows(
    report: Report,
    corpus: str,
    ours: list[scoring.PageScore],
    base: list[scoring.PageScore],
    f1_target: Callable[[float], float] | None,
    target_text: str | None,
) -> None:
    mine, theirs = scoring.aggregate(ours), scoring.aggregate(base)
    report.add(Row(corpus, "body precision", mine.precision, theirs.precision))
    report.add(Row(corpus, "body recall", mine.recall, theirs.recall))
    goal = f1_target(theirs.f1) if f1_target else None
    report.add(
        Row(
            corpus,
            "body F1",
            mine.f1,
            theirs.f1,
            target_text,
            None if goal is None else mine.f1 >= goal - 1e-9,
        )
    )


def run_aeb(root: Path, report: Report, limit: int | None) -> None:
    ours: list[scoring.PageScore] = []
    base: list[scoring.PageScore] = []
    for page in _limited(aeb_pages(root), limit):
        expected = page.labels.get("articleBody") or ""
        article = _ours(page, report)
        ours.append(scoring.score_body(expected, article.articleBody if article else ""))
        base.append(scoring.score_body(expected, _baseline(page, report)))
        if ours[-1].precision + ours[-1].recall < base[-1].precision + base[-1].recall - 0.02:
            report.fail("aeb body worse than trafilatura", page.id)
    _body_rows(report, "AEB", ours, base, lambda _: 0.975, "≥ 0.975")


def run_wcxb(root: Path, report: Report, limit: int | None) -> None:
    ours: list[scoring.PageScore] = []
    base: list[scoring.PageScore] = []
    counts = {"title": [0, 0, 0], "author": [0, 0, 0], "date": [0, 0, 0]}  # ours, base, n
    for page in _limited(wcxb_pages(root), limit):
        truth = page.labels
        article = _ours(page, report)
        ours.append(
            scoring.score_body(
                truth.get("main_content") or "", article.articleBody if article else ""
            )
        )
        base.append(scoring.score_body(truth.get("main_content") or "", _baseline(page, report)))
        meta = bare_metadata(page.html, page.url or None)
        if truth.get("title"):
            _count(
                counts["title"],
                report,
                "wcxb title",
                page.id,
                scoring.normalize_name(article.headline or "") if article else "",
                scoring.normalize_name(meta.get("title") or ""),
                scoring.normalize_name(truth["title"]),
            )
        if truth.get("author"):
            names = credited_names(article)
            _count(
                counts["author"],
                report,
                "wcxb author",
                page.id,
                scoring.author_names(names),
                scoring.author_names(meta.get("author")),
                scoring.author_names(truth["author"]),
            )
        if truth.get("publish_date"):
            _count(
                counts["date"],
                report,
                "wcxb date",
                page.id,
                ((article.datePublished or "")[:10] if article else ""),
                (meta.get("date") or "")[:10],
                str(truth["publish_date"])[:10],
            )
    _body_rows(report, "WCXB-dev", ours, base, lambda f1: f1 + 0.01, "≥ trafilatura + 0.01")
    targets = {"title": None, "author": 0.90, "date": 0.95}
    for name, (mine, theirs, n) in counts.items():
        goal = targets[name]
        label = f"{name} accuracy" + (" (same day)" if name == "date" else "")
        report.add(
            Row(
                "WCXB-dev",
                f"{label} [{n}]",
                mine / n if n else 0.0,
                theirs / n if n else 0.0,
                f"≥ {goal:.2f}" if goal else None,
                (mine / n >= goal) if goal and n else None,
            )
        )


def _count(
    cell: list[int], report: Report, metric: str, page_id: str, ours: Any, base: Any, truth: Any
) -> None:
    cell[2] += 1
    cell[1] += int(base == truth)
    if ours == truth:
        cell[0] += 1
    else:
        report.fail(metric, page_id)


def run_wire(root: Path, report: Report, limit: int | None) -> None:
    totals: dict[str, float] = {}
    n = 0
    for page in _limited(wire_pages(root), limit):
        n += 1
        checks = field_checks(
            wire_fields(_ours(page, None)), label_fields(page.labels), page.labels
        )
        for name, value in checks.items():
            totals[name] = totals.get(name, 0.0) + float(value)
            if float(value) < 1.0:
                report.fail(f"wire {name}", page.id)
    for name, total in totals.items():
        value = total / n if n else 0.0
        targeted = name in WIRE_TARGETED
        report.add(
            Row(
                "wire-dev",
                f"{name} [{n}]",
                value,
                None,
                "≥ 0.95" if targeted else None,
                value >= 0.95 if targeted else None,
            )
        )


def run_seed(root: Path, report: Report) -> None:
    page = seed_page(root)
    article = _ours(page, None)
    checks = field_checks(wire_fields(article), label_fields(page.labels), page.labels)
    labels = page.labels
    if article is not None:
        checks["url"] = article.url == labels.get("url")
        checks["articleSection"] = article.articleSection == labels.get("articleSection")
    wrong = [name for name, value in checks.items() if float(value) < 1.0]
    for name in wrong:
        report.fail("seed", name)
    report.add(
        Row(
            "seed",
            f"fields as in seed-page.json [{len(checks)}]",
            (len(checks) - len(wrong)) / len(checks),
            None,
            "all",
            not wrong,
        )
    )


def _limited(pages: Iterable[LabelledPage], limit: int | None) -> Iterable[LabelledPage]:
    for index, page in enumerate(pages):
        if limit is not None and index >= limit:
            return
        yield page


def evaluate_extraction(
    root: Path, *, corpora: Iterable[str] = CORPORA, limit: int | None = None
) -> Report:
    """Score every selected corpus; AEB and WCXB pages also give the time per page."""
    report = Report()
    selected = set(corpora)
    if "aeb" in selected:
        run_aeb(root, report, limit)
    if "wcxb" in selected:
        run_wcxb(root, report, limit)
    if "wire" in selected:
        run_wire(root, report, limit)
    if "seed" in selected:
        run_seed(root, report)
    if report.ms_ours:
        ours = sum(report.ms_ours) / len(report.ms_ours)
        base = sum(report.ms_baseline) / len(report.ms_baseline)
        report.add(
            Row(
                "speed",
                f"ms/page [{len(report.ms_ours)}]",
                ours,
                base,
                "≤ 1.5 × trafilatura",
                ours <= 1.5 * base,
            )
        )
    return report
