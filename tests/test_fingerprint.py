"""Body normalization, exact fingerprints, shingles and MinHash signatures."""

from __future__ import annotations

import subprocess
import sys
import zlib

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsbot.dedup.fingerprint import (
    _POSITION_MULTIPLIERS,
    body_paragraphs,
    body_tokens,
    exact_fingerprint,
    normalize_text,
    overlap,
    shingle_hashes,
)
from newsbot.dedup.signatures import MinHasher, candidate_probability

LEDE = (
    "Defence ministers from eleven countries signed an agreement in Tallinn on Thursday "
    "to jointly buy air-defence missiles worth about 8.6 billion euros."
)
QUOTE = "\u201cThis agreement sends a clear signal to industry,\u201d the minister said."


def fp(body: str) -> str | None:
    return exact_fingerprint(body_tokens(body))


def test_normalization_folds_case_quotes_dashes_punctuation_and_spaces() -> None:
    assert normalize_text("  \u201cAir\u2013Defence\u201d\u00a0DEAL,  signed!\n") == (
        "air defence deal signed"
    )
    assert normalize_text("Stra\u00dfe \ufb01nal") == "strasse final"  # NFKC + casefold


def test_restyled_copies_have_one_fingerprint() -> None:
    restyled = LEDE.upper().replace(" ", "  ") + "\n\n" + QUOTE.replace("\u201c", '"')
    assert fp(LEDE + "\n\n" + QUOTE) == fp(restyled)
    assert fp(LEDE + "\n\n" + QUOTE) != fp(LEDE)


def test_repeated_and_truncated_paragraphs_are_dropped() -> None:
    body = "\n\n".join([LEDE, QUOTE, LEDE, LEDE[:60], "Short.", "Short."])
    assert body_paragraphs(body) == [
        normalize_text(LEDE),
        normalize_text(QUOTE),
        "short",
        "short",
    ]  # a short paragraph may legitimately repeat
    assert fp(body) == fp("\n\n".join([LEDE, QUOTE, "Short.", "Short."]))


def test_an_empty_body_has_no_fingerprint_and_no_shingles() -> None:
    assert fp("") is None
    assert fp(" \n\n ... ") is None
    assert len(shingle_hashes(body_tokens(None))) == 0


def test_shingles_are_word_5_grams_and_a_short_text_is_one_shingle() -> None:
    words = ["one", "two", "three", "four", "five", "six", "seven"]
    assert len(shingle_hashes(words)) == 3
    assert len(shingle_hashes(words[:3])) == 1
    assert shingle_hashes(words).dtype == np.uint32


def test_shingle_hashes_agree_across_processes() -> None:
    code = (
        "from newsbot.dedup.fingerprint import shingle_hashes;"
        "print(shingle_hashes('a b c d e f g'.split()).tolist())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {f"{shingle_hashes(['a', 'b', 'c', 'd', 'e', 'f', 'g']).tolist()}\n"}


def _shingles_by_the_definition(tokens: list[str], size: int) -> list[int]:
    # crc32 of each word, combined per gram position by position (64-bit wrap-around), mixed
    # and cut to its high 32 bits; sorted and unique
    multipliers = [int(m) for m in _POSITION_MULTIPLIERS]
    mask = (1 << 64) - 1
    words = [zlib.crc32(t.encode("utf-8")) for t in tokens]
    if not words:
        return []  # an empty text forms no shingle
    width = min(size, len(words))
    hashes = set()
    for start in range(len(words) - width + 1):
        value = 0
        for offset in range(width):
            value = (value * multipliers[offset] + words[start + offset]) & mask
        value ^= value >> 29
        value = (value * multipliers[-1]) & mask
        hashes.add(value >> 32)
    return sorted(hashes)


@given(
    st.lists(st.sampled_from(["a", "b", "the", "x\u00e9", "y"]), max_size=30),
    st.sampled_from([1, 3, 5, 8]),
)
def test_shingle_hashes_are_the_defined_hashes_sorted_and_unique(
    tokens: list[str], size: int
) -> None:
    assert shingle_hashes(tokens, size).tolist() == _shingles_by_the_definition(tokens, size)


def test_overlap_gives_jaccard_and_containment_of_the_smaller_set() -> None:
    a = np.array([1, 2, 3, 4], dtype=np.uint32)
    b = np.array([3, 4, 5, 6, 7, 8], dtype=np.uint32)
    assert overlap(a, b) == (2 / 8, 2 / 4)
    assert overlap(a, np.empty(0, dtype=np.uint32)) == (0.0, 0.0)


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=40))
def test_fingerprint_ignores_case_and_spacing(words: list[str]) -> None:
    body = " ".join(words)
    assert fp(body) == fp("  " + body.upper().replace(" ", "\n"))


@given(
    st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=60),
    st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=60),
)
def test_overlap_is_symmetric_and_bounded(a: set[int], b: set[int]) -> None:
    x = np.array(sorted(a), dtype=np.uint32)
    y = np.array(sorted(b), dtype=np.uint32)
    jaccard, containment = overlap(x, y)
    assert (jaccard, containment) == overlap(y, x)
    assert 0.0 <= jaccard <= containment <= 1.0
    common = len(a & b)
    assert (jaccard, containment) == (common / len(a | b), common / min(len(a), len(b)))


def test_minhash_estimates_jaccard_and_bands_find_similar_sets() -> None:
    hasher = MinHasher()
    rng = np.random.default_rng(1)
    base = rng.integers(0, 2**32, size=400, dtype=np.uint64).astype(np.uint32)
    near = np.unique(np.concatenate([base[:340], rng.integers(0, 2**32, 60).astype(np.uint32)]))
    other = np.unique(rng.integers(0, 2**32, size=400, dtype=np.uint64).astype(np.uint32))
    base = np.unique(base)
    true_jaccard = overlap(base, near)[0]
    estimate = float(np.mean(hasher.signature(base) == hasher.signature(near)))
    assert abs(estimate - true_jaccard) < 0.15
    assert set(hasher.keys_for(base)) & set(hasher.keys_for(near))
    assert not set(hasher.keys_for(base)) & set(hasher.keys_for(other))
    assert hasher.keys_for(base) == MinHasher().keys_for(base)  # deterministic


def test_banding_probabilities_favour_copies_over_unrelated_bodies() -> None:
    assert candidate_probability(0.5, 32, 3) > 0.98
    assert candidate_probability(0.05, 32, 3) < 0.01
