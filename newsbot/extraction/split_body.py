"""Article bodies split into several containers: joined back into the first one.

Some CMSs cut the body into chunks, each in its own container with the same body class
(``article__body``, ``entry-content``, ...) and ads or embeds between them. trafilatura
takes the first container matching a body class and so loses every chunk after it. The
chunks are moved into the first one, in order, before extraction.

Only chunks of one article are joined: each must hold prose, all must sit in the same
``<article>`` (or none), and no page headline (``<h1>``) may stand between two of them,
which is how a second story (infinite scroll, a teaser list) starts.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, element_text

_BODY_CLASS = re.compile(
    r"article[-_]{0,2}(?:body|content|text)|articlebody|body__container|entry-content|"
    r"post-?(?:body|content|text)|story-?(?:body|content|text)|body-?(?:text|copy)",
    re.I,
)
_HINTS = ("body", "content", "text", "copy")
_CONTAINERS = frozenset({"div", "section", "article"})
_PROSE = 150  # characters in one paragraph: running text, not a teaser or a label
_MAX_CHUNKS = 40
_CHUNK_SHARE = 0.8


def join_split_body(index: PageIndex) -> int:
    """Move later body chunks into the first; the number of chunks moved."""
    groups: dict[str, list[HtmlElement]] = {}
    for element, marker in index.blocks:
        if element.tag not in _CONTAINERS or not marker:
            continue  # a list or heading, or a block with no class or id
        classes = element.get("class")
        if (
            classes
            and any(map(classes.lower().__contains__, _HINTS))
            and _BODY_CLASS.search(classes)
        ):
            groups.setdefault(classes, []).append(element)
    moved = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        chunks = _chunks(members)
        if 2 <= len(chunks) <= _MAX_CHUNKS and _one_article(chunks, index):
            moved += _join(chunks)
    return moved


def _chunks(members: list[HtmlElement]) -> list[HtmlElement]:
    inside = set(members)
    outermost = [m for m in members if not any(a in inside for a in m.iterancestors())]
    return [m for m in outermost if m.getparent() is not None and _holds_prose(m)]


def _holds_prose(element: HtmlElement) -> bool:
    return any(len(element_text(p)) >= _PROSE for p in element.iter("p"))


def _prose(element: HtmlElement) -> int:
    sizes = (len(element_text(p)) for p in element.iter("p"))
    return sum(size for size in sizes if size >= _PROSE)


def _mostly_chunks(chunks: list[HtmlElement]) -> bool:
    """The chunks hold nearly all the prose around them: nothing else is the article."""
    others = set(chunks[-1].iterancestors())
    common = next((a for a in chunks[0].iterancestors() if a in others), None)
    if common is None:
        return False
    inside = sum(_prose(chunk) for chunk in chunks)
    return inside >= _CHUNK_SHARE * _prose(common)


def _one_article(chunks: list[HtmlElement], index: PageIndex) -> bool:
    articles = {_article_of(chunk) for chunk in chunks}
    if len(articles) > 1 or not _mostly_chunks(chunks):
        return False
    first, last = chunks[0], chunks[-1]
    headlines = index.tagged("h1")
    if not headlines:
        return True
    order = {element: n for n, element in enumerate(first.getroottree().iter())}
    start, end = order.get(first, 0), order.get(last, 0)
    return not any(start < order.get(h1, -1) < end for h1 in headlines)


def _article_of(element: HtmlElement) -> HtmlElement | None:
    return next((a for a in element.iterancestors("article")), None)


def _join(chunks: list[HtmlElement]) -> int:
    first = chunks[0]
    for chunk in chunks[1:]:
        if chunk.text and chunk.text.strip():
            if len(first):
                last = first[-1]
                last.tail = (last.tail or "") + "\n" + chunk.text
            else:
                first.text = (first.text or "") + "\n" + chunk.text
        for child in list(chunk):
            first.append(child)  # moves it, with its tail
        chunk.drop_tree()
    return len(chunks) - 1
