"""Fields read from the page's own markup: the ``<h1>``, a subtitle beside it, the printed
byline, tag links; and the site-name suffix rule for titles."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.byline import is_person_name
from newsbot.extraction.document import PageIndex, clean_space, element_text

_SUBTITLE_CLASS = re.compile(
    r"sub-?title|sub-?head|alt-?headline|second-?headline|strap-?line|\bdeck\b|\bdek\b", re.I
)
_BYLINE_CLASS = re.compile(
    r"byline|by-line|author-?name|(?:^|[\s_-])authors?(?:$|[\s_-])|rpt-name|reporter|writer|"
    r"contributor",
    re.I,
)
_NOT_BYLINE_CLASS = re.compile(r"avatar|bio|image|img|photo|social|follow|more-from", re.I)
_TAG_CLASS = re.compile(r"\btags?\b|tag-?list|post-?tags|topics|keywords", re.I)
_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
_MAX_BYLINE = 120
_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|by|profile|profiles|people|staff|writers?|contributors?|journalists?|"
    r"reporters?|columnists?|team)/[^/?#]+/?(?:$|[?#])",
    re.I,
)
_BYLINE_LABEL = re.compile(
    r"^(?:written by|posted by|reported by|words by|by|author|authors|about the author|"
    r"written by:|by:|author:|authors:|about the author:)$",
    re.I,
)
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
# "By Jane Roe", "Written by <a>Jane Roe</a>": a label starting the element's own text
_LEADING_LABEL = re.compile(
    r"^(?:written|posted|reported|words|text)?\s*by\b\s*:?\s*(?=\S|$)", re.I
)
_LABEL_STARTS = ("by", "written", "posted", "reported", "words", "text")
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
_PART_SEPARATOR = " | "
# every text node outside scripts and styles (iterwalk skips comments, and with them the
# text after a comment: React prints "by: <!-- -->Jane Roe")
_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
    "or ancestor::template)]",
    smart_strings=False,
)
_BOX_HEADING = re.compile(r"^(?:about|author|authors|meet|more|our|the)\b", re.I)


def page_headline(tree: HtmlElement) -> HtmlElement | None:
    """The headline element: the first ``<h1>`` with text outside navigation and asides."""
    for h1 in tree.iter("h1"):
        if element_text(h1) and not any(
            a.tag in {"nav", "aside", "footer"} for a in h1.iterancestors()
        ):
            return h1
    return None


def subtitle(h1: HtmlElement | None) -> str | None:
    """A subtitle or stacked second headline next to the headline.

    Before the headline only a subtitle-classed element counts (a kicker or section label
    sits there too); after it, also a plain ``h2``-``h4``.
    """
    if h1 is None:
        return None
    before = h1.getprevious()
    if before is not None and _SUBTITLE_CLASS.search(before.get("class") or ""):
        text = element_text(before)
        if 2 <= len(text.split()) <= 40:
            return text
    after = h1.getnext()
    if after is not None and isinstance(after.tag, str):
        classes = after.get("class") or ""
        if _SUBTITLE_CLASS.search(classes) or (after.tag in {"h2", "h3", "h4"} and not classes):
            text = element_text(after)
            if 2 <= len(text.split()) <= 40:
                return text
        if after.tag in {"h2", "h3", "h4"} and _SUBTITLE_CLASS.search(classes):
            return element_text(after) or None
    return None


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
        by_marker = bool(
            marker and _BYLINE_CLASS.search(marker) and not _NOT_BYLINE_CLASS.search(marker)
        )
        if by_marker or get("itemprop") == "author" or get("rel") == "author":
            _take(element, found, taken)
        elif tag in _LABEL_TAGS and element.text and _BYLINE_LABEL.match(element.text.strip()):
            following = element.getnext()
            if _BYLINE_LABEL.match(element_text(element)):
                if following is not None:
                    _take(following, found, taken)
            else:  # "Written by <a>Jane Roe</a>": the label and the name in one element
                _take(element, found, taken)
        elif tag in _LABEL_TAGS and element.text and _is_printed_credit(element.text):
            _take(element, found, taken)  # "By Jane Roe" as one short text
        elif tag == "a":
            href = get("href")
            if href and _AUTHOR_HREF.search(href):
                _take(_author_links_block(element), found, taken)
        if len(found) >= 8:
            break
    return list(dict.fromkeys(found))


def _is_printed_credit(text: str) -> bool:
    """ "By Jane Roe", "by 3i Global": a by-label and a few capitalised words."""
    text = text.strip()
    if not text[:8].lower().startswith(_LABEL_STARTS):
        return False
    label = _LEADING_LABEL.match(text)
    if label is None:
        return False
    rest = text[label.end() :].split()
    return 1 <= len(rest) <= 5 and rest[0][:1].isupper()


def _is_bare_label(part: str) -> bool:
    """ "By", "Written by:", "Author": a label the name follows."""
    return bool(_BYLINE_LABEL.match(part)) or (
        bool(_LEADING_LABEL.match(part)) and not _LEADING_LABEL.sub("", part)
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
        hidden = not tag or tag in _SKIPPED
        if hidden:
            skipping += 1 if event == "start" else -1
            if event == "end" and not skipping and node.tail:
                current.append(node.tail)
                current.extend(_comment_tails(node.getnext()))
            continue
        if skipping:
            continue
        if tag in _BLOCKS and current:
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
        if _is_bare_label(part):
            joined = [part]  # a bare "By" / "Written by" / "Author": the name follows
        elif joined and _is_bare_label(joined[-1]):
            joined[-1] += " " + part
        elif _LEADING_LABEL.match(part):
            joined = [part]  # "Updated May 2 | Written by Jane Roe"
        else:
            joined.append(part)
    return _PART_SEPARATOR.join(joined)


def _comment_tails(node: HtmlElement | None) -> list[str]:
    """The text after the comments from ``node`` on (iterwalk never visits comments)."""
    tails: list[str] = []
    while node is not None and not isinstance(node.tag, str):
        tails.append(node.tail or "")
        node = node.getnext()
    return tails


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


def _take(element: HtmlElement, found: list[str], taken: set[HtmlElement]) -> None:
    if element in taken or any(a in taken for a in element.iterancestors()):
        return
    if _outside_article(element):
        return
    text = byline_text(element)
    if len(text) > _MAX_BYLINE:
        # an author box: the name first, then the bio
        first = text.split(_PART_SEPARATOR, 1)[0]
        text = "" if _BOX_HEADING.match(first) or not is_person_name(first) else first
    if text:
        taken.add(element)
        found.append(text)


def _outside_article(element: HtmlElement) -> bool:
    # Navigation and asides never hold the byline; a footer does only inside the article.
    # A "nav" left unclosed swallows the page: one that holds the headline is not a menu.
    for ancestor in element.iterancestors():
        if ancestor.tag in {"nav", "aside"} and ancestor.find(".//h1") is None:
            return True
        marker = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if "comment" in marker or "respond" in marker:
            return True
        if ancestor.tag == "footer" and not any(
            a.tag == "article" for a in ancestor.iterancestors()
        ):
            return True
    return False


def visible_text(tree: HtmlElement) -> str:
    """The page's visible text, casefolded with single spaces: to ask whether a name is
    printed on the page at all."""
    body = tree.find("body")
    return " ".join(" ".join(_VISIBLE_TEXT(tree if body is None else body)).casefold().split())


def tag_links(tree: HtmlElement) -> list[str]:
    """Tag names from ``rel=tag`` links and tag-list blocks."""
    tags: list[str] = []
    for link in tree.iter("a"):
        rel = (link.get("rel") or "").lower().split()
        if "tag" in rel:
            tags.append(element_text(link))
    if not tags:
        for element in tree.iter("div", "ul", "p", "section"):
            if _TAG_CLASS.search(element.get("class") or ""):
                tags.extend(element_text(a) for a in element.iter("a"))
                if tags:
                    break
    return [t for t in dict.fromkeys(tags) if t and len(t) <= 60]


def strip_site_suffix(title: str | None, site_names: list[str]) -> str | None:
    """The title without a trailing (or leading) `` | Site Name`` part."""
    title = clean_space(title)
    if not title:
        return None
    names = {n.casefold() for n in site_names if n}
    for sep in _SUFFIX_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if tail.casefold() in names or (names and _looks_like(tail, names)):
            return head.strip() or title
        first, _, rest = title.partition(sep)
        if first.casefold() in names:
            return rest.strip() or title
    return title


def _looks_like(part: str, names: set[str]) -> bool:
    key = re.sub(r"\W+", "", part.casefold())
    return any(
        key and (key == re.sub(r"\W+", "", n) or key in re.sub(r"\W+", "", n))
        for n in names
        if len(key) >= 3
    )
