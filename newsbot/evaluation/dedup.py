"""Score the dedup stage on a syndication corpus (``syndication-dev``: pages + clusters.json).

Each page is extracted as a crawl would extract it, then run, in file order, through a
fresh store's :class:`~newsbot.dedup.DedupStage`. Two pages are predicted to be one
story when they get the same ``storyId``. Over all page pairs:

- precision and recall of same-story pairs against ``clusters.json``;
- merges among the hard negatives: predicted same-story pairs where one page is a hard
  negative (a different event sharing place, agency, boilerplate and a quote).

The baseline is exact-fingerprint dedup alone, which is what a crawler without
near-duplicate detection gets.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsbot.dedup.fingerprint import body_tokens, exact_fingerprint
from newsbot.dedup.stage import DedupStage
from newsbot.dedup.store import open_store
from newsbot.errors import InputError

CORPUS_NAME = "syndication-dev"
TARGETS = {"precision": 0.98, "recall": 0.95, "hard_negative_merges": 0}


@dataclass
class PairScore:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    hard_negative_merges: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


@dataclass
class DedupReport:
    corpus: str
    pages: int
    stories: int
    newsbot: PairScore
    baseline: PairScore
    seconds: float

    @property
    def all_met(self) -> bool:
        return (
            self.newsbot.precision >= TARGETS["precision"]
            and self.newsbot.recall >= TARGETS["recall"]
            and self.newsbot.hard_negative_merges <= TARGETS["hard_negative_merges"]
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("newsbot", "baseline"):
            score: PairScore = getattr(self, key)
            data[key].update(precision=score.precision, recall=score.recall)
        data["targets"] = TARGETS
        data["all_met"] = self.all_met
        return data


def _corpus_dir(corpus_dir: Path) -> Path:
    for candidate in (corpus_dir, corpus_dir / CORPUS_NAME):
        if (candidate / "clusters.json").is_file():
            return candidate
    raise InputError(f"no {CORPUS_NAME}/clusters.json under {corpus_dir}")


def score_pairs(truth: dict[str, str], predicted: dict[str, str], negatives: set[str]) -> PairScore:
    """Pairwise scores; ``negatives`` are the hard-negative story ids."""
    score = PairScore(0, 0, 0, 0)
    for a, b in itertools.combinations(sorted(truth), 2):
        same = truth[a] == truth[b]
        merged = predicted[a] == predicted[b]
        score.true_pairs += same
        score.predicted_pairs += merged
        score.correct_pairs += same and merged
        if merged and not same and (truth[a] in negatives or truth[b] in negatives):
            score.hard_negative_merges += 1
    return score


def evaluate_dedup(corpus_dir: Path) -> DedupReport:
    """Extract every page of the corpus, dedup them in a fresh store, and score."""
    from newsbot.extraction import extract_article

    directory = _corpus_dir(corpus_dir)
    labels = json.loads((directory / "clusters.json").read_text(encoding="utf-8"))
    truth: dict[str, str] = labels["pages"]
    info: dict[str, Any] = labels.get("pageInfo", {})
    stories: dict[str, Any] = labels.get("stories", {})
    negatives = {s for s, meta in stories.items() if meta.get("kind") == "hardNegative"}
    started = time.perf_counter()
    predicted: dict[str, str] = {}
    baseline: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="newsbot-eval-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'store.sqlite'}")
        try:
            stage = DedupStage(store)
            for name in sorted(truth):
                url = info.get(name, {}).get("url") or f"https://corpus.invalid/{name}"
                html = (directory / name).read_bytes()
                item = extract_article(html, url, source=info.get(name, {}).get("outlet", ""))
                article = item.to_dict()
                predicted[name] = stage.check(article).story_id
                fingerprint = exact_fingerprint(body_tokens(article.get("articleBody")))
                baseline[name] = fingerprint or name
        finally:
            store.close()
    return DedupReport(
        corpus=str(directory),
        pages=len(truth),
        stories=len(set(truth.values())),
        newsbot=score_pairs(truth, predicted, negatives),
        baseline=score_pairs(truth, baseline, negatives),
        seconds=time.perf_counter() - started,
    )


def print_dedup_report(report: DedupReport, console: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"newsbot eval dedup — {report.corpus} ({report.pages} pages, "
        f"{report.stories} stories, {report.newsbot.true_pairs} same-story pairs)",
        title_justify="left",
    )
    for column in ("metric", "exact fingerprint", "newsbot", "target", "met"):
        table.add_column(column, justify="left" if column in ("metric", "met") else "right")
    rows = [
        ("pairwise precision", "precision", f">= {TARGETS['precision']}", True),
        ("pairwise recall", "recall", f">= {TARGETS['recall']}", True),
        ("hard-negative merges", "hard_negative_merges", "0", False),
    ]
    for label, attr, target, ratio in rows:
        ours = getattr(report.newsbot, attr)
        base = getattr(report.baseline, attr)
        met = ours >= TARGETS[attr] if ratio else ours <= TARGETS[attr]
        shown = (f"{base:.3f}", f"{ours:.3f}") if ratio else (str(base), str(ours))
        table.add_row(label, *shown, target, "met" if met else "NOT MET")
    out = console or Console(width=120)
    out.print(table)
    verdict = "every target met" if report.all_met else "target(s) not met"
    out.print(f"{verdict} ({report.seconds:.1f} s)")


def run(corpus: Path, args: Any = None) -> int:
    """``newsbot eval dedup``: print the table (or JSON); 0 when every target is met."""
    report = evaluate_dedup(corpus)
    if getattr(args, "json", False):
        json.dump(report.to_dict(), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print_dedup_report(report, getattr(args, "console", None))
    return 0 if report.all_met else 1
