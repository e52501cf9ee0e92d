"""Photo credits split off captions (wire-formats.md §3.1).

The credit comes back as printed, without surrounding parentheses or a leading ``|``; markers
at the start of a caption ("FILE -", "(L-R)") stay in its text.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from newsbot.extraction.agencies import canonical_agency
from newsbot.extraction.credits import _TAILS, credit_agencies, split_credit
from tests.support.wire_text import ADVERSARIAL, FUZZ, assert_quick, wire_text

TEXT = "Ministers meet in Brussels, Belgium, December 3, 2014."

# fmt: off
# the credit as printed after TEXT -> the credit split off, the agencies it names
CREDITS = [
    ("REUTERS/Jane Roe", "REUTERS/Jane Roe", ["Reuters"]),
    ("REUTERS/Jane Roe/File Photo", "REUTERS/Jane Roe/File Photo", ["Reuters"]),
    ("Jane Roe/Pool via REUTERS/File Photo", "Jane Roe/Pool via REUTERS/File Photo", ["Reuters"]),
    ("Army/Handout via REUTERS", "Army/Handout via REUTERS", ["Reuters"]),
    ("(AP Photo/Jane Roe)", "AP Photo/Jane Roe", ["AP"]),
    ("(AP Photo/Jane Roe, File)", "AP Photo/Jane Roe, File", ["AP"]),
    ("(AP Photo)", "AP Photo", ["AP"]),
    ("(Photo by JANE ROE / AFP)", "Photo by JANE ROE / AFP", ["AFP"]),
    ("JANE ROE/AFP via Getty Images", "JANE ROE/AFP via Getty Images", ["AFP"]),
    ("Photo by Jane Roe/Getty Images", "Photo by Jane Roe/Getty Images", []),
    ("AFP PHOTO / JANE ROE", "AFP PHOTO / JANE ROE", ["AFP"]),
    ("EPA-EFE/JANE ROE", "EPA-EFE/JANE ROE", ["EPA", "EFE"]),
    ("Xinhua/Jane Roe", "Xinhua/Jane Roe", ["Xinhua"]),
    ("(Xinhua/Jane Roe)", "Xinhua/Jane Roe", ["Xinhua"]),
    ("ANSA/JANE ROE", "ANSA/JANE ROE", ["ANSA"]),
    ("Photographer: Jane Roe/Bloomberg", "Photographer: Jane Roe/Bloomberg", ["Bloomberg"]),
    ("Photo: Jane Roe/dpa", "Photo: Jane Roe/dpa", ["dpa"]),
    ("Photo by Jane Roe/UPI", "Photo by Jane Roe/UPI", ["UPI"]),
    ("| Photo: BSS", "Photo: BSS", ["BSS"]),
    ("— Photo: Collected", "Photo: Collected", []),
    ("Photo: Reuters", "Photo: Reuters", ["Reuters"]),
    ("(Photo: IANS)", "Photo: IANS", ["IANS"]),
    ("(Photo/ANI)", "Photo/ANI", ["ANI"]),
    ("PTI Photo", "PTI Photo", ["PTI"]),
    ("(Kyodo)", "Kyodo", ["Kyodo"]),
    ("(Yonhap)", "Yonhap", ["Yonhap"]),
    ("Jane Roe / The Daily Paper", "Jane Roe / The Daily Paper", []),
    ("Courtesy of the family", "Courtesy of the family", []),
    ("File photo", "File photo", []),
    ("Jane Roe/dpa", "Jane Roe/dpa", ["dpa"]),
    ("(Jane Roe/AP)", "Jane Roe/AP", ["AP"]),
    ("Star photo", "Star photo", []),
    ("AFP", "AFP", ["AFP"]),
    ("/ AFP", "AFP", ["AFP"]),
    ("Photo credit: Reuters", "Photo credit: Reuters", ["Reuters"]),
]
# fmt: on


@pytest.mark.parametrize(("printed", "credit", "agencies"), CREDITS)
def test_credit_is_split_off(printed: str, credit: str, agencies: list[str]) -> None:
    assert split_credit(f"{TEXT} {printed}") == (TEXT, credit)
    assert credit_agencies(credit) == agencies


PHOTOGRAPHERS = [
    "Jane Roe", "JANE ROE", "Jean-Pierre Dupont", "H\u00c9L\u00c8NE GU\u00c9RIN", "Mary O'Neill",
    "A.N. Other", "J. R. Smith", "Song Sang-min", "Ana Mar\u00eda de la Cruz",
]  # fmt: skip
FORMS = [
    "REUTERS/{n}", "REUTERS/{n}/File Photo", "(AP Photo/{n})", "(AP Photo/{n}, File)",
    "(Photo by {n} / AFP)", "{n}/AFP via Getty Images", "AFP PHOTO / {n}", "EPA-EFE/{n}",
    "(Xinhua/{n})", "Photographer: {n}/Bloomberg", "Photo: {n}/dpa", "Photo by {n}/UPI",
    "{n} / The Daily Paper", "{n}/Pool via REUTERS", "ANSA/{n}", "(Photo: {n})", "{n}/dpa",
]  # fmt: skip


@pytest.mark.parametrize("form", FORMS)
def test_every_photographer_in_every_form(form: str) -> None:
    failures = []
    for name in PHOTOGRAPHERS:
        printed = form.format(n=name)
        split = split_credit(f"{TEXT} {printed}")
        if split != (TEXT, printed.strip("()")):
            failures.append(split)
    assert failures == []


def test_markers_at_the_start_stay_in_the_text() -> None:
    caption = "FILE - A departures board shows cancelled flights. (AP Photo/Jane Roe, File)"
    assert split_credit(caption) == (
        "FILE - A departures board shows cancelled flights.",
        "AP Photo/Jane Roe, File",
    )


@pytest.mark.parametrize(
    ("printed", "credit"),
    [("(Photo by JANE ROE / AFP)", "Photo by JANE ROE / AFP"), ("Reuters", "Reuters")],
)
def test_a_credit_printed_alone_is_a_credit(printed: str, credit: str) -> None:
    assert split_credit(printed) == ("", credit)


@pytest.mark.parametrize(
    "caption",
    [
        TEXT,
        "(L-R) US Secretary of State John Kerry and Iraqi Prime Minister Haider al-Abadi speak"
        " during a meeting at the N",  # cut short by the CMS: no credit
        "The minister (right) meets the envoy (left).",
        "Rescue workers at the site (file).",
        "A man and his dog / the city.",
        "A man walks past the headquarters of Reuters",
        "",
    ],
)
def test_captions_without_credit(caption: str) -> None:
    assert split_credit(caption) == (caption, None)


def test_whitespace_is_collapsed_and_the_text_kept_as_printed() -> None:
    assert split_credit("A \u201cbig\u201d\u00a0day \u2026  REUTERS/Jane\u00a0Roe") == (
        "A \u201cbig\u201d day \u2026",
        "REUTERS/Jane Roe",
    )


@FUZZ
@given(wire_text)
def test_any_caption_splits_into_text_and_credit(caption: str) -> None:
    text, credit = split_credit(caption)
    collapsed = " ".join(caption.split())
    assert collapsed.startswith(text)
    if credit is not None:
        assert credit in collapsed
        assert all(canonical_agency(agency) == agency for agency in credit_agencies(credit))


def _unsearched_shapes(caption: str) -> list[int]:
    """The shapes found in ``caption`` that split_credit would not search it for."""
    text = " ".join(caption.split())
    return [
        i
        for i, (needs, tail) in enumerate(_TAILS)
        if needs and not any(n in text for n in needs) and tail.search(text)
    ]


def test_a_shape_is_searched_in_every_caption_that_prints_it() -> None:
    # split_credit skips a shape in a caption without the word it needs: each shape found
    # anywhere here must have it
    captions = [f"{TEXT} {printed}" for printed, _, _ in CREDITS]
    captions += [f"{TEXT} {form.format(n=n)}" for form in FORMS for n in PHOTOGRAPHERS]
    captions += ["Rescue workers at the site. File photo", "Mourners gather. Star photo"]
    assert [c for c in captions if _unsearched_shapes(c)] == []


@FUZZ
@given(wire_text)
def test_a_shape_is_searched_in_any_caption_that_prints_it(caption: str) -> None:
    assert _unsearched_shapes(caption) == []


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_long_adversarial_text_is_quick(text: str) -> None:
    assert_quick(split_credit, text)
    assert_quick(credit_agencies, text)
