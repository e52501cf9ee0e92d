"""Body normalization keeps words whole whatever the typography around them."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsbot.dedup.fingerprint import normalize_text

# The folding table normalize_text once applied before dropping punctuation: the words it
# leaves (and so every fingerprint and shingle) must stay the same.
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACES = "\u00a0\u202f\u2009"
_TYPOGRAPHY = _SINGLE_QUOTES + _DOUBLE_QUOTES + _DASHES + _SPACES
_TABLE = str.maketrans(
    {
        **dict.fromkeys(_SINGLE_QUOTES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_SPACES, " "),
        "\u00ad": None,
        "\u200b": None,
    }
)


def folded_with_table(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_TABLE).casefold()
    return " ".join(re.findall(r"\w+", folded))


def test_invisible_characters_inside_a_word_keep_it_one_word() -> None:
    assert normalize_text("co\u00adoperate and zero\u200bwidth") == "cooperate and zerowidth"


def test_typographic_quotes_dashes_and_spaces_separate_words() -> None:
    assert normalize_text("\u201cAir\u2013Defence\u201d\u2009deal\u202fsigned") == (
        "air defence deal signed"
    )


@given(st.text(alphabet=st.sampled_from("aZß\ufb01é 1\n,.'\"-_" + _TYPOGRAPHY + "\u00ad\u200b")))
def test_same_words_as_the_folding_table(text: str) -> None:
    assert normalize_text(text) == folded_with_table(text)


@given(st.text())
def test_same_words_as_the_folding_table_on_any_text(text: str) -> None:
    assert normalize_text(text) == folded_with_table(text)
