"""Who a page credits when its metadata and its printed byline disagree, and where the
printed credit is found on pages without metadata."""

from __future__ import annotations

import itertools

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction import printed_bylines as module
from newsbot.extraction.byline_boxes import BYLINE_LABEL, LEADING_LABEL
from newsbot.extraction.document import PageIndex, parse_html
from newsbot.extraction.printed_bylines import printed_bylines

BODY = (
    "<p>" + "The council voted on the new budget after a long debate in the chamber. " * 8 + "</p>"
)


def _page(head: str = "", header: str = "", footer: str = "", before: str = "") -> str:
    return (
        f"<html><head><title>Budget passes</title>{head}</head><body>{before}<article>"
        f"<h1>Budget passes</h1>{header}{BODY}{footer}</article></body></html>"
    )


def _credited(html: str) -> tuple[list[str], str | None]:
    article = extract_article(html, "https://example.com/a", strict=True)
    return [a["name"] for a in article.authors], article.byline


def test_printed_byline_wins_over_a_metadata_author_the_page_never_prints() -> None:
    # the meta author is the CMS account that uploaded the post
    page = _page(
        head='<meta name="author" content="Web Uploader">',
        header='<p class="byline">By Jane Roe</p>',
    )
    assert _credited(page)[0] == ["Jane Roe"]


def test_metadata_author_printed_on_the_page_keeps_its_trust() -> None:
    page = _page(
        head='<meta name="author" content="John Doe">',
        header='<p class="byline">By Jane Roe</p>',
        footer="<p>John Doe contributed to this story.</p>",
    )
    assert _credited(page)[0] == ["John Doe"]


def test_a_review_credit_never_wins_over_the_metadata() -> None:
    reviewed = _page(
        head='<meta name="author" content="John Doe">',
        header='<p class="byline">Medically reviewed by Jane Roe</p>',
    )
    assert _credited(reviewed)[0] == ["John Doe"]
    # the label printed in its own box before the reviewer's name
    apart = _page(
        head='<meta name="author" content="John Doe">',
        header='<div><span>Reviewed by:</span> <a class="author" href="/x">Jane Roe</a></div>',
    )
    assert _credited(apart)[0] == ["John Doe"]


def test_a_desk_byline_does_not_overrule_a_metadata_person() -> None:
    page = _page(
        head='<meta name="author" content="John Doe">',
        header='<p class="byline">By Acme Staff</p>',
    )
    assert _credited(page)[0] == ["John Doe"]


def test_a_desk_credit_in_metadata_and_print_credits_no_person() -> None:
    # the later bylines belong to the related stories listed below the article
    related = "".join(
        f'<li><a href="/s{i}">Story {i}</a><p class="byline">By {n}</p></li>'
        for i, n in enumerate(["Ann Poe", "Bo Li"])
    )
    page = _page(
        head='<meta name="author" content="Acme Staff">',
        header='<p class="byline">By Acme Staff</p>',
        footer=f"<ul>{related}</ul>",
    )
    assert _credited(page) == ([], "By Acme Staff")


def _bylines(markup: str, *, aside: str = "") -> list[str]:
    tree = parse_html(
        f"<html><body><article><h1>Budget</h1>{markup}</article>{aside}</body></html>"
    )
    assert tree is not None
    return printed_bylines(PageIndex(tree))


@pytest.mark.parametrize(
    ("markup", "byline"),
    [
        # React prints comments between the parts of one text
        ("<p>by: <!-- -->Jane Roe<!-- -->, <!-- -->Dec 17, 2025</p>", "by: Jane Roe, Dec 17, 2025"),
        # a bare label and the name in the text after it
        ("<div><strong>Contributors:</strong> Jane Roe</div>", "Contributors: Jane Roe"),
        # "by" and a link that is no author page
        ('<ul><li>by <a href="javascript:void(0)">Acme Team</a></li></ul>', "by Acme Team"),
        # a brand that starts with a digit
        ("<p>By 3i Global</p>", "By 3i Global"),
        # a by-line heading
        ("<h3>Written by Jane Roe</h3>", "Written by Jane Roe"),
        # a label heading and a list of authors
        (
            "<h6>Author(s)</h6><ul><li><a href='/l?a=1'>Jane Roe</a></li>"
            "<li><a href='/l?a=2'>John Doe</a></li></ul>",
            "Jane Roe, John Doe",
        ),
    ],
)
def test_printed_credit_shapes(markup: str, byline: str) -> None:
    assert _bylines(markup) == [byline]


def test_a_labelled_author_box_in_an_aside_counts_when_nothing_else_does() -> None:
    aside = (
        "<aside><div><h3>Published</h3><p>May 2</p></div>"
        "<div><h3>Author</h3><p>Jane Roe</p></div></aside>"
    )
    assert _bylines("<p>The council met.</p>", aside=aside) == ["Jane Roe"]
    # but a byline in the article comes first
    assert _bylines("<p class='byline'>By Ann Poe</p>", aside=aside) == ["By Ann Poe"]


def test_a_sentence_starting_with_by_is_no_byline() -> None:
    assert _bylines("<p>By the end of the year the council had voted twice on it.</p>") == []


@pytest.mark.parametrize(
    ("markup", "byline"),
    [
        # a link styled as a button beside the name is no part of it
        (
            '<p class="byline">By <a href="/c/jane">Jane Roe</a> '
            '<a class="btn btn-primary" href="/e">View In Digital Edition</a></p>',
            "By Jane Roe",
        ),
        # a role printed inline in its own titled span is a part of its own
        (
            '<div class="author-line"><span>Written By:</span> <span><a href="/author/jr">'
            'Jane Roe</a></span> <span class="author-title">Gardener &amp; Writer</span></div>',
            "Written By: Jane Roe | Gardener & Writer",
        ),
    ],
)
def test_byline_text_leaves_buttons_and_roles_apart(markup: str, byline: str) -> None:
    assert _bylines(markup) == [byline]


def test_an_author_description_is_no_byline() -> None:
    markup = '<div class="author-description">Licensed Grader, M.A. Journalism</div>'
    assert _bylines(markup) == []


def test_a_paid_post_mark_after_the_name_is_dropped() -> None:
    page = _page(header='<p class="byline">Acme Security Sponsored</p>')
    assert _credited(page)[1] == "Acme Security"
    page = _page(header='<p class="byline">Sponsored by Acme</p>')
    assert _credited(page)[1] == "Sponsored by Acme"


def test_a_user_name_byline_is_the_page_own_credit() -> None:
    # the later by-lines belong to other posts listed on the page
    page = _page(
        header='<p class="byline">By jdoe42 in Workshop</p>',
        footer='<div><p class="byline">By Ann Poe</p></div>',
    )
    assert _credited(page) == ([], "By jdoe42")


def test_page_wide_classes_do_not_hide_the_byline() -> None:
    # WordPress marks a post with comments off by a class on <body>
    tree = parse_html(
        '<html><body class="single no-comments"><article><h1>Budget</h1>'
        '<div class="hero-author">Written by Jane Roe</div></article></body></html>'
    )
    assert tree is not None
    assert printed_bylines(PageIndex(tree)) == ["Written by Jane Roe"]


def test_printed_co_authors_complete_the_metadata_author_despite_titles() -> None:
    page = _page(
        head='<meta name="author" content="Jane Roe">',
        header='<div class="byline">Written by Dr Jane Roe, Dr John Doe, Ann Poe</div>',
    )
    assert _credited(page)[0] == ["Dr Jane Roe", "Dr John Doe", "Ann Poe"]


def test_tag_and_category_links_are_no_byline_text() -> None:
    markup = (
        '<div class="post-byline"><ul><li><a href="/blog/tag/finance">Personal finance</a>'
        "</li></ul><span>January 27, 2025</span></div>"
        '<div class="topic"><a id="author-modal" href="/blog/?content_topic=9">HR</a></div>'
    )
    assert _bylines(markup) == ["January 27, 2025"]


def test_scholarly_authors_given_family_name_first() -> None:
    page = _page(
        head='<meta name="citation_author" content="Roy, Aniruddha">'
        '<meta name="citation_author" content="Das, Amitava">'
    )
    assert _credited(page)[0] == ["Aniruddha Roy", "Amitava Das"]


def test_the_publication_card_before_the_writer_is_skipped() -> None:
    page = _page(
        head='<meta property="og:site_name" content="Acme">',
        header='<div class="post-author"><div>Acme</div><div>AI for healthcare</div>'
        "<div>Jane Roe</div><div>Research</div></div>",
    )
    assert _credited(page)[0] == ["Jane Roe"]
    # never past a review credit
    reviewed = _page(
        head='<meta property="og:site_name" content="Acme">',
        header='<div class="post-author"><div>Acme</div><div>Staff Writer</div>'
        "<div>Reviewed by Jane Roe</div></div>",
    )
    assert _credited(reviewed)[0] == []


def test_a_given_name_byline_is_completed_from_the_author_picture() -> None:
    picture = '<img src="/a.jpg" alt="Jane Roe, Staff Writer">'
    page = _page(header=f'<p class="byline">{picture} Articles by Jane</p>')
    assert _credited(page) == (["Jane Roe"], "Jane")
    # a logo is no person
    logo = _page(header='<p class="byline"><img src="/l.png" alt="Acme logo"> By Acme</p>')
    assert _credited(logo)[0] == ["Acme"]


def test_an_author_statement_opening_the_body_credits_the_writer() -> None:
    statement = "<p>This post was written by Jane Roe, MD, cardiologist at Acme Health.</p>"
    article = extract_article(_page(header=statement), "https://example.com/a", strict=True)
    assert [a["name"] for a in article.authors] == ["Jane Roe"]
    assert article.articleBody.startswith("This post was written by Jane Roe")  # it stays


def test_a_name_after_an_avatar_picture_is_the_byline() -> None:
    markup = (
        "<p>Dec 26, 2025 <span>&bull;</span> <img src='/g.png' class='avatar avatar-xs'/> "
        "Jane Roe in <a href='/blog/pm'>Project Management</a></p>"
    )
    assert _bylines(markup) == ["Jane Roe"]
    # an avatar beside no name gives nothing
    assert _bylines("<p><img src='/g.png' class='avatar'/> 3 comments</p>") == []


def test_an_address_in_the_article_is_its_author_credit() -> None:
    markup = "<ul><li>Written by <address>The Team</address></li><li>May 2</li></ul>"
    assert _bylines(markup) == ["The Team"]
    # a site footer's address is the publisher's, not the article's
    tree = parse_html(
        "<html><body><article><h1>Budget</h1><p>The council met.</p></article>"
        "<footer><address>Acme Inc, 1 Main St</address></footer></body></html>"
    )
    assert tree is not None
    assert printed_bylines(PageIndex(tree)) == []


def test_a_lower_case_user_name_by_line_counts_when_nothing_else_does() -> None:
    assert _bylines("<p>by   jdoe42 </p><p>The council met.</p>") == ["by jdoe42"]
    assert _bylines("<p class='byline'>By Ann Poe</p><p>by jdoe42</p>") == ["By Ann Poe"]


def test_an_address_that_is_no_credit_is_no_byline() -> None:
    # themes misuse <address> for read times and contact details
    assert _bylines("<address>Reading time: 2 minutes</address>") == []
    assert _bylines("<address>Australia | 63 Main Drive, Tamworth</address>") == []


def test_boxes_side_by_side_are_parts_of_their_own() -> None:
    markup = (
        '<div class="styles_dateAndAuthorContainer__x"><span>Dec 17, 2025</span>'
        "<span>Jane Roe</span></div>"
    )
    assert _bylines(markup) == ["Dec 17, 2025 | Jane Roe"]
    # a label or punctuation between names is no box of its own
    joined = (
        '<div class="byline"><span>By </span><a href="/x">Jane Roe</a><span>, </span>'
        '<a href="/y">John Doe</a><span> and </span><a href="/z">Ann Poe</a></div>'
    )
    assert _bylines(joined) == ["By Jane Roe, John Doe and Ann Poe"]


def test_a_posted_by_line_with_its_date_is_a_byline() -> None:
    assert _bylines('<span class="posted">Posted by Jane at December 16, 2025 11:15 AM</span>') == [
        "Posted by Jane at December 16, 2025 11:15 AM"
    ]
    page = _page(header='<span class="posted">Posted by Jane Roe at December 16, 2025</span>')
    assert _credited(page)[0] == ["Jane Roe"]


def test_the_author_box_credits_a_post_with_no_byline() -> None:
    box = (
        '<p><img src="/jr.png" class="rounded-full" alt="Jane Roe"></p>'
        "<p><strong>Jane Roe</strong> <em>Independent technology writer</em></p>"
    )
    page = _page(head='<meta property="og:site_name" content="Acme">', footer=box)
    assert _credited(page)[0] == ["Jane Roe"]
    # several pictured people (a team grid, testimonials) name no author
    other = (
        '<div><img src="/jd.png" class="avatar" alt="John Doe"></div><div><h4>John Doe</h4></div>'
    )
    assert _credited(_page(footer=box + other))[0] == []
    # a picture of a thing above its heading is no portrait
    product = '<p><img src="/frame.png" alt="Photo Frame"></p><h3>Photo Frame</h3>'
    assert _credited(_page(footer=product))[0] == []
    # a printed byline comes first
    printed = _page(header='<p class="byline">By Ann Poe</p>', footer=box)
    assert _credited(printed)[0] == ["Ann Poe"]


def test_a_reviewer_box_is_never_the_author_box() -> None:
    reviewer = (
        "<h2>Article reviewed by:</h2><div><img src='/r.png' class='rounded-full' "
        "alt='Headshot of Jane Roe, MD'><div><h3>Jane Roe, MD</h3></div></div>"
    )
    assert _credited(_page(footer=reviewer))[0] == []
    author = (
        "<h2>Article written by:</h2><div><img src='/a.png' class='rounded-full' "
        "alt='Headshot of John Doe'><div><h3>John Doe</h3></div></div>"
    )
    assert _credited(_page(footer=author + reviewer))[0] == ["John Doe"]


def test_every_label_starts_with_a_letter_the_label_precheck_lets_through() -> None:
    """printed_bylines reads a short element as a label only when its text starts with one
    of _LABEL_INITIALS: a label added with another first letter must extend that set."""
    alternatives = BYLINE_LABEL.pattern.split("(?:", 1)[1].split(")\\s*", 1)[0].split("|")
    leading = LEADING_LABEL.pattern.split("(?:", 1)[1].split(")?", 1)[0].split("|")
    words = [*alternatives, *leading, *module._LABEL_STARTS]
    assert len(words) > 15
    for word in words:
        assert word[0] in module._LABEL_INITIALS, word
        assert word[0].upper() in module._LABEL_INITIALS, word


BYLINE_MARKERS = [
    "byline", "post-by-line", "author-name", "authorname", "Authors", "entry_author",
    "rpt-name", "REPORTER", "staff-writer", "Contributor", "dateAndAuthorBox", "postAuthor",
]  # fmt: skip
OTHER_MARKERS = ["author-avatar", "byline-photo", "nav-link", "story-body", "copyright"]


@pytest.mark.parametrize("marker", [*BYLINE_MARKERS, *OTHER_MARKERS])
def test_the_marker_precheck_keeps_the_patterns_answer(marker: str) -> None:
    """_is_byline_marker runs its patterns only on markers with one of its hint words: a
    byline word added without one would be skipped."""
    patterns = bool(module._BYLINE_CLASS.search(marker)) and not module._NOT_BYLINE_CLASS.search(
        marker
    )
    assert module._is_byline_marker.__wrapped__(marker) == patterns
    assert patterns == (marker in BYLINE_MARKERS)


def test_the_marker_precheck_keeps_the_patterns_answer_on_combined_words() -> None:
    fragments = ["by", "line", "-", "author", "Author", "s", "name", "rpt", "reporter", "writer"]
    fragments += ["contributor", "date", "And", "Box", " ", "_", "x", "avatar", "photo", "BY"]
    markers = ["".join(words) for words in itertools.product(fragments, repeat=3)]
    differ = [
        m
        for m in markers
        if module._is_byline_marker.__wrapped__(m)
        != (bool(module._BYLINE_CLASS.search(m)) and not module._NOT_BYLINE_CLASS.search(m))
    ]
    assert differ == []
