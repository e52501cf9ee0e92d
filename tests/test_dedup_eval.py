"""``newsbot eval dedup``: pairwise scoring, and the targets on syndication-dev."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.evaluation.dedup import evaluate_dedup, score_pairs


def test_pairs_are_scored_against_the_labelled_stories() -> None:
    truth = {"a": "s1", "b": "s1", "c": "s1", "d": "neg", "e": "s2"}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "x", "e": "z"}
    score = score_pairs(truth, predicted, negatives={"neg"})
    assert (score.true_pairs, score.predicted_pairs, score.correct_pairs) == (3, 3, 1)
    assert score.hard_negative_merges == 2
    assert (round(score.precision, 3), round(score.recall, 3)) == (0.333, 0.333)


@pytest.mark.shared
def test_syndication_dev_meets_the_targets(shared_dir: Path) -> None:
    report = evaluate_dedup(shared_dir / "corpus")
    assert report.pages == 179
    assert report.newsbot.hard_negative_merges == 0
    assert report.newsbot.precision >= 0.98
    assert report.newsbot.recall >= 0.95
    assert report.baseline.recall < 0.5  # exact fingerprints alone miss most copies
