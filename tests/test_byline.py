"""Bylines: people, agencies and desks (wire-formats.md §2.1)."""

from __future__ import annotations

import pytest
from hypothesis import given

from newsbot.extraction.byline import Byline, is_person_name, parse_byline
from tests.support.wire_text import ADVERSARIAL, FUZZ, assert_quick, wire_text

# fmt: off
# byline as printed -> people (cleaned), agencies, is_desk
BYLINES = [
    ("By Jane Roe and John Doe, Reuters", ["Jane Roe", "John Doe"], ["Reuters"], False),
    ("By JANE ROE", ["Jane Roe"], [], False),  # names in capitals come out in normal case
    ("By By JANE ROE", ["Jane Roe"], [], False),
    ("By MALCOLM CALDWELL, GWEN PENNINGTON and SPENCER EASTMAN",
     ["Malcolm Caldwell", "Gwen Pennington", "Spencer Eastman"], [], False),
    ("By Gwen Bixby, Spencer Pennington and Heather Slattery",
     ["Gwen Bixby", "Spencer Pennington", "Heather Slattery"], [], False),
    ("CURTIS WINSLOW, SPENCER PICKERING", ["Curtis Winslow", "Spencer Pickering"], [], False),
    ("Jane Roe | Reuters", ["Jane Roe"], ["Reuters"], False),
    ("Jane Roe / AFP", ["Jane Roe"], ["AFP"], False),
    ("Jane Roe - AP", ["Jane Roe"], ["AP"], False),
    ("By JANE ROE Associated Press", ["Jane Roe"], ["AP"], False),  # no comma on member sites
    ("Jane Roe, Associated Press", ["Jane Roe"], ["AP"], False),
    ("By Shannon Bradshaw and Stacy Bixby, The Associated Press",
     ["Shannon Bradshaw", "Stacy Bixby"], ["AP"], False),
    ("By Song Sang-min, Yonhap News Agency", ["Song Sang-min"], ["Yonhap"], False),
    ("By Sebastian Seidel, dpa", ["Sebastian Seidel"], ["dpa"], False),
    ("Jane Roe of Reuters", ["Jane Roe"], ["Reuters"], False),
    ("Jane Roe for The Guardian", ["Jane Roe"], [], False),
    ("John E Smith", ["John E Smith"], [], False),  # an initial, not Italian "e"
    ("By JANE ROE AND JOHN DOE", ["Jane Roe", "John Doe"], [], False),
    ("Jane Roe (AFP)", ["Jane Roe"], ["AFP"], False),
    ("Jane Roe in Brussels", ["Jane Roe"], [], False),
    ("Jane Roe, Brussels", ["Jane Roe"], [], False),
    ("Jane Roe, New York", ["Jane Roe"], [], False),  # a place, not a second person
    ("Jane Roe, Staff Writer", ["Jane Roe"], [], False),
    ("By Jane Roe, Chief Economics Correspondent", ["Jane Roe"], [], False),
    ("Kimberly PICKERING with Oceane MARCHAND in Hong Kong",
     ["Kimberly Pickering", "Oceane Marchand"], [], False),
    ("Jane Roe; John Doe", ["Jane Roe", "John Doe"], [], False),
    ("Jane Roe & John Doe", ["Jane Roe", "John Doe"], [], False),
    ("Reporting by Jane Roe; Editing by Sam Poe", ["Jane Roe"], [], False),  # editors aren't
    ("Aniruddha Kulkarni | Patna", ["Aniruddha Kulkarni"], [], False),
    ("Jean-Pierre DUPONT et Marie CURIE", ["Jean-Pierre Dupont", "Marie Curie"], [], False),
    ("By J.R.R. Tolkien", ["J.R.R. Tolkien"], [], False),
    ("By Susan", ["Susan"], [], False),  # a lone given name is still a person
    ("Maria & Katerina", ["Maria", "Katerina"], [], False),
    ("Text: Jane Roe", ["Jane Roe"], [], False),
    ("Von Jane Roe, dpa", ["Jane Roe"], ["dpa"], False),
    ("Center for Drug Evaluation and Research", [], [], False),  # an organisation
    # desks, staff roles and agencies: a byline, but nobody
    ("Staff Correspondent", [], [], True),
    ("Our Correspondent, Rajshahi", [], [], True),
    ("From Our Correspondent", [], [], True),
    ("Special Correspondent, Dhaka", [], [], True),
    ("Online Desk", [], [], True),
    ("News Desk", [], [], True),
    ("Star Online Report", [], [], True),
    ("Express News Service", [], [], True),
    ("HT Correspondent", [], [], True),
    ("Agencies", [], [], True),
    ("TNN", [], [], True),
    ("AFP", [], ["AFP"], True),
    ("Reuters", [], ["Reuters"], True),
    ("The Associated Press", [], ["AP"], True),
    ("Kyodo News", [], ["Kyodo"], True),
    ("Redazione ANSA", [], ["ANSA"], True),
    ("Reuters Staff", [], ["Reuters"], True),
    ("ANI | Jaipur", [], ["ANI"], True),
    ("Press Trust of India | Surat", [], ["PTI"], True),
]
# fmt: on


@pytest.mark.parametrize(("raw", "people", "agencies", "is_desk"), BYLINES)
def test_byline(raw: str, people: list[str], agencies: list[str], is_desk: bool) -> None:
    byline = parse_byline(raw)
    assert [author["name"] for author in byline.authors] == people
    assert byline.agencies == agencies
    assert byline.is_desk is is_desk


def test_raw_and_name_raw_are_as_printed() -> None:
    byline = parse_byline("  By\u00a0JANE   ROE  and John Doe,\nReuters ")
    assert byline.raw == "By JANE ROE and John Doe, Reuters"
    assert byline.authors == [
        {"name": "Jane Roe", "nameRaw": "JANE ROE"},
        {"name": "John Doe", "nameRaw": "John Doe"},
    ]


def test_an_empty_byline_names_nobody() -> None:
    assert parse_byline("") == Byline(raw="")


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Jane Roe", True),
        ("Curtis Winslow", True),
        ("Song Sang-min", True),
        ("Ludwig van Beethoven", True),
        ("J. R. Smith", True),
        ("jane roe", True),
        ("\u09b0\u09b9\u09bf\u09ae \u0986\u09b9\u09ae\u09c7\u09a6", True),  # a caseless script
        ("Reuters", False),
        ("The Associated Press", False),
        ("BBC News", False),
        ("The Daily Star", False),
        ("New York Times", False),
        ("Staff Reporter", False),
        ("Online Desk", False),
        ("admin", False),
        ("Susan", False),  # one word: too little to call it a person's name
        ("jane@example.com", False),
        ("https://example.com/jane", False),
    ],
)
def test_is_person_name(name: str, person: bool) -> None:
    assert is_person_name(name) is person


@FUZZ
@given(wire_text)
def test_any_text_parses_into_people_without_agencies(text: str) -> None:
    byline = parse_byline(text)
    for author in byline.authors:
        assert author["name"]
        assert author["nameRaw"]
        assert not author["name"].lower().startswith("by ")
    assert all(agency for agency in byline.agencies)


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_long_adversarial_text_is_quick(text: str) -> None:
    assert_quick(parse_byline, text)
    assert_quick(is_person_name, text)
