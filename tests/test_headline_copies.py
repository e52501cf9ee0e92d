"""The printed headline repeated in the body is removed, whichever title the metadata gives."""

from __future__ import annotations

from newsbot.extraction import extract_article

URL = "https://news.example/harbour"
LEAD = (
    "The city council voted on Tuesday to go ahead with the harbour works, ending two years "
    "of debate over the cost and the disruption to the fishing fleet that uses the quay."
)
MORE = (
    "Residents who spoke at the meeting were divided, with shop owners welcoming the plan "
    "and several families on the seafront asking for the work to stop during the summer."
)


def _page(h1: str) -> str:
    return (
        "<html><head><title>Council backs harbour plan | Example News</title>"
        '<meta property="og:title" content="Council backs harbour plan"></head><body>'
        f"<article><h1>{h1}</h1><div class='article-body'>"
        f"<p>{h1}</p><p>{LEAD}</p><p>{MORE}</p><p>{LEAD.replace('Tuesday', 'Monday')}</p>"
        "</div></article></body></html>"
    )


def test_printed_headline_differing_from_og_title_is_not_body() -> None:
    h1 = "Harbour works to go ahead after council vote ends two-year row"
    article = extract_article(_page(h1), URL)
    assert article.headline == "Council backs harbour plan"
    assert h1 not in article.articleBody
    assert article.articleBody.startswith(LEAD)
