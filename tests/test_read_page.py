"""read_page parses a UTF-8 page from its own bytes: the same text and tree as decoding it
and parsing the text."""

from __future__ import annotations

import pytest
from lxml import etree

from newsbot.extraction.document import decode_html, parse_html, read_page

BODY = "<html><body><p class='x'>Malmö — Zürich</p></body></html>"


@pytest.mark.parametrize(
    ("page", "encoding"),
    [
        (BODY.encode("utf-8"), None),
        (BODY.encode("utf-8"), "utf8"),
        (BODY.encode("utf-8"), "iso-8859-1"),  # the label lies: read as UTF-8
        (BODY.encode("cp1252"), "windows-1252"),
        (b"\xef\xbb\xbf" + BODY.encode("utf-8"), None),
        (b"  <?xml version='1.0' encoding='utf-8'?>\n" + BODY.encode("utf-8"), None),
        (BODY.encode("utf-8").replace(b"<p", b"\x00<p\x00"), None),
        (BODY, None),
        ("<?xml version='1.0'?>" + BODY.replace("<p", "\x00<p"), None),
    ],
)
def test_the_tree_is_the_one_the_decoded_text_gives(
    page: bytes | str, encoding: str | None
) -> None:
    text, tree = read_page(page, encoding)
    assert text == decode_html(page, encoding)
    expected = parse_html(text)
    assert tree is not None and expected is not None
    assert etree.tostring(tree) == etree.tostring(expected)
    assert "Malm" in tree.text_content()


def test_a_text_with_a_lone_surrogate_is_read_as_before() -> None:
    page = "<p>\ud800</p>" + BODY  # no UTF-8 form: handed to lxml as a str
    text, tree = read_page(page)
    expected = parse_html(page)
    assert text == page and tree is not None and expected is not None
    assert etree.tostring(tree) == etree.tostring(expected)


@pytest.mark.parametrize(
    "page", [b"", b"   \n", b"\x00 \x00", "\u00a0\u2028".encode(), b"<?xml version='1.0'?>  "]
)
def test_a_blank_page_has_no_tree(page: bytes) -> None:
    assert read_page(page) == (decode_html(page), None)


def test_huge_attributes_go_from_a_large_page() -> None:
    filler = "<p>" + "word " * 40_000 + "</p>"
    page = f"<html><body><img src='{'é' * 20_001}' alt='x'>{filler}</body></html>"
    _, tree = read_page(page.encode("utf-8"))
    assert tree is not None
    image = tree.find(".//img")
    assert image is not None and image.get("src") is None and image.get("alt") == "x"
