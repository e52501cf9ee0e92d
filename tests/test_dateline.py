"""Datelines at the start of a body paragraph (wire-formats.md §1)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given

from newsbot.extraction.dateline import parse_dateline
from tests.support.wire_text import ADVERSARIAL, FUZZ, assert_quick, wire_text

# paragraph, then raw / place / date / agency, then the rest of the paragraph
# fmt: off
Case = tuple[str, str, str | None, str | None, str | None, str]

WIRE: list[Case] = [
    ("BRUSSELS, Dec 3 (Reuters) - The ministers met.",
     "BRUSSELS, Dec 3 (Reuters) -", "BRUSSELS", "Dec 3", "Reuters", "The ministers met."),
    ("WASHINGTON/BRUSSELS, Sept 14 (Reuters) - Talks resumed.",
     "WASHINGTON/BRUSSELS, Sept 14 (Reuters) -", "WASHINGTON/BRUSSELS", "Sept 14", "Reuters",
     "Talks resumed."),
    ("KANSAS CITY, Mo. (AP) — A tornado hit.",
     "KANSAS CITY, Mo. (AP) —", "KANSAS CITY, Mo.", None, "AP", "A tornado hit."),
    ("DHAKA, Bangladesh (AP) _ Floods spread.",  # ANPA feeds print "_" for the dash
     "DHAKA, Bangladesh (AP) _", "DHAKA, Bangladesh", None, "AP", "Floods spread."),
    ("(04-29) 14:47 PDT Kansas City, Mo. (AP) — A tornado hit.",
     "(04-29) 14:47 PDT Kansas City, Mo. (AP) —", "Kansas City, Mo.", None, "AP",
     "A tornado hit."),
    ("Paris (AFP) - Talks resumed.", "Paris (AFP) -", "Paris", None, "AFP", "Talks resumed."),
    ("PARIS, Dec 3 (AFP) - Talks resumed.",
     "PARIS, Dec 3 (AFP) -", "PARIS", "Dec 3", "AFP", "Talks resumed."),
    ("Tallinn, March 22, 2018 (AFP) - Talks resumed.",
     "Tallinn, March 22, 2018 (AFP) -", "Tallinn", "March 22, 2018", "AFP", "Talks resumed."),
    ("LONDRES, 31 dez 2008 (AFP) - O governo disse.",
     "LONDRES, 31 dez 2008 (AFP) -", "LONDRES", "31 dez 2008", "AFP", "O governo disse."),
    ("(Bloomberg) -- Stocks fell.", "(Bloomberg) --", None, None, "Bloomberg", "Stocks fell."),
    ("Sept. 14 (Bloomberg) -- Stocks fell.",
     "Sept. 14 (Bloomberg) --", None, "Sept. 14", "Bloomberg", "Stocks fell."),
    ("WASHINGTON, Dec. 3 (UPI) -- Talks resumed.",
     "WASHINGTON, Dec. 3 (UPI) --", "WASHINGTON", "Dec. 3", "UPI", "Talks resumed."),
    ("Berlin (dpa) - Die Regierung sagte.", "Berlin (dpa) -", "Berlin", None, "dpa",
     "Die Regierung sagte."),
    ("Hamburg (dpa/lno) - Der Hafen.", "Hamburg (dpa/lno) -", "Hamburg", None, "dpa",
     "Der Hafen."),
    ("Madrid, 3 dic (EFE).- El Gobierno dijo.",
     "Madrid, 3 dic (EFE).-", "Madrid", "3 dic", "EFE", "El Gobierno dijo."),
    ("Madrid, Dec 3 (EFE).- The government said.",
     "Madrid, Dec 3 (EFE).-", "Madrid", "Dec 3", "EFE", "The government said."),
    ("(ANSA) - ROMA, 16 MAG - Il governo.",
     "(ANSA) - ROMA, 16 MAG -", "ROMA", "16 MAG", "ANSA", "Il governo."),
    ("(ANSA) - ROME, JUL 11 - The government.",
     "(ANSA) - ROME, JUL 11 -", "ROME", "JUL 11", "ANSA", "The government."),
    ("ROMA, 16 NOV (ANSA) - O governo.",
     "ROMA, 16 NOV (ANSA) -", "ROMA", "16 NOV", "ANSA", "O governo."),
    ("BEIJING, Dec. 3 (Xinhua) -- China said.",
     "BEIJING, Dec. 3 (Xinhua) --", "BEIJING", "Dec. 3", "Xinhua", "China said."),
    ("SAITAMA, Japan, Dec. 9 Kyodo - Police said.",
     "SAITAMA, Japan, Dec. 9 Kyodo -", "SAITAMA, Japan", "Dec. 9", "Kyodo", "Police said."),
    ("SEOUL, Dec. 3 (Yonhap) -- Police said.",
     "SEOUL, Dec. 3 (Yonhap) --", "SEOUL", "Dec. 3", "Yonhap", "Police said."),
    ("New Delhi, Dec 3 (PTI) The court said.",  # PTI/IANS wire: no separator
     "New Delhi, Dec 3 (PTI)", "New Delhi", "Dec 3", "PTI", "The court said."),
    ("New Delhi (PTI): The court said.",
     "New Delhi (PTI):", "New Delhi", None, "PTI", "The court said."),
    ("New Delhi, July 26 (IANS) Hours after the vote.",
     "New Delhi, July 26 (IANS)", "New Delhi", "July 26", "IANS", "Hours after the vote."),
    ("New Delhi [India], November 19 (ANI): The court said.",
     "New Delhi [India], November 19 (ANI):", "New Delhi [India]", "November 19", "ANI",
     "The court said."),
    ("Dhaka, Dec 3 (UNB) - The court said.",
     "Dhaka, Dec 3 (UNB) -", "Dhaka", "Dec 3", "UNB", "The court said."),
    ("DHAKA, Dec 3, 2014 (BSS) - The court said.",
     "DHAKA, Dec 3, 2014 (BSS) -", "DHAKA", "Dec 3, 2014", "BSS", "The court said."),
    ("ISLAMABAD, Dec 3 (APP): The court said.",
     "ISLAMABAD, Dec 3 (APP):", "ISLAMABAD", "Dec 3", "APP", "The court said."),
    ("ISLAMABAD (Dawn/ANN) - The court said.",
     "ISLAMABAD (Dawn/ANN) -", "ISLAMABAD", None, "ANN", "The court said."),
    ("MOSCOW, December 3. /TASS/. The Kremlin said.",
     "MOSCOW, December 3. /TASS/.", "MOSCOW", "December 3", "TASS", "The Kremlin said."),
    ("ANKARA (AA) - The ministry said.", "ANKARA (AA) -", "ANKARA", None, "Anadolu",
     "The ministry said."),
    ("EAGLE PASS, Texas (AP) — Migrants crossed.",  # with an agency, label words are places
     "EAGLE PASS, Texas (AP) —", "EAGLE PASS, Texas", None, "AP", "Migrants crossed."),
    ("(Reuters) - The ministers met.", "(Reuters) -", None, None, "Reuters", "The ministers met."),
    ("BERLIN, 3. Dezember (dpa) - Die Regierung.",
     "BERLIN, 3. Dezember (dpa) -", "BERLIN", "3. Dezember", "dpa", "Die Regierung."),
    ("Rio de Janeiro (AFP) - Police said.",
     "Rio de Janeiro (AFP) -", "Rio de Janeiro", None, "AFP", "Police said."),
]
AGENCY_FIRST: list[Case] = [
    ("Reuters, Brussels :", "Reuters, Brussels :", "Brussels", None, "Reuters", ""),
    ("AFP, Washington: The talks.", "AFP, Washington:", "Washington", None, "AFP", "The talks."),
    ("BSS, Dhaka : The talks.", "BSS, Dhaka :", "Dhaka", None, "BSS", "The talks."),
    ("AFP, Prayagraj, June 23: The heat.",
     "AFP, Prayagraj, June 23:", "Prayagraj", "June 23", "AFP", "The heat."),
]
STAFF: list[Case] = [
    ("BRUSSELS — The ministers met.", "BRUSSELS —", "BRUSSELS", None, None, "The ministers met."),
    ("LAHORE: The Met office warned.", "LAHORE:", "LAHORE", None, None, "The Met office warned."),
    ("NEW DELHI: The court said.", "NEW DELHI:", "NEW DELHI", None, None, "The court said."),
    ("COX\u2019S BAZAR: Health officials said.",  # as printed: the curly apostrophe stays
     "COX\u2019S BAZAR:", "COX\u2019S BAZAR", None, None, "Health officials said."),
    ("CATANIA, Italy — Authorities said.",
     "CATANIA, Italy —", "CATANIA, Italy", None, None, "Authorities said."),
    ("WASHINGTON (CNN) — Officials said.",  # a newsroom tag that is no wire agency
     "WASHINGTON (CNN) —", "WASHINGTON", None, None, "Officials said."),
    ("Bengaluru, Aug 23: The city said.",
     "Bengaluru, Aug 23:", "Bengaluru", "Aug 23", None, "The city said."),
]
# fmt: on


@pytest.mark.parametrize(
    ("paragraph", "raw", "place", "date", "agency", "rest"), WIRE + AGENCY_FIRST + STAFF
)
def test_dateline(
    paragraph: str, raw: str, place: str | None, date: str | None, agency: str | None, rest: str
) -> None:
    parsed = parse_dateline(paragraph)
    assert parsed is not None
    dateline, remaining = parsed
    assert dateline == {"raw": raw, "place": place, "date": date, "agency": agency}
    assert remaining == rest


PLACES = [
    "BRUSSELS", "NEW DELHI", "COX'S BAZAR", "DAR ES SALAAM", "ST. LOUIS", "PORT-AU-PRINCE",
    "S\u00c3O PAULO", "Brussels", "Dar es Salaam", "Port-au-Prince", "S\u00e3o Paulo",
]  # fmt: skip
QUALIFIERS = ["", ", Texas", ", Calif.", ", D.C.", ", Sri Lanka", ", Bosnia and Herzegovina"]
DATES = ["Dec 3", "Sept. 14", "September 14", "May 11, 2024"]
FORMS = [  # {p}lace, {q}ualifier, {d}ate -> agency
    ("{p}{q} (AP) \u2014 ", "AP"), ("{p}{q}, {d} (Reuters) - ", "Reuters"),
    ("{p}{q}, {d} (Xinhua) -- ", "Xinhua"), ("{p}{q}, {d} Kyodo - ", "Kyodo"),
    ("{p}{q}, {d} (PTI) ", "PTI"), ("{p}{q} (AFP) - ", "AFP"), ("{p}{q}, {d} (EFE).- ", "EFE"),
    ("{p}{q}, {d} (UNB) - ", "UNB"), ("{p}{q} (PTI): ", "PTI"), ("AFP, {p}{q}: ", "AFP"),
    ("Reuters, {p}{q}, {d}: ", "Reuters"),
]  # fmt: skip


@pytest.mark.parametrize(("form", "agency"), FORMS)
def test_every_place_qualifier_and_date_in_every_form(form: str, agency: str) -> None:
    failures = []
    for place, qualifier, date in itertools.product(PLACES, QUALIFIERS, DATES):
        dateline = form.format(p=place, q=qualifier, d=date)
        parsed = parse_dateline(dateline + "The ministers met.")
        want = {
            "raw": dateline.strip(),
            "place": place + qualifier,
            "date": date if "{d}" in form else None,
            "agency": agency,
        }
        if parsed != (want, "The ministers met."):
            failures.append((dateline, parsed))
    assert failures == []


def test_nbsp_and_typography_are_matched_but_the_rest_is_kept_as_printed() -> None:
    parsed = parse_dateline("NEW YORK\u00a0(AP) \u2014 It said \u201chi\u201d \u2026 then left.")
    assert parsed is not None
    assert parsed[0]["place"] == "NEW YORK"
    assert parsed[1] == "It said \u201chi\u201d \u2026 then left."


# Full-width brackets and colon, and the minus sign: read as "(", ")", ":" and "-"
_FOLDED = str.maketrans({"(": "\uff08", ")": "\uff09", ":": "\uff1a", "-": "\u2212"})
ONE_SEPARATOR = ["WASHINGTON -- Talks resumed.", "WASHINGTON: Talks.", "TOKYO, Dec 3: Talks."]


@pytest.mark.parametrize("paragraph", [w[0] for w in WIRE + AGENCY_FIRST + STAFF] + ONE_SEPARATOR)
def test_a_dateline_in_full_width_or_minus_signs_reads_the_same(paragraph: str) -> None:
    # parse_dateline skips a paragraph without a separator before folding these: the
    # test of the unfolded text must let each of them through
    parsed, folded = parse_dateline(paragraph), parse_dateline(paragraph.translate(_FOLDED))
    assert parsed is not None
    assert folded is not None
    fields = ("place", "date", "agency")
    assert [folded[0][f] for f in fields] == [parsed[0][f] for f in fields]  # type: ignore[literal-required]
    assert folded[1] == parsed[1].translate(_FOLDED)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The ministers met in Brussels on Wednesday.",
        "BREAKING: A tornado hit the city.",
        "UPDATE — more to follow.",
        "FILE - A departures board shows cancelled flights.",  # AP caption marker
        "QUICK SUMMARY: the plan in three points.",
        "SACHA PFEIFFER, HOST: Good morning.",  # a transcript speaker
        "CEO: Jane Roe",
        "OUR TOP PICK: The x200 from Acme.",
        "PRICE: $299 for the base model.",
        "Note: the figures are provisional.",
        "He said: this is it.",
        "In 2024 (Reuters) - something.",  # digits are no place
        "A man (AP) - something.",  # lower-case words are no place
        "Apple Inc (AAPL) - shares rose.",  # a ticker, not an agency
        "The Prime Minister of the United Kingdom and Northern Ireland (AFP) - said.",
        "Jane Roe, Reuters: hello",
        "Reuters reported on Monday that talks had stalled.",
        "AFP, which is based in Paris, said on Monday.",
        "US: the talks resumed.",
        "By Jane Roe",
        "",
        "   ",
    ],
)
def test_sentences_are_not_datelines(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@FUZZ
@given(wire_text)
def test_any_text_parses_or_not_without_error(text: str) -> None:
    parsed = parse_dateline(text)
    if parsed is not None:
        dateline, rest = parsed
        assert dateline["raw"]
        assert dateline["place"] or dateline["agency"]
        assert len(rest) < len(text)


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_long_adversarial_text_is_quick(text: str) -> None:
    assert_quick(parse_dateline, text)
