"""Hypothesis strategies and adversarial inputs shared by the wire-text parser tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=200,
    deadline=1000,  # ms per example: a catastrophic backtrack fails the property
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of wire copy, so random text often comes close to a real dateline, byline or credit.
# fmt: off
_PIECES = [
    "BRUSSELS", "New Delhi", "KANSAS CITY", ", Mo.", ", Belgium", " [India]", "Dec 3", "Sept. 14",
    "3 dic", "(Reuters)", "(AP)", "(AFP)", "(PTI)", "(Bloomberg)", "Kyodo", "/TASS/", "(ANSA)",
    " - ", " -- ", " — ", " – ", ".-", ":", " :", ",", ", ", ".", "/", "|", ";", "(", ")", "[",
    "By ", "by ", " and ", " & ", " with ", " in ", "Jane Roe", "JOHN DOE", "Staff Writer",
    "Reuters", "Associated Press", "Agence France-Presse", "Agencies", "Online Desk", "REUTERS/",
    "AP Photo/", "Photo by ", " / AFP", " via Getty Images", "Photo: ", "File Photo",
    "(Reporting by ", "; Editing by ", "contributed to this report", "--With assistance from ",
    "(With inputs from ", "-- PTI", "Source: ", "Copyright 2024 ", "syndicated feed",
    "burs-ab/cd", "\xa0", "’", "“", "\n", "  ", "0", "12", "2024", "é", "ß", "ক", "_",
]
# fmt: on
wire_text = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=40).map(
    "".join
)
"""Random strings assembled from wire-copy pieces and arbitrary characters."""

# Long inputs that make badly nested regexes backtrack exponentially or quadratically.
ADVERSARIAL = [
    "A" * 5000,
    "BRUSSELS " * 1000,
    "BRUSSELS, " * 1000 + "Dec 3 (Reuters)",
    "New Delhi " * 800 + "(PTI",
    "(" * 3000,
    "(Reuters" * 500,
    "Jane Roe, " * 800,
    "Jane Roe and " * 800 + "Reuters",
    "By " * 2000,
    "A. " * 3000,
    "- " * 3000,
    "-- " * 2000 + "x",
    "REUTERS/" * 800,
    "Jane Roe / " * 800,
    "Photo by " * 800,
    "(Reporting by Jane Roe" + "; Editing by Sam Poe" * 500,
    "Reporting by " + "Jane Roe and " * 800 + "x",
    "Copyright " * 1000,
    "x " * 5000 + "-- PTI",
    ("The ministers met in Brussels on Wednesday. " * 200).strip(),
    "\u00a0" * 5000,
    "a/b" * 3000,
    "@" * 2000 + " at x@y.z",
    " " * 5000,
]


def assert_quick(function: Callable[[Any], Any], value: Any, limit: float = 0.5) -> Any:
    """Call ``function(value)`` and fail if it takes longer than ``limit`` seconds."""
    start = time.perf_counter()
    result = function(value)
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"{function.__name__} took {elapsed:.2f}s on {value[:40]!r}..."
    return result
