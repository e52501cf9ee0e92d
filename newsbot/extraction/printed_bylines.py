"""Bylines as the page prints them: byline- and author-marked elements, author-page links,
"By Jane Roe" lines, labelled boxes ("Written by", "<h3>Author</h3>"), in page order."""

from __future__ import annotations

import functools
import re

from lxml.html import HtmlElement

from newsbot.extraction.byline import is_person_name, parse_byline
from newsbot.extraction.byline_boxes import (
    BYLINE_LABEL,
    LEADING_LABEL,
    PART_SEPARATOR,
    WORDY,
    byline_text,
    is_bare_label,
)
from newsbot.extraction.document import PageIndex, clean_space

_BYLINE_CLASS = re.compile(
    r"byline|by-line|author-?name|(?:^|[\s_-])authors?(?:$|[\s_-])|rpt-name|reporter|writer|"
    r"contributor|(?-i:[a-z]Authors?(?=[A-Z_\s]|$))",  # camelCase: "dateAndAuthorBox"
    re.I,
)
_NOT_BYLINE_CLASS = re.compile(
    r"avatar|bio|description|image|img|photo|social|follow|more-from", re.I
)
_DIGIT = re.compile(r"\d")
_NAME_END = re.compile(r"\s(?:at|on)\s(?=[A-Z\d])|\s*[|\u2022\u00b7,]")
_USER_BYLINE = re.compile(r"^(?i:by):?\s+[a-z][a-z\d_.\-]{2,29}$")
_AVATAR_CLASS = re.compile(r"avatar", re.I)
_PLACE_AFTER = re.compile(r"\s+(?:in|on|at)(?:\s|$)|\s*[|\u2022\u00b7]")
_MAX_BYLINE = 120
_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|by|profile|profiles|people|staff|writers?|contributors?|journalists?|"
    r"reporters?|columnists?|team)/[^/?#]+/?(?:$|[?#])",
    re.I,
)
# headings that hold a by-line or a label ("<h3>Author</h3><p>Jane Roe</p>")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_NEVER_BYLINE = frozenset(
    {
        "meta",
        "link",
        "script",
        "img",
        "style",
        "svg",
        "path",
        "head",
        "html",
        "body",
        "noscript",
        "iframe",
        "input",
        "button",
    }
)
_LABEL_TAGS = frozenset({"p", "span", "div", "strong", "b", "dt", "small", "h4", "h5", "h6"})
_LABEL_STARTS = ("by", "written", "posted", "reported", "words", "text")
# What a by-label or a label of BYLINE_LABEL starts with: the test that spares the others
# (no other character matches these under re.I, nor lower-cases to one).
_LABEL_INITIALS = frozenset("abcprtwABCPRTW")
_BRAND_START = re.compile(r"\d+[^\W\d_]")  # "3i Global", "37signals"
_BOX_HEADING = re.compile(r"^(?:about|author|authors|meet|more|our|the)\b", re.I)


def printed_bylines(index: PageIndex) -> list[str]:
    """Byline texts as printed, in page order.

    From ``itemprop=author``, ``rel=author``, byline- or author-classed elements, links to
    author pages (``/author/jane-roe``), and the element after a "Written by" label.
    """
    found: list[str] = []
    taken: set[HtmlElement] = set()
    for element, marker in index.bylines:
        tag = element.tag
        if tag in _NEVER_BYLINE:
            continue
        get = element.get
        by_marker = bool(marker) and _is_byline_marker(marker)
        if by_marker or get("itemprop") == "author" or get("rel") == "author":
            _take(element, found, taken)
        elif tag in _LABEL_TAGS:
            own = element.text
            if own and own.lstrip()[:1] in _LABEL_INITIALS:
                _take_labelled(element, found, taken)
        elif tag == "a":
            href = get("href")
            if href and _AUTHOR_HREF.search(href):
                _take(_author_links_block(element), found, taken)
            elif _follows_by_label(element):
                _take(element.getparent(), found, taken)  # "<li>by <a>Jane Roe</a></li>"
        if len(found) >= 8:
            break
    if not found:
        _labelled_elsewhere(index, found, taken)
    return list(dict.fromkeys(found))


@functools.lru_cache(maxsize=4096)
def _is_byline_marker(marker: str) -> bool:
    """A byline's class or id. Remembered: a page repeats a few markers over hundreds of
    elements, and the pattern costs microseconds a test."""
    lowered = marker.lower()
    # Every _BYLINE_CLASS word has one of these (checked: under re.I no other character
    # matches their letters), and most markers none: a page has more markers than the
    # cache keeps across a crawl's sites.
    if not (
        "by" in lowered
        or "auth" in lowered
        or "rep" in lowered
        or "rpt" in lowered
        or "wr" in lowered
        or "contr" in lowered
    ):
        return False
    return bool(_BYLINE_CLASS.search(marker)) and not _NOT_BYLINE_CLASS.search(marker)


def _labelled_elsewhere(index: PageIndex, found: list[str], taken: set[HtmlElement]) -> None:
    """With no byline found: a by-line in the lines under the headline ("by: Jane Roe, Dec
    17"), then a labelled heading ("<h3>Author</h3><p>Jane Roe</p>"), even in an aside
    (a metadata box beside the article), then an ``<address>`` in the article, then a
    name printed after an avatar picture."""
    for h1 in index.tagged("h1")[:1]:
        following = h1.getnext()
        for _ in range(3):
            if following is None:
                break
            if following.tag in _LABEL_TAGS and following.text:
                _take_labelled(following, found, taken)
            following = following.getnext()
    for heading in index.tagged(*_HEADINGS):
        if not found and heading.text and BYLINE_LABEL.match(heading.text.strip()):
            _take_labelled(heading, found, taken, aside=True)
        elif not found and heading.text and heading.tag in {"h2", "h3"}:
            _take_labelled(heading, found, taken)
    for element, _ in [] if found else index.bylines:  # "by jdoe": a lower-case user name
        own = element.text
        if own and element.tag in _LABEL_TAGS and own.lstrip()[:2].lower() == "by":
            text = byline_text(element)
            if _USER_BYLINE.match(text) and not outside_article(element):
                taken.add(element)
                found.append(text)
                break
    for address in index.tagged("address"):  # the author's contact block, by HTML's rule
        if not found and not outside_article(address):
            text = byline_text(address)
            credit = parse_byline(text)
            if text and not _DIGIT.search(text) and (credit.authors or credit.is_desk):
                taken.add(address)
                found.append(text)
    if not found:
        for image in index.tagged("img"):
            name = _avatar_caption(image)
            if name and not outside_article(image):
                found.append(name)
                break


def _avatar_caption(image: HtmlElement) -> str | None:
    """ "<img class="avatar"> Jane Roe": the person's name printed right after an avatar
    picture, in the text after it or the next element."""
    if not _AVATAR_CLASS.search(image.get("class") or ""):
        return None
    following = image.getnext()
    text = clean_space(image.tail) or (
        clean_space(following.text) if following is not None and len(following) == 0 else ""
    )
    text = _PLACE_AFTER.split(text, maxsplit=1)[0]  # "Jane Roe in Project Management"
    return text if is_person_name(text) else None


def _take_labelled(
    element: HtmlElement, found: list[str], taken: set[HtmlElement], *, aside: bool = False
) -> None:
    """A by-label element: "By Jane Roe" in one short text, "Written by <a>Jane Roe</a>", or
    a bare "Author:" / "Written by" that the next element or the text after it completes."""
    text = element.text or ""
    if BYLINE_LABEL.match(text.strip()):
        if not BYLINE_LABEL.match(byline_text(element)):
            _take(element, found, taken)  # "Written by <a>Jane Roe</a>": label and name in one
            return
        tail = clean_space(element.tail)
        if tail and WORDY.search(tail):  # "<strong>Contributors:</strong> Jane Roe"
            if len(tail) <= _MAX_BYLINE and not outside_article(element, aside=aside):
                taken.add(element)
                found.append(f"{clean_space(text)} {tail}")
            return
        following = element.getnext()
        if following is not None and following.tag in {"ul", "ol"}:
            names = [byline_text(item) for item in following.iterchildren("li")]
            listed = ", ".join(n for n in names if n)  # one author an item
            if listed and len(listed) <= _MAX_BYLINE and not outside_article(element, aside=aside):
                taken.add(following)
                found.append(listed)
        elif following is not None:
            _take(following, found, taken, aside=aside)
    elif _is_printed_credit(text):
        _take(element, found, taken)  # "By Jane Roe" as one short text


def _follows_by_label(link: HtmlElement) -> bool:
    """The link is the first thing after a bare "by" in its parent: "by <a>Jane Roe</a>"."""
    parent = link.getparent()
    if parent is None:
        return False
    label = parent.text
    if not label or label.isspace():  # no label (most links: in a list item, a paragraph)
        return False
    if parent.tag in _NEVER_BYLINE or len(parent) > 3:
        return False
    return link.getprevious() is None and is_bare_label(label.strip())


def _is_printed_credit(text: str) -> bool:
    """ "By Jane Roe", "by 3i Global": a by-label and a few capitalised words."""
    text = text.strip()
    if not text[:8].lower().startswith(_LABEL_STARTS):
        return False
    label = LEADING_LABEL.match(text)
    if label is None:
        return False
    # "Posted by Jane Roe at December 16, 2025 11:15 AM": the name ends at the date
    rest = _NAME_END.split(text[label.end() :], maxsplit=1)[0].split()
    return 1 <= len(rest) <= 5 and (
        rest[0][:1].isupper() or _BRAND_START.match(rest[0]) is not None
    )


def _author_links_block(link: HtmlElement) -> HtmlElement:
    """ "<a>Jane Roe</a>, <a>John Doe</a> & <a>Ann Poe</a>": co-authors' links printed side
    by side are one byline, their parent."""
    parent = link.getparent()
    if parent is None or parent.tag in _NEVER_BYLINE:
        return link
    links = [a for a in parent.iterchildren("a") if _AUTHOR_HREF.search(a.get("href") or "")]
    if len(links) >= 2 and len(parent) <= 2 * len(links) + 1:
        return parent
    return link


def _take(
    element: HtmlElement, found: list[str], taken: set[HtmlElement], *, aside: bool = False
) -> None:
    if element in taken or any(a in taken for a in element.iterancestors()):
        return
    if outside_article(element, aside=aside):
        return
    text = byline_text(element)
    if len(text) > _MAX_BYLINE:
        # an author box: the name first, then the bio
        first = text.split(PART_SEPARATOR, 1)[0]
        text = "" if _BOX_HEADING.match(first) or not is_person_name(first) else first
    if text:
        taken.add(element)
        found.append(text)


def outside_article(element: HtmlElement, *, aside: bool = False) -> bool:
    """In navigation, an aside, a comment or the site's footer: no place for a byline."""
    # Navigation and asides never hold the byline; a footer does only inside the article.
    # A "nav" left unclosed swallows the page: one that holds the headline is not a menu.
    # (``aside``: an aside does, for a labelled "Author" box on a page with no other.)
    shut = {"nav"} if aside else {"nav", "aside"}
    for ancestor in element.iterancestors():
        if ancestor.tag in shut and ancestor.find(".//h1") is None:
            return True
        if ancestor.tag in {"body", "html"}:
            break  # their classes describe the page ("no-comments"), not a region of it
        marker = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if "comment" in marker or "respond" in marker:
            return True
        if ancestor.tag == "footer" and not any(
            a.tag == "article" for a in ancestor.iterancestors()
        ):
            return True
    return False
