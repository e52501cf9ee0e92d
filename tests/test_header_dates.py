"""The date printed by the headline, and where it stands among the page's dates."""

from __future__ import annotations

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction.document import parse_html
from newsbot.extraction.printed_dates import header_date

BODY = (
    "<p>" + "The council voted on the new budget after a long debate in the chamber. " * 8 + "</p>"
)


def _header(before: str, after: str) -> tuple[str | None, str | None]:
    tree = parse_html(
        "<html><body><main><div class='head'>"
        f"{before}<h1>Budget passes</h1>{after}</div>{BODY}</main></body></html>"
    )
    assert tree is not None
    return header_date(tree.find(".//h1"), today="2026-01-01")


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("Dec. 19, 2025", "2025-12-19"),
        ("December 19th, 2025", "2025-12-19"),
        ("19 December 2025", "2025-12-19"),
        ("OCTOBER 13, 2025", "2025-10-13"),
        ("19. Dezember 2025", "2025-12-19"),
        ("19 de diciembre de 2025", "2025-12-19"),
        ("19 décembre 2025", "2025-12-19"),
        ("2025-12-19", "2025-12-19"),
        ("19.12.2025", "2025-12-19"),
        ("12/19/2025", "2025-12-19"),  # only one order is a date
        ("19/12/2025", "2025-12-19"),
    ],
)
def test_written_forms(printed: str, day: str) -> None:
    assert _header("", f"<p class='meta'>By Jane Roe · {printed}</p>") == (day, printed)


def test_ambiguous_numeric_dates_are_not_guessed() -> None:
    assert _header("", "<p>05/06/2025</p>") == (None, None)


def test_a_date_before_the_headline_counts_too() -> None:
    assert _header("<span>Dec 2, 2025 · News</span>", "<p>A deck line</p>")[0] == "2025-12-02"


def test_an_updated_date_is_skipped() -> None:
    assert _header("", "<p>Updated: May 3, 2025</p><p>Published May 1, 2025</p>") == (
        "2025-05-01",
        "May 1, 2025",
    )


def test_blank_lines_do_not_use_up_the_header() -> None:
    blanks = "<span> </span>\n" * 20
    assert _header("", f"{blanks}<div>\n  17.05.2021\n</div>")[0] == "2021-05-17"


def test_a_date_in_the_story_is_not_the_header_date() -> None:
    prose = "The nomination process is open and runs through July 31, 2025, the organisers said."
    assert _header("", f"<p>{prose} {prose}</p><p>June 2, 2025</p>") == (None, None)


def test_a_future_date_is_not_a_publication_date() -> None:
    assert _header("", "<p>Event on March 3, 2027</p>") == (None, None)


def _page(head: str, printed: str) -> str:
    return (
        f"<html><head><title>Budget passes</title>{head}</head><body><article>"
        f"<h1>Budget passes</h1><p class='meta'>{printed}</p>{BODY}</article></body></html>"
    )


def _ld(published: str, modified: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget passes",'
        f' "datePublished": "{published}", "dateModified": "{modified}"}}</script>'
    )


def test_structured_published_date_goes_first() -> None:
    html = _page(_ld("2024-03-01T10:00:00Z", "2024-07-05T14:00:00Z"), "June 2, 2024")
    article = extract_article(html, "https://example.com/a", strict=True)
    assert article.datePublished == "2024-03-01T10:00:00Z"


def test_printed_date_replaces_a_published_stamp_that_is_the_modified_one() -> None:
    html = _page(_ld("2024-07-05T14:20:08Z", "2024-07-05T14:20:08Z"), "March 1, 2024")
    article = extract_article(html, "https://example.com/a", strict=True)
    assert (article.datePublished, article.datePublishedRaw) == ("2024-03-01", "March 1, 2024")
    assert article.dateModified == "2024-07-05T14:20:08Z"


def test_a_printed_modified_day_never_becomes_the_published_date() -> None:
    head = '<meta property="article:modified_time" content="2025-11-14T09:00:00Z">'
    html = _page(head, "November 14, 2025")
    article = extract_article(html, "https://example.com/a", strict=True)
    assert article.datePublishedRaw != "November 14, 2025"


def test_printed_date_without_structured_dates() -> None:
    article = extract_article(_page("", "By Jane Roe | 17.05.2021"), "https://example.com/a")
    assert article.datePublished == "2021-05-17"
