"""How the printed date and the page's ``<time>`` markup correct a structured published
stamp: a save time, a re-save later than the printed day, a numeric date only the
``datetime`` settles, a note "originally published on"; and when the stamp stays."""

from __future__ import annotations

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction.dates import local_day_of
from newsbot.extraction.document import parse_html
from newsbot.extraction.printed_dates import header_date, may_have_original_date, original_date

BODY = (
    "<p>" + "The council voted on the new budget after a long debate in the chamber. " * 8 + "</p>"
)


def _header(after: str) -> tuple[str | None, str | None]:
    tree = parse_html(
        f"<html><body><main><div class='head'><h1>Budget passes</h1>{after}</div>"
        f"{BODY}</main></body></html>"
    )
    assert tree is not None
    return header_date(tree.find(".//h1"), today="2026-01-01")


def _published(head: str, printed: str, tail: str = "") -> tuple[str | None, str | None]:
    html = (
        f"<html><head><title>Budget passes</title>{head}</head><body><article>"
        f"<h1>Budget passes</h1><div class='meta'>{printed}</div>{BODY}{tail}</article>"
        "</body></html>"
    )
    article = extract_article(html, "https://example.com/a", strict=True)
    return article.datePublished, article.dateModified


def _meta(published: str, modified: str | None = None) -> str:
    head = f'<meta property="article:published_time" content="{published}">'
    if modified:
        head += f'<meta property="article:modified_time" content="{modified}">'
    return head


# The <time> element by the headline


def test_a_time_by_the_headline_settles_a_numeric_date_by_its_datetime() -> None:
    line = '<time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by Jane Roe'
    assert _header(line) == ("2017-03-01", "2017-03-01T12:00:00Z")
    assert _published("", line)[0] == "2017-03-01T12:00:00Z"


def test_a_time_marked_as_the_modified_one_is_skipped() -> None:
    line = (
        '<time class="updated" datetime="2025-06-02">June 2, 2025</time>'
        '<time datetime="2025-05-01">May 1, 2025</time>'
    )
    assert _header(line)[0] == "2025-05-01"


def test_a_time_labelled_updated_in_its_own_text_is_skipped() -> None:
    line = '<time datetime="2025-12-17">Last Updated: Dec 17, 2025</time>'
    assert _header(line) == (None, None)


def test_a_time_whose_datetime_is_not_iso_is_read_by_its_text() -> None:
    line = '<time datetime="4/24/2000 12:00:00 AM">24 Apr 2000</time>'
    assert _header(line) == ("2000-04-24", "24 Apr 2000")


# A structured published stamp that is the modified one again (a CMS save time)


def test_a_save_stamp_gives_way_to_a_printed_day_no_time_zone_explains() -> None:
    # 22:02 UTC on the 19th is the 19th or the 20th everywhere: the 18th is another day
    head = _meta("2025-12-19T22:02:58Z", "2025-12-19T22:02:45Z")
    assert _published(head, "Dec 18, 2025")[0] == "2025-12-18"


def test_a_save_stamp_stays_when_the_printed_day_is_its_local_day() -> None:
    # 03:05 UTC on the 19th is the evening of the 18th in the Americas: the same moment
    head = _meta("2025-12-19T03:05:00+00:00", "2025-12-19T03:30:28+00:00")
    assert _published(head, "December 18, 2025")[0] == "2025-12-19T03:05:00+00:00"


def test_a_later_printed_day_never_replaces_a_save_stamp() -> None:
    # a masthead prints today's date: a story is not published after its last save
    head = _meta("2019-11-19T00:04:00Z", "2019-11-19T00:04:00Z")
    assert _published(head, "Wednesday, November 20, 2019")[0] == "2019-11-19T00:04:00Z"


def test_a_save_stamp_gives_way_to_an_earlier_time_markup_day() -> None:
    head = _meta("2025-11-29T12:28:31-05:00", "2025-11-29T12:28:31-05:00")
    tail = '<div>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></div>'
    assert _published(head, "By Jane Roe", tail)[0] == "2025-08-13"


def test_a_later_time_markup_day_never_replaces_a_save_stamp() -> None:
    head = _meta("2025-12-01", "2025-12-01")
    tail = "<div><time datetime='2025-12-17'>Dec 17, 2025</time></div>"
    assert _published(head, "By Jane Roe", tail)[0] == "2025-12-01"


# A structured published stamp later than the day printed by the headline


def test_a_printed_day_before_the_published_stamp_is_the_first_publication() -> None:
    head = _meta("2024-08-07T12:01:51Z")
    assert _published(head, "Dec 30, 2013") == ("2013-12-30", None)


def test_a_printed_day_after_the_published_stamp_does_not_replace_it() -> None:
    head = _meta("2016-02-25T23:48:16+00:00", "2026-01-04T19:07:10+00:00")
    assert _published(head, "April 1, 2025")[0] == "2016-02-25T23:48:16+00:00"


def test_a_printed_local_day_before_a_utc_stamp_is_the_same_moment() -> None:
    head = _meta("2025-07-05T00:04:00+00:00", "2026-02-09T16:17:27+00:00")
    assert _published(head, "July 4, 2025")[0] == "2025-07-05T00:04:00+00:00"


def test_a_printed_modified_day_is_never_the_published_one() -> None:
    head = _meta("2025-03-01T10:00:00Z", "2025-02-01T10:00:00Z")
    assert _published(head, "February 1, 2025")[0] == "2025-03-01T10:00:00Z"


# A note that gives the first publication


def test_a_note_originally_published_on_gives_the_publication_day() -> None:
    note = (
        "<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been "
        "regularly updated to keep the information current.</p>"
    )
    assert _published("", "30 Sep 2022, 11:07am", note)[0] == "2019-09-26"


def test_originally_published_by_a_publication_gives_no_day() -> None:
    tree = parse_html(
        "<html><body><p>This story was originally published by The Conversation on "
        "March 3, 2024.</p></body></html>"
    )
    assert tree is not None
    assert original_date(tree) == (None, None)


# The calendar day of a moment somewhere on Earth


@pytest.mark.parametrize(
    ("stamp", "day", "expected"),
    [
        ("2025-12-19T03:05:00+00:00", "2025-12-18", True),  # UTC-03:05 or further west
        ("2025-12-19T03:05:00Z", "2025-12-20", False),  # would need UTC+21
        ("2025-12-19T22:02:58Z", "2025-12-18", False),  # would need UTC-22
        ("2025-12-19T22:02:58Z", "2025-12-20", True),  # UTC+02 or further east
        ("2025-07-04T20:04:00-04:00", "2025-07-05", True),  # the same moment in UTC
        ("2025-12-19T03:05:00", "2025-12-18", False),  # no offset: a local time
        ("2025-12-19", "2025-12-18", False),  # no time: its own day only
        ("2025-12-19", "2025-12-19", True),
    ],
)
def test_local_day_of(stamp: str, day: str, expected: bool) -> None:
    assert local_day_of(stamp, day) is expected


def test_a_study_first_published_on_a_day_is_not_the_page_s_publication() -> None:
    tree = parse_html(
        "<html><body><p>The study, first published on March 3, 2020 in Nature, found that "
        "the effect was small.</p></body></html>"
    )
    assert tree is not None
    assert original_date(tree) == (None, None)


def test_a_note_opening_with_originally_published_gives_its_day() -> None:
    tree = parse_html(
        "<html><body><p><em>Originally published on May 5, 2021.</em></p></body></html>"
    )
    assert tree is not None
    assert original_date(tree) == ("2021-05-05", "May 5, 2021")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p><em>Originally published on May 5, 2021.</em></p>", True),
        ("<p>This story was originally published on<br>May 5, 2021.</p>", True),
        ("<p>This article was first&nbsp;<b>published</b> on May 5, 2021.</p>", True),
        ("<p>First\n  Published: 2021-05-05</p>", True),
        ('<meta property="article:published_time" content="2021-05-05">', False),
        ('<script>{"datePublished": "2021-05-05", "firstName": "Jo"}</script>', False),
        ("<p>Published on May 5, 2021.</p>", False),
    ],
)
def test_the_html_test_passes_every_page_that_can_hold_a_note(html: str, expected: bool) -> None:
    assert may_have_original_date(html) is expected
    tree = parse_html(f"<html><body>{html}</body></html>")
    assert tree is not None
    if original_date(tree)[0] is not None:  # a note is never skipped
        assert may_have_original_date(html)
