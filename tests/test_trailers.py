"""Trailers, sign-offs and notices at the end of wire copy (wire-formats.md §2.2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsbot.extraction.trailers import is_trailer, strip_trailers
from tests.support.wire_text import ADVERSARIAL, FUZZ, assert_quick, wire_text

LEAD = "The ministers met in Brussels on Wednesday and agreed to extend the sanctions."
BODY = "Officials said the measures would be reviewed in six months."

# fmt: off
# a trailer paragraph -> the agencies it credits
TRAILERS = [
    ("(Reporting by Jane Roe in Brussels; Additional reporting by John Doe in Washington;"
     " Writing by A. N. Other; Editing by Sam Poe)", ["Reuters"]),  # Reuters' credit box
    ("(Reporting by Jane Roe; editing by Sam Poe)", ["Reuters"]),
    ("Reporting by Jane Roe; Editing by Sam Poe", ["Reuters"]),
    ("(Adds minister's reaction in paragraph 3, updates toll in paragraph 4)", []),
    ("(Eds: Updates with details)", []),
    ("___", []),
    ("Associated Press writers Jane Roe in Rome and John Doe in Paris contributed to this"
     " report.", ["AP"]),
    ("Associated Press writer Gwen Garrity in Mexico City contributed to this report.", ["AP"]),
    ("Contributing to this report were Associated Press writers Jane Roe and John Doe.", ["AP"]),
    ("Associated Press writer Jane Roe in Rome contributed.", ["AP"]),
    ("Roe reported from Rome.", []),
    ("This article was generated from an automated news agency feed without modifications to"
     " text.", []),
    ("Copyright 2024 The Associated Press. All rights reserved.", ["AP"]),
    ("© 2024 AFP", ["AFP"]),
    ("--With assistance from Jane Roe and John Doe.", ["Bloomberg"]),
    ("To contact the reporter on this story:", ["Bloomberg"]),
    ("Jane Roe in Mumbai at jroe@bloomberg.example", []),
    ("(With inputs from agencies)", []),
    ("(With inputs from PTI)", ["PTI"]),
    ("With additional inputs from Reuters", ["Reuters"]),
    ("-- PTI", ["PTI"]),
    ("\u2014IANS", ["IANS"]),
    ("— AFP", ["AFP"]),
    ("Source: AFP", ["AFP"]),
    ("Source: United News of Bangladesh", ["UNB"]),
    ("Published in Dawn, August 24th, 2015", []),
    ("(Except for the headline, this story has not been edited by NDTV staff and is published"
     " from a syndicated feed.)", []),
    ("(This story has not been edited by NDTV staff and is auto-generated from a syndicated"
     " feed.)", []),
    ("(Only the headline and picture of this report may have been reworked by the Business"
     " Standard staff; the rest of the content is auto-generated from a syndicated feed.)", []),
    ("Our Standards: The Thomson Reuters Trust Principles.", ["Reuters"]),
]
# fmt: on


@pytest.mark.parametrize(("trailer", "agencies"), TRAILERS)
def test_trailer_paragraph_is_removed_with_its_agencies(trailer: str, agencies: list[str]) -> None:
    assert is_trailer(trailer)
    assert strip_trailers([LEAD, BODY, trailer]) == ([LEAD, BODY], agencies)


@pytest.mark.parametrize(
    ("signoff", "agencies"),
    [("burs-ab/cd", ["AFP"]), ("sd/vd", []), ("PTI RGM NBK", ["PTI"])],
)
def test_desk_initials_sign_off_the_copy(signoff: str, agencies: list[str]) -> None:
    assert strip_trailers([LEAD, BODY, signoff]) == ([LEAD, BODY], agencies)


@pytest.mark.parametrize(
    ("last", "kept", "agencies"),
    [
        (BODY + " -- PTI", BODY, ["PTI"]),
        (BODY + " \u2014AFP", BODY, ["AFP"]),
        (BODY + " (ANI)", BODY, ["ANI"]),
        (BODY + " - Reuters", BODY, ["Reuters"]),
    ],
)
def test_end_tags_glued_to_the_last_paragraph_are_cut(
    last: str, kept: str, agencies: list[str]
) -> None:
    assert strip_trailers([LEAD, last]) == ([LEAD, kept], agencies)


def test_an_end_tag_before_a_notice_is_cut_too() -> None:
    notice = (
        "(Only the headline and picture of this report may have been reworked by the Ledger"
        " staff; the rest of the content is auto-generated from a syndicated feed.)"
    )
    assert strip_trailers([LEAD, BODY + " -- PTI", notice]) == ([LEAD, BODY], ["PTI"])


@pytest.mark.parametrize(
    "paragraph",
    [
        LEAD,
        "Pentagon spokesman John Kirby told AFP the strikes continued.",
        "Research by the university found that the climate is changing fast.",
        "Reporting by the BBC revealed widespread problems at the ministry.",
        "Source: Bureau of Labor Statistics",  # a chart's source, not a wire credit
        "Copyright law in the EU was changed last year.",
        "The company said the rain contributed to the delay.",
        "The company said its syndicated feed business grew 20 percent last year.",
        "Jones reported from Kyiv that the city was calm.",
        "Ed: I think that was the best year we ever had.",  # a transcript, not AP's "Eds:"
        "AFP, Batangas: A ferry capsized.",  # an appended story's dateline
        "The price fell 2.4 percent - the steepest drop since 2016.",
    ],
)
def test_body_paragraphs_are_not_trailers(paragraph: str) -> None:
    assert not is_trailer(paragraph)
    assert strip_trailers([LEAD, paragraph, BODY]) == ([LEAD, paragraph, BODY], [])


def test_initials_are_a_sign_off_only_at_the_end() -> None:
    paragraphs = [LEAD, "and/or", BODY, BODY, BODY, BODY, BODY]
    assert strip_trailers(paragraphs) == (paragraphs, [])


@FUZZ
@given(st.lists(wire_text, max_size=8))
def test_stripping_drops_or_shortens_paragraphs_in_order(paragraphs: list[str]) -> None:
    kept, agencies = strip_trailers(paragraphs)
    assert len(set(agencies)) == len(agencies)
    remaining = iter(paragraphs)
    for paragraph in kept:  # each kept paragraph is an input, or an input with its end tag cut
        assert any(paragraph == p or " ".join(p.split()).startswith(paragraph) for p in remaining)


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_long_adversarial_text_is_quick(text: str) -> None:
    assert_quick(is_trailer, text)
    assert_quick(strip_trailers, [text, text])
