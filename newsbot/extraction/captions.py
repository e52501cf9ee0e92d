"""Photo captions, read from the raw DOM before trafilatura drops them.

Sources: ``figure``/``figcaption``, ``wp-caption-text``/``wp-element-caption`` and other
classes containing caption or credit, ``itemprop=caption``, ``img@alt``/``img@title``, and
JSON-LD ``image.caption``. Each distinct caption is kept once; where one copy is cut short
the full one wins. The elements found are returned too, so they can be taken out of the
tree before the body is extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from lxml.html import HtmlElement

from newsbot.extraction.document import PageIndex, clean_space, element_text
from newsbot.extraction.jsonld import JsonLdImage

_CAPTION_CLASS = re.compile(r"caption|credit|wp-caption-text|photo-?text|img-?cap", re.I)
_NOT_CAPTION_CLASS = re.compile(r"caption-?(?:wrap|container|box|outer)|captioned", re.I)
_SKIP_ANCESTOR = re.compile(
    r"related|promo|teaser|recommend|most-?(?:read|popular)|trending|sidebar|widget|rail\b|"
    r"newsletter|footer|(?:^|[\s_-])nav|menu|comment|author-?(?:box|bio)|avatar|logo",
    re.I,
)
_SKIP_TAGS = frozenset({"nav", "aside", "footer", "button"})
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:$|[?#])", re.I)
_MAX_CAPTION = 600
_MIN_ALT_WORDS = 7
_WORD = re.compile(r"\w+")


@dataclass
class RawCaption:
    """One caption as printed (credit still attached), with the image it belongs to."""

    text: str
    image_url: str | None = None
    credit: str | None = None
    """A credit printed apart from the text (JSON-LD ``creditText``), if any."""


@dataclass
class CaptionScan:
    """What the DOM scan found: the captions, and the caption elements to drop from the body."""

    captions: list[RawCaption] = field(default_factory=list)
    elements: list[HtmlElement] = field(default_factory=list)


def scan_captions(index: PageIndex, base_url: str, jsonld_images: list[JsonLdImage]) -> CaptionScan:
    """Collect every caption candidate in document order, de-duplicated."""
    scan = CaptionScan()
    taken: set[HtmlElement] = set()
    skipped: dict[HtmlElement, bool] = {}
    candidates: list[RawCaption] = []
    for element, _marker in index.captions:
        if element in taken:
            continue
        if element.tag == "img":
            candidates.extend(_image_texts(element, base_url, skipped))
            continue
        if not _is_caption_element(element) or _inside(element, taken):
            continue
        text = element_text(element)
        if not text or len(text) > _MAX_CAPTION or _in_skipped_region(element, skipped):
            continue
        taken.add(element)
        scan.elements.append(element)
        candidates.append(RawCaption(text, _image_of(element, base_url)))
    for image in jsonld_images:
        if image.caption:
            candidates.append(
                RawCaption(image.caption, _absolute(image.url, base_url), image.credit)
            )
    scan.captions = distinct_captions(candidates)
    return scan


def _is_caption_element(element: HtmlElement) -> bool:
    if element.tag == "figcaption":
        return True
    if element.get("itemprop") in {"caption", "description"} and _inside_figure(element):
        return True
    if element.get("itemprop") == "caption":
        return True
    classes = element.get("class") or ""
    if element.tag == "figcaption":
        return True
    return bool(
        classes
        and _CAPTION_CLASS.search(classes)
        and not _NOT_CAPTION_CLASS.search(classes)
        and element.tag not in {"body", "html", "article", "main", "section", "img", "figure"}
    )


def _inside(element: HtmlElement, taken: set[HtmlElement]) -> bool:
    return any(ancestor in taken for ancestor in element.iterancestors())


def _inside_figure(element: HtmlElement) -> bool:
    return any(a.tag == "figure" for a in element.iterancestors())


def _in_skipped_region(element: HtmlElement, known: dict[HtmlElement, bool]) -> bool:
    """Inside navigation, an aside, a teaser list...; ``known`` holds the answer for the
    ancestors already looked at (a page's images share most of theirs)."""
    path: list[HtmlElement] = []
    found = False
    for ancestor in element.iterancestors():
        answer = known.get(ancestor)
        if answer is not None:
            found = answer
            break
        path.append(ancestor)
        if ancestor.tag in _SKIP_TAGS:
            found = True
            break
        classes, ident = ancestor.get("class"), ancestor.get("id")
        if (classes or ident) and _SKIP_ANCESTOR.search(f"{classes or ''} {ident or ''}"):
            found = True
            break
    for ancestor in path:  # each is in the region found, or all the way up is not
        known[ancestor] = found
    return found


def _image_texts(
    img: HtmlElement, base_url: str, skipped: dict[HtmlElement, bool]
) -> list[RawCaption]:
    texts = [clean_space(img.get("title")), clean_space(img.get("alt"))]
    texts = [t for t in texts if len(t.split()) >= _MIN_ALT_WORDS]
    if not texts or _in_skipped_region(img, skipped) or _in_story_link(img):
        return []
    url = _absolute(img.get("src") or img.get("data-src"), base_url)
    return [RawCaption(text, url) for text in dict.fromkeys(texts)]


def _in_story_link(img: HtmlElement) -> bool:
    # A thumbnail linking to another story carries that story's headline as alt text.
    for ancestor in img.iterancestors("a"):
        return not _IMAGE_FILE.search(ancestor.get("href") or "")
    return False


def _image_of(element: HtmlElement, base_url: str) -> str | None:
    container = element.getparent()
    for _ in range(3):
        if container is None:
            return None
        img = next(container.iter("img"), None)
        if img is not None:
            return _absolute(img.get("src") or img.get("data-src"), base_url)
        container = container.getparent()
    return None


def _absolute(url: str | None, base_url: str) -> str | None:
    url = clean_space(url)
    if not url or url.startswith("data:"):
        return None
    try:
        absolute = urljoin(base_url, url)
    except ValueError:
        return None
    return absolute if absolute.startswith(("http://", "https://")) else None


@lru_cache(maxsize=4096)  # body cleanup compares each paragraph more than once
def caption_key(text: str) -> str:
    """Comparison form: casefolded words only (so a cut-off copy's trailing "..." is gone)."""
    return " ".join(_WORD.findall(text.casefold()))


def distinct_captions(candidates: list[RawCaption]) -> list[RawCaption]:
    """Each caption once; a cut-short copy gives way to the full one, in first-seen order."""
    kept: list[RawCaption] = []
    keys: list[str] = []
    for candidate in candidates:
        key = caption_key(candidate.text)
        if not key:
            continue
        for i, other in enumerate(keys):
            if other.startswith(key):
                kept[i].image_url = kept[i].image_url or candidate.image_url
                kept[i].credit = kept[i].credit or candidate.credit
                break
            if key.startswith(other):
                kept[i] = RawCaption(
                    candidate.text,
                    kept[i].image_url or candidate.image_url,
                    candidate.credit or kept[i].credit,
                )
                keys[i] = key
                break
        else:
            kept.append(candidate)
            keys.append(key)
    return kept
