"""A byline element's printed text, box by box, and the labels a byline starts with.

A byline block often lays out a name, a role and a date in sibling boxes with no space
between them; :func:`byline_text` keeps them apart with `` | `` so that the name can be
told from the rest, and leaves out buttons, tag links and what comes before a by-label.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.document import clean_space

# a role or job title printed inline after the name ("<span class=author-title>")
_ROLE_CLASS = re.compile(r"title|role|position|job|designation", re.I)
_JOINERS = frozenset({"and", "&", "with", "und", "et", "y", "e"})
_TAG_HREF = re.compile(
    r"/(?:tags?|category|categories|topics?|section|sections)/|[?&](?:tag|category|"
    r"content_topic|topic)=",
    re.I,
)
_BUTTON_CLASS = re.compile(r"(?:^|\s)(?:btn|button)(?:$|[\s-])", re.I)
BYLINE_LABEL = re.compile(
    r"^(?:written by|posted by|reported by|words by|article by|contributed by|by|author|"
    r"authors|author\(s\)|contributors?|about the author)\s*:?$",
    re.I,
)
# "By Jane Roe", "Written by <a>Jane Roe</a>": a label starting the element's own text
LEADING_LABEL = re.compile(r"^(?:written|posted|reported|words|text)?\s*by\b\s*:?\s*(?=\S|$)", re.I)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "button"})
# boxes laid out apart: name, role and date often sit in sibling blocks with no space between
_BLOCKS = frozenset(
    {
        "div",
        "p",
        "li",
        "ul",
        "ol",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "section",
        "header",
        "footer",
        "time",
        "img",
        "figure",
        "address",
        "table",
        "tr",
        "td",
    }
)
PART_SEPARATOR = " | "
WORDY = re.compile(r"[^\W\d_]{2}")


def is_bare_label(part: str) -> bool:
    """ "By", "Written by:", "Author": a label the name follows."""
    return bool(BYLINE_LABEL.match(part)) or (
        bool(LEADING_LABEL.match(part)) and not LEADING_LABEL.sub("", part)
    )


def byline_text(element: HtmlElement) -> str:
    """The element's visible text with `` | `` between the boxes it lays out apart.

    A byline block often holds the name, a role and a date in sibling boxes that print
    no space between them ("Jane RoeStaff Writer30 Sep 2022"); :func:`clean_byline`
    then keeps the part with the name. What comes before a by-label ("Updated May 2 |
    Written by Jane Roe") is not the byline and is left out.
    """
    parts: list[str] = []
    current: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        hidden = not tag or tag in _SKIPPED or _is_button(node)
        if hidden:
            skipping += 1 if event == "start" else -1
            if event == "end" and not skipping and node.tail:
                current.append(node.tail)
                current.extend(_comment_tails(node.getnext()))
            continue
        if skipping:
            continue
        if current and (
            tag in _BLOCKS or _ROLE_CLASS.search(node.get("class") or "") or _abutting(node)
        ):
            parts.append(" ".join("".join(current).split()))
            current = []
        if event == "start":
            if node.text:
                current.append(node.text)
            current.extend(_comment_tails(node[0] if len(node) else None))
        elif node is not element:
            if node.tail:
                current.append(node.tail)
            current.extend(_comment_tails(node.getnext()))
    parts.append(" ".join("".join(current).split()))
    joined: list[str] = []
    for part in parts:
        if not part:
            continue
        if is_bare_label(part):
            joined = [part]  # a bare "By" / "Written by" / "Author": the name follows
        elif joined and is_bare_label(joined[-1]):
            joined[-1] += " " + part
        elif LEADING_LABEL.match(part):
            joined = [part]  # "Updated May 2 | Written by Jane Roe"
        else:
            joined.append(part)
    return PART_SEPARATOR.join(joined)


def _abutting(node: HtmlElement) -> bool:
    """Two words boxes side by side with nothing between ("<span>Dec 17, 2025</span><span>
    Jane Roe</span>"): laid out apart, or the page would print the words run together. A
    label ("by") or punctuation (", ") between names is no such box."""
    previous = node.getprevious()
    if previous is None or not isinstance(previous.tag, str) or previous.tail:
        return False
    if previous.tag in _SKIPPED or _is_button(previous):
        return False  # a script before a link prints nothing
    before = clean_space("".join(previous.itertext()))
    own = clean_space(node.text)
    return all(
        WORDY.match(text) is not None
        and not is_bare_label(text)
        and text.casefold() not in _JOINERS
        for text in (before, own)
    )


def _is_button(node: HtmlElement) -> bool:
    """A link styled as a button ("View In Digital Edition", "Follow"), or a link to a tag or
    category page ("Personal finance"): no part of a name."""
    if node.get("role") == "button":
        return True
    if node.tag == "a" and (
        "tag" in (node.get("rel") or "").split() or _TAG_HREF.search(node.get("href") or "")
    ):
        return True
    classes = node.get("class")
    return bool(classes) and _BUTTON_CLASS.search(classes) is not None


def _comment_tails(node: HtmlElement | None) -> list[str]:
    """The text after the comments from ``node`` on (iterwalk never visits comments)."""
    tails: list[str] = []
    while node is not None and not isinstance(node.tag, str):
        tails.append(node.tail or "")
        node = node.getnext()
    return tails
