"""The wire-text parsers against every labelled wire-dev page (../shared/corpus/wire-dev).

Each page's label gives what its dateline, byline, captions and trailers mean; these tests
find the labelled strings in the page's HTML and check that the parsers read them so. They
test the parsers alone, not the extraction stage around them (``newsbot eval`` does that).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from newsbot.extraction.byline import parse_byline
from newsbot.extraction.credits import split_credit
from newsbot.extraction.dateline import parse_dateline
from newsbot.extraction.trailers import strip_trailers

WIRE_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wire-dev"
PAGES = sorted(p.stem for p in WIRE_DEV.glob("*.html"))
# Promo headings after the story are the body cleaner's business, not trailers.
PROMO = re.compile(r"^(?:Most Read|More from|Read more|Related)\b")

pytestmark = pytest.mark.shared


def text_of(element: Any) -> str:
    return " ".join(element.text_content().split())


@dataclass
class Page:
    label: dict[str, Any]
    root: Any

    @property
    def body(self) -> list[str]:
        return [" ".join(p.split()) for p in self.label["bodyParagraphs"]]

    def paragraphs_with(self, start: str) -> list[Any]:
        """The ``<p>`` elements whose text contains ``start``, in document order."""
        return [p for p in self.root.iter("p") if start[:40] in text_of(p)]

    def classed(self, pattern: str) -> list[Any]:
        return [
            e for e in self.root.iter()
            if isinstance(e.tag, str) and re.search(pattern, e.get("class") or "", re.I)
        ]  # fmt: skip


@cache
def load(name: str) -> Page:
    label = json.loads((WIRE_DEV / f"{name}.json").read_text(encoding="utf-8"))
    return Page(label, lxml.html.parse(str(WIRE_DEV / f"{name}.html")).getroot())


@pytest.mark.parametrize("name", PAGES)
def test_dateline_of_the_first_paragraph(name: str) -> None:
    page = load(name)
    first = text_of(page.paragraphs_with(page.body[0])[0])
    parsed = parse_dateline(first)
    want = page.label["dateline"]
    if want is None:
        assert parsed is None
        return
    assert parsed is not None, first
    dateline, rest = parsed
    assert {k: dateline[k] for k in ("place", "agency", "date")} == want
    assert rest == page.body[0]
    assert first.startswith(dateline["raw"])


@pytest.mark.parametrize("name", PAGES)
def test_no_dateline_in_the_clean_body(name: str) -> None:
    for paragraph in load(name).body[1:]:
        assert parse_dateline(paragraph) is None, paragraph


@pytest.mark.parametrize("name", PAGES)
def test_byline_gives_the_labelled_people(name: str) -> None:
    page = load(name)
    bylines = page.classed(r"byline|author")
    innermost = [e for e in bylines if not any(d in bylines for d in e.iterdescendants())]
    printed = [re.sub(r"Updated .*$", "", text_of(e)).strip() for e in innermost]
    people = [[a["name"] for a in parse_byline(b).authors] for b in printed if b]
    if page.label["authors"]:
        assert page.label["authors"] in people
    else:
        assert all(found == [] for found in people)


@pytest.mark.parametrize("name", PAGES)
def test_captions_split_into_the_labelled_text_and_credit(name: str) -> None:
    page = load(name)
    found = set()
    for element in page.classed(r"caption|field-name-field-image-") + list(
        page.root.iter("figcaption")
    ):
        caption = text_of(element)
        credit = element.getnext()
        if credit is not None and re.search(r"photo|credit", credit.get("class") or "", re.I):
            caption = f"{caption} {text_of(credit)}"
        found.add(split_credit(caption))
    for want in page.label["captions"]:
        assert (" ".join(want["text"].split()), want["credit"]) in found


@pytest.mark.parametrize("name", PAGES)
def test_trailers_after_the_story_are_stripped(name: str) -> None:
    page = load(name)
    last = page.paragraphs_with(page.body[-1])[-1]
    after = [text_of(p) for p in last.itersiblings() if p.tag == "p"]
    kept, _ = strip_trailers([text_of(last), *after])
    assert kept[0] == page.body[-1]  # an end tag glued to it ("-- PTI", "(ANI)") is cut
    assert all(PROMO.match(p) for p in kept[1:]), kept[1:]


@pytest.mark.parametrize("name", PAGES)
def test_the_clean_body_has_no_trailer(name: str) -> None:
    body = load(name).body
    assert strip_trailers(body) == (body, [])


@pytest.mark.parametrize("name", PAGES)
def test_agencies_credited_by_dateline_byline_and_trailers(name: str) -> None:
    page = load(name)
    first = page.paragraphs_with(page.body[0])[0]
    last = page.paragraphs_with(page.body[-1])[-1]
    story = [text_of(first), *(text_of(p) for p in first.itersiblings() if p.tag == "p")]
    agencies: list[str] = []
    for paragraph in story:  # a dateline opening an appended story credits its agency too
        parsed = parse_dateline(paragraph)
        if parsed and parsed[0]["agency"]:
            agencies.append(parsed[0]["agency"])
    for element in page.classed(r"byline|author"):
        agencies.extend(parse_byline(text_of(element)).agencies)
    after = [text_of(p) for p in last.itersiblings() if p.tag == "p"]
    agencies.extend(strip_trailers([text_of(last), *after])[1])
    assert set(agencies) == set(page.label["agencies"])
