"""Agency names and credit lines (wire-formats.md §2.2, "Attribution mentions")."""

from __future__ import annotations

import pytest
from hypothesis import given

from newsbot.extraction.agencies import canonical_agency, credited_agencies
from tests.support.wire_text import ADVERSARIAL, FUZZ, assert_quick, wire_text


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("AP", "AP"),
        ("Agence France-Presse", "AFP"),
        ("Agence France Presse", "AFP"),
        ("AFP", "AFP"),
        ("REUTERS", "Reuters"),
        ("Thomson Reuters", "Reuters"),
        ("Reuters Breakingviews", "Reuters"),
        ("Bloomberg News", "Bloomberg"),
        ("United Press International", "UPI"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("dpa-AFX", "dpa"),
        ("dpa/lno", "dpa"),  # regional desk suffix
        ("Agencia EFE", "EFE"),
        ("Xinhua News Agency", "Xinhua"),
        ("Kyodo News", "Kyodo"),
        ("Yonhap News Agency", "Yonhap"),
        ("Press Trust of India", "PTI"),
        ("Indo-Asian News Service", "IANS"),
        ("Asian News International", "ANI"),
        ("United News of Bangladesh", "UNB"),
        ("Bangladesh Sangbad Sangstha", "BSS"),
        ("Associated Press of Pakistan", "APP"),
        ("Dawn/ANN", "ANN"),  # relay credit: the paper, then the network
        ("Press Association", "PA"),
        ("The Canadian Press", "CP"),
        ("Anadolu Agency", "Anadolu"),
        ("ITAR-TASS", "TASS"),
        ("  associated   press. ", "AP"),  # whitespace, case and punctuation of long names
    ],
)
def test_canonical_agency(name: str, canonical: str) -> None:
    assert canonical_agency(name) == canonical


@pytest.mark.parametrize(
    "name",
    ["ap", "Ap", "Jane Roe", "Agencies", "Staff Correspondent", "The Daily Star", "", "CNN"],
)
def test_not_an_agency(name: str) -> None:
    # acronyms match in their printed case only; "Agencies" names no agency
    assert canonical_agency(name) is None


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("AFP", ["AFP"]),
        ("Reuters/AFP", ["Reuters", "AFP"]),
        ("AP, Reuters and AFP", ["AP", "Reuters", "AFP"]),
        ("Source: AFP", ["AFP"]),
        ("Source: United News of Bangladesh", ["UNB"]),
        ("— Reuters", ["Reuters"]),
        ("... the official said. -- PTI", ["PTI"]),
        ("—IANS", ["IANS"]),
        ("(With inputs from Reuters)", ["Reuters"]),
        ("With additional inputs from PTI and IANS", ["PTI", "IANS"]),
        ("Additional reporting by Reuters", ["Reuters"]),
        ("Copyright 2024 The Associated Press. All rights reserved.", ["AP"]),
        ("© 2024 AFP", ["AFP"]),
        ("health and livelihoods. (ANI)", ["ANI"]),
        ("Stories from AFP are distributed under licence.", ["AFP"]),
    ],
)
def test_credit_lines(text: str, agencies: list[str]) -> None:
    assert credited_agencies(text) == agencies


@pytest.mark.parametrize(
    "text",
    [
        "Pentagon spokesman John Kirby told AFP.",
        "according to AFP",
        "Reuters reported on Monday that talks had stalled.",
        "the minister said in a statement to Reuters.",
        "Agencies",  # a desk credit: no agency named
        "(With inputs from agencies)",
        "(Except for the headline, this story has not been edited by NDTV staff and is"
        " published from a syndicated feed.)",  # the notice names no agency
        "Reporting by Jane Roe; Editing by Sam Poe",
        "The talks - Reuters and AFP said - failed again on Monday",
    ],
)
def test_mentions_and_agencyless_credits_credit_nobody(text: str) -> None:
    assert credited_agencies(text) == []


@FUZZ
@given(wire_text)
def test_any_text_gives_canonical_names(text: str) -> None:
    agency = canonical_agency(text)
    assert agency is None or canonical_agency(agency) == agency
    for credited in credited_agencies(text):
        assert canonical_agency(credited) == credited


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_long_adversarial_text_is_quick(text: str) -> None:
    assert_quick(canonical_agency, text)
    assert_quick(credited_agencies, text)
