"""Decoding and parsing a page once: the lxml tree every field reader shares.

Also holds the small text helpers the readers share (whitespace, element text).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from lxml import etree, html
from lxml.html import HtmlElement

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"\s*<\?xml[^>]*\?>", re.I)
# Anything but whitespace and NUL (str.isspace and \s agree on whitespace): a page to parse.
_CONTENT = re.compile(r"[^\s\x00]")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf_8"})
_PARSER = html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, encoding="utf-8"
)
# lxml.html picks each element's class in a Python method (form, input, label... get their
# own); every reader walking the tree, trafilatura's too, paid that call per element. The
# plain lookup is done in C, and no reader uses the form classes' extra methods.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=html.HtmlComment,
        pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity,
    )
)
_MAX_BYTES = 20_000_000
# compiled once; string-length() reads the context node without building a node-set for "."
_HUGE_ATTRIBUTES = etree.XPath("//@*[string-length() > 20000]")
_LARGE_PAGE = 150_000
_HIDDEN = frozenset({"script", "style", "noscript", "template"})
# What element_text treats specially: hidden text, a <br> read as a space, non-elements.
_NOT_PLAIN = (*_HIDDEN, "br", etree.Comment, etree.ProcessingInstruction, etree.Entity)


def plain_text(element: HtmlElement) -> str:
    """All the element's text nodes joined, scripts included: ``text_content()``'s string,
    which libxml2 gathers the same way, without the XPath machinery around it (a third
    cheaper on the hundred-odd paragraphs a page has)."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def decode_html(data: bytes | str, encoding: str | None = None) -> str:
    """The page as text: the given encoding, then a BOM, the meta charset, UTF-8, cp1252."""
    return _decode(data, encoding)[0]


def read_page(data: bytes | str, encoding: str | None = None) -> tuple[str, HtmlElement | None]:
    """The page as text (:func:`decode_html`) and its tree (:func:`parse_html`).

    A UTF-8 page (most are) goes to the parser as its own bytes, not encoded back from text.
    """
    text, utf8 = _decode(data, encoding)
    return text, parse_html(text, utf8)


def _decode(data: bytes | str, encoding: str | None) -> tuple[str, bytes | None]:
    """The text, and the bytes it was decoded from when they are its exact UTF-8 form."""
    if isinstance(data, str):
        return data, None
    data = data[:_MAX_BYTES]
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), None
    candidates: list[str] = []
    if encoding and not (_is_single_byte(encoding) and _is_utf8_text(data)):
        candidates.append(encoding)
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        codec = _normal_codec(name)
        try:
            text = data.decode(codec)
        except (LookupError, ValueError):  # ValueError: a decode error, or a NUL in the label
            continue
        # A strict UTF-8 decoding round-trips: the text's UTF-8 form is these very bytes.
        return text, data if codec in _UTF8_NAMES else None
    return data.decode("cp1252", errors="replace"), None


def _is_single_byte(name: str) -> bool:
    try:
        codec = codecs.lookup(_normal_codec(name)).name
    except (LookupError, ValueError):
        return False
    return codec.startswith(("cp125", "iso8859", "latin", "koi8", "mac-")) or codec == "ascii"


def _is_utf8_text(data: bytes) -> bool:
    """Valid UTF-8 with multi-byte characters: a latin-1 or windows-125x label in front of it
    (a common server misconfiguration) would only turn ``ö`` into ``Ã¶``."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _normal_codec(name: str) -> str:
    # Browsers read latin-1 labels as windows-1252; so do we.
    lowered = name.lower()
    if lowered in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
        return "cp1252"
    return lowered


def parse_html(text: str, utf8: bytes | None = None) -> HtmlElement | None:
    """The document tree, or None when nothing parses.

    ``utf8``, when given, is ``text.encode("utf-8")`` already at hand (:func:`read_page`).
    """
    declaration = _XML_DECL.match(text)
    start = declaration.end() if declaration else 0
    if _CONTENT.search(text, start) is None:  # empty or blank; NULs are dropped below
        return None
    size = len(text) - start
    # UTF-8 bytes parse faster than a str (which lxml hands libxml2 as UCS-4 or UTF-16).
    data: str | bytes
    if utf8 is not None:
        data = utf8[len(text[:start].encode("utf-8")) :] if start else utf8
        if b"\x00" in data:  # in UTF-8, a zero byte is only ever the NUL character
            size -= data.count(b"\x00")
            data = data.replace(b"\x00", b"")
    else:
        text = text[start:]
        if "\x00" in text:
            text = text.replace("\x00", "")
            size = len(text)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form: parsed as a str
            data = text
    try:
        root = html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    if not isinstance(root, HtmlElement):
        return None
    # Absurdly long attributes (inline data, junk) only slow every reader down.
    for value in _HUGE_ATTRIBUTES(root) if size > _LARGE_PAGE else ():
        owner = value.getparent()
        if owner is not None:
            del owner.attrib[value.attrname]
    return root


_BLOCK_TAGS = frozenset(
    {
        "div",
        "section",
        "aside",
        "ul",
        "ol",
        "nav",
        "footer",
        "header",
        "form",
        "table",
        "figure",
        "dl",
        "li",
        "iframe",
        "center",
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
_LABEL_TAGS = frozenset({"p", "span", "div", "strong", "b", "dt", "small", "h4", "h5", "h6"})
# A longer label element is a byline candidate only when it starts as one ("Written by ...").
_BY_LABEL = re.compile(r"\s*(?:by|written by|words by|posted by|story by|reported by)\s", re.I)
_MAX_LABEL = 20
_MAX_BY_LABEL = 120


def _label_text(text: str) -> bool:
    """Short text, or a by-line's start: what a byline reader may need to look at."""
    return len(text) < _MAX_LABEL or (
        len(text) < _MAX_BY_LABEL and _BY_LABEL.match(text) is not None
    )


# Spelled out rather than ``any(map(marker.__contains__, HINTS))``: that costs twice as
# much, on the hundreds of markers a page has.
def _caption_hint(lowered: str) -> bool:
    return "cap" in lowered or "credit" in lowered or "photo" in lowered


def _byline_hint(lowered: str) -> bool:
    return (
        "by" in lowered
        or "auth" in lowered
        or "rpt" in lowered
        or "report" in lowered
        or "writer" in lowered
        or "contrib" in lowered
    )


class PageIndex:
    """One walk of the tree, in document order, sorting out what each reader looks at.

    Every element's ``class``/``id`` marker is read once; captions, bylines, dates and
    boilerplate pruning then go through their short candidate lists instead of walking
    the tree again (pages have thousands of elements).
    """

    __slots__ = ("blocks", "bylines", "captions", "itemprops", "tags")

    def __init__(self, tree: HtmlElement) -> None:
        self.tags: dict[str, list[HtmlElement]] = {}
        self.captions: list[tuple[HtmlElement, str]] = []
        """img, figcaption, caption- or credit-classed and itemprop'd elements."""
        self.bylines: list[tuple[HtmlElement, str]] = []
        """author-ish markers, itemprop/rel author, links, short label-like elements."""
        self.blocks: list[tuple[HtmlElement, str]] = []
        """block elements with a marker, and every list."""
        self.itemprops: list[HtmlElement] = []
        tags = self.tags
        for element in tree.iter(etree.Element):
            tag = element.tag
            found = tags.get(tag)
            if found is None:
                tags[tag] = [element]
            else:
                found.append(element)
            get = element.get
            classes, ident, itemprop = get("class"), get("id"), get("itemprop")
            if classes is None and ident is None:
                marker = lowered = ""
            else:
                marker = f"{classes or ''} {ident or ''}".strip()
                lowered = marker.lower()
            if itemprop is not None:
                self.itemprops.append(element)
            if (
                tag == "img"
                or tag == "figcaption"
                or itemprop is not None
                or (lowered and _caption_hint(lowered))
            ):
                self.captions.append((element, marker))
            if (
                tag == "a"
                or itemprop is not None
                or get("rel") is not None
                or (lowered and _byline_hint(lowered))
                or (tag in _LABEL_TAGS and element.text and _label_text(element.text))
            ):
                self.bylines.append((element, marker))
            if tag in _BLOCK_TAGS and (marker or tag == "ul" or tag == "ol"):
                self.blocks.append((element, marker))

    def tagged(self, *tags: str) -> list[HtmlElement]:
        return [e for tag in tags for e in self.tags.get(tag, ())]


def clean_space(text: str | None) -> str:
    """NFC text with runs of whitespace (nbsp included) collapsed to one space, stripped."""
    if not text:
        return ""
    # str.split() splits on exactly what ``\s`` matches (nbsp too), at a third of the cost
    # of a regex substitution; this runs on every text a reader looks at.
    return " ".join(unicodedata.normalize("NFC", text).split())


def element_text(element: HtmlElement) -> str:
    """The element's visible text, whitespace-collapsed, without scripts and styles."""
    if not len(element) and element.tag not in _NOT_PLAIN:
        # Text nodes only (half the elements readers ask about): its text is all of it.
        return clean_space(element.text)
    if next(element.iter(*_NOT_PLAIN), None) is None:
        # Nothing to skip or space out (most elements): libxml2 gathers the text in C.
        return clean_space(plain_text(element))
    parts: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        hidden = not isinstance(node.tag, str) or node.tag in _HIDDEN
        if event == "start":
            if hidden:
                skipping += 1
            elif not skipping:
                if node.tag == "br":
                    parts.append(" ")
                if node.text:
                    parts.append(node.text)
            continue
        if hidden:
            skipping -= 1
        if not skipping and node is not element and node.tail:
            parts.append(node.tail)
    return clean_space("".join(parts))


def or_none(text: str | None) -> str | None:
    """The cleaned text, or None when it is empty."""
    cleaned = clean_space(text)
    return cleaned or None
