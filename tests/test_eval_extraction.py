"""`newsbot eval extraction`: the scoring methods, and the evaluation over the corpora."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newsbot.evaluation import scoring
from newsbot.evaluation.corpora import wire_pages
from newsbot.evaluation.extraction import evaluate_extraction
from newsbot.extraction import extract_article
from newsbot.schema import article_schema


def test_identical_bodies_score_one_and_count_as_exact() -> None:
    page = scoring.score_body(
        "The coalition met in Brussels on Wednesday.", "The coalition met in Brussels on Wednesday!"
    )
    assert (page.precision, page.recall, page.exact) == (1.0, 1.0, True)


def test_disjoint_bodies_score_zero() -> None:
    page = scoring.score_body("one two three four five", "six seven eight nine ten")
    assert (page.precision, page.recall) == (0.0, 0.0)


def test_extra_text_costs_precision_not_recall() -> None:
    truth = "a b c d e f g h"
    page = scoring.score_body(truth, truth + " related stories most read today")
    assert page.recall == 1.0
    assert 0.0 < page.precision < 1.0


def test_a_short_text_is_one_shingle() -> None:
    assert scoring.shingles("only three words") == {("only", "three", "words"): 1}


def test_f1_comes_from_the_mean_precision_and_recall() -> None:
    result = scoring.aggregate(
        [scoring.PageScore(1.0, 0.5, False), scoring.PageScore(0.5, 1.0, False)]
    )
    assert result.precision == result.recall == 0.75
    assert result.f1 == pytest.approx(0.75)


def test_paragraph_f1_counts_repeated_paragraphs() -> None:
    assert scoring.paragraph_f1(["A.", "B."], ["A.", "B."]) == 1.0
    assert scoring.paragraph_f1(["A.", "B."], ["A.", "A.", "B."]) == pytest.approx(0.8)


def test_author_names_ignore_by_punctuation_and_credentials() -> None:
    assert scoring.author_names("By Jane Roe, MS, RD") == {"jane roe"}
    assert scoring.author_names("Holly Wilgus, E-RYT 200") == {"holly wilgus"}
    assert scoring.author_names("Jane Roe and John Doe") == scoring.author_names(
        ["John Doe", "Jane Roe"]
    )


@pytest.mark.shared
def test_wire_dev_items_are_valid_against_the_schema(shared_dir: Path) -> None:
    schema = article_schema()
    for page in wire_pages(shared_dir / "corpus"):
        item = extract_article(
            page.html, page.url, fetched_at="2026-01-01T00:00:00Z", strict=True
        ).to_dict()
        jsonschema.validate(item, schema)


@pytest.mark.shared
def test_wire_dev_and_seed_meet_their_targets(shared_dir: Path) -> None:
    report = evaluate_extraction(shared_dir / "corpus", corpora=("wire", "seed"))
    missed = {row.metric: row.ours for row in report.rows if row.met is False}
    assert not missed, missed


def _eval_extraction(corpus: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``newsbot eval extraction --corpus CORPUS OPTIONS...`` in a subprocess."""
    command = [sys.executable, "-m", "newsbot", "eval", "extraction", "--corpus", str(corpus)]
    return subprocess.run([*command, *options], capture_output=True, text=True, timeout=300)


@pytest.mark.shared
def test_the_eval_command_prints_one_table_with_the_baseline(shared_dir: Path) -> None:
    result = _eval_extraction(
        shared_dir / "corpus", "--only", "aeb", "--only", "seed", "--limit", "3"
    )
    assert "trafilatura" in result.stdout
    assert "AEB" in result.stdout and "ms/page" in result.stdout
    assert result.returncode in (0, 1), result.stderr


@pytest.mark.shared
def test_the_eval_command_reports_json(shared_dir: Path) -> None:
    result = _eval_extraction(shared_dir / "corpus", "--only", "seed", "--json")
    report = json.loads(result.stdout)
    assert report["rows"][0]["corpus"] == "seed"
    assert report["all_met"] is True


def test_a_missing_corpus_is_one_clear_line(tmp_path: Path) -> None:
    result = _eval_extraction(tmp_path / "nowhere")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1
    assert "corpus directory not found" in result.stderr
