"""Reader appeals closing a page (subscribe, follow, contact) are not article text."""

from __future__ import annotations

import pytest

from newsbot.extraction.body import clean_body

STORY = [
    "The city council voted on Tuesday to go ahead with the harbour works, ending two years "
    "of debate over the cost and the disruption to the fishing fleet.",
    "Residents who spoke at the meeting were divided, with shop owners welcoming the plan.",
    "Work is due to start in the spring and to last about eighteen months.",
]


def _clean(paragraphs: list[str]) -> list[str]:
    return clean_body(paragraphs, headlines=[], captions=[], byline=None).paragraphs


@pytest.mark.parametrize(
    "appeal",
    [
        "Get the day’s top headlines delivered to your inbox every morning by subscribing to "
        "our newsletter.",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Sign up for our newsletter for tips, updates, and events",
        "Subscribe to the channel for all of the latest videos, reviews, and more!",
        "Follow the Opinion section on Facebook, Twitter (@example) and Instagram.",
        "Email Jane Roe at jroe@news.example or follow her @janeroe.",
        "Reach the reporters on Twitter at http://twitter.com/janeroe",
        "Have a tip? Jane Roe may be reached at jroe@news.example.",
        "jane.roe@news.example",
        "twitter.com/janeroe",
        "If you enjoyed this article, we have a proposition for you: become a member.",
    ],
)
def test_a_closing_appeal_is_dropped(appeal: str) -> None:
    assert _clean([*STORY, appeal]) == STORY


def test_only_the_end_of_the_page_is_searched() -> None:
    # Early in the story the same words are reporting, not an appeal.
    reporting = "Sign up for the scheme opened last week, the council said."
    early = [STORY[0], reporting, *STORY[1:], *STORY[1:], STORY[0] + " Later, more."]
    assert reporting in _clean(early)


def test_long_paragraphs_about_newsletters_stay() -> None:
    long_one = (
        "The publisher said that readers who subscribe to its newsletter had doubled this year, "
        "and that the company would now charge for the weekly edition, which goes out to more "
        "than two hundred thousand people, mostly in the capital and the towns around it, who "
        "had until now received it for free as part of a trial meant to bring in advertisers."
    )
    assert _clean([*STORY, long_one]) == [*STORY, long_one]


@pytest.mark.parametrize(
    "label",
    ["8 min read", "Dec 18, 2025 - 10 min read", "Estimated reading time:", "Tempo de leitura: 1"],
)
def test_a_reading_time_label_is_dropped(label: str) -> None:
    assert _clean([STORY[0], label, *STORY[1:]]) == STORY


def test_see_more_promo_is_dropped() -> None:
    assert _clean([*STORY[:2], "SEE MORE: Harbour protest draws crowds", STORY[2]]) == STORY


def test_a_quote_keeps_its_text_without_the_tweet_label() -> None:
    quote = "Every harbour needs a plan before it needs a crane."
    assert _clean([STORY[0], quote + "Click To Tweet", *STORY[1:]]) == [
        STORY[0],
        quote,
        *STORY[1:],
    ]
