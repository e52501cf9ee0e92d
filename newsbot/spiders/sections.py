"""Article links on a section page: every ``<a href>`` whose absolute URL matches a pattern."""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.html
from lxml import etree

from newsbot.spiders.urls import join_url


def article_links(
    html: bytes | str, base_url: str, patterns: Iterable[re.Pattern[str]]
) -> list[str]:
    """Absolute URLs of the links matching any of ``patterns``, in page order, each once.

    Honors ``<base href>``; links are not canonicalized here.
    """
    patterns = tuple(patterns)
    if not html or not patterns:
        return []
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = root.xpath("string(//base/@href)").strip()
    base = (join_url(base_url, base) or base_url) if base else base_url
    found: dict[str, None] = {}
    for href in root.xpath("//a/@href"):
        href = str(href).strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        url = join_url(base, href)
        if url is None:
            continue
        if any(p.search(url) for p in patterns):
            found.setdefault(url, None)
    return list(found)
