"""Pages decode to the text their authors wrote, whatever their headers claim."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbot.extraction.document import decode_html

TEXT = "Malmö Señora Ærø Ångström — Zürich"


@pytest.mark.parametrize(
    ("body", "declared", "expected"),
    [
        (TEXT.encode("utf-8"), "iso-8859-1", TEXT),  # the header lies: UTF-8 wins
        (TEXT.encode("utf-8"), "windows-1252", TEXT),
        ("Malmö Señora".encode("cp1252"), "iso-8859-1", "Malmö Señora"),  # the header is right
        ("Москва".encode("cp1251"), None, "Москва"),  # see below: meta only
        (TEXT.encode("utf-8"), "x-no-such-charset", TEXT),
        ("Москва".encode(), "windows-1251", "Москва"),
    ],
)
def test_declared_charsets_are_checked_against_the_bytes(
    body: bytes, declared: str | None, expected: str
) -> None:
    if declared is None:
        body = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' + body
    assert expected in decode_html(body, declared)


@settings(max_examples=200, deadline=5000)
@given(st.binary(max_size=2048), st.one_of(st.none(), st.text(max_size=20)))
def test_any_bytes_and_any_label_decode_without_an_error(body: bytes, label: str | None) -> None:
    assert isinstance(decode_html(body, label), str)
