"""The author box: the writer's portrait with their name printed beside it.

Blogs and company sites that print no byline often close (or open) the post with a box
that shows the author's picture and then their name and bio: ``<img alt="Jane Roe">``
followed by ``<strong>Jane Roe</strong>``, ``<h3>Jane Roe</h3>``. A page that shows one
such pairing names its author; a page with several (team grids, testimonials) names none.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsbot.extraction.byline import parse_byline
from newsbot.extraction.document import PageIndex, clean_space, element_text
from newsbot.extraction.printed_bylines import outside_article

_PICTURE_OF = re.compile(r"^(?:(?:head ?shot|photo|picture|portrait|image) of\s+)", re.I)
_PORTRAIT = re.compile(r"avatar|author|profile|headshot|portrait|gravatar|rounded|circle", re.I)
_MAX_PORTRAIT = 300  # pixels: a square no larger is a thumbnail portrait
_REVIEW_LABEL = re.compile(
    r"(?:reviewed|checked|edited|photos?|photographs?|illustrations?)\s+by\s*:?$", re.I
)
_LEVELS = 3  # how far up from the picture the name's box may sit
_MAX_NAME = 60


def pictured_author(index: PageIndex) -> str | None:
    """The one person whose picture is followed by their printed name, or None."""
    found: set[str] = set()
    for image in index.tagged("img"):
        name = _pictured_name(image)
        if name and not outside_article(image) and not _under_review_label(image):
            found.add(name)
            if len(found) > 1:
                return None
    return next(iter(found), None)


def _under_review_label(image: HtmlElement) -> bool:
    """The box sits under an "Article reviewed by:" or "Edited by" heading: a reviewer's or
    editor's box, never the author's."""
    node: HtmlElement | None = image
    for _ in range(_LEVELS + 1):
        if node is None:
            return False
        previous = node.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is not None and _REVIEW_LABEL.search(element_text(previous)):
            return True
        node = node.getparent()
    return False


def _is_portrait(image: HtmlElement) -> bool:
    """A picture of a person as sites mark them: an avatar/author/profile class or source,
    a round crop, or a small square."""
    marks = f"{image.get('class') or ''} {image.get('src') or ''}"
    if _PORTRAIT.search(marks):
        return True
    width, height = image.get("width") or "", image.get("height") or ""
    return width.isdigit() and width == height and int(width) <= _MAX_PORTRAIT


def _pictured_name(image: HtmlElement) -> str | None:
    raw_alt = image.get("alt")
    if not raw_alt or len(raw_alt.split()) < 2 or not _is_portrait(image):
        return None  # a name has two words at least: most images are out before the pattern
    alt = _PICTURE_OF.sub("", clean_space(raw_alt)).split(",")[0].strip()
    if not alt or len(alt) > _MAX_NAME or len(alt.split()) < 2:
        return None
    node: HtmlElement | None = image
    for _ in range(_LEVELS):
        if node is None:
            return None
        following = node.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        if following is not None:
            printed = element_text(following)
            if printed[: len(alt)].casefold() == alt.casefold():
                name = printed[: len(alt)]
                people = parse_byline(name).authors
                whole = len(people) == 1 and people[0]["name"].casefold() == name.casefold()
                return people[0]["name"] if whole else None  # not "Acme Life and Style"
            return None
        node = node.getparent()
    return None
