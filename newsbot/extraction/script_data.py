"""The author a page's own script data names: Next.js props (``<script
id="__NEXT_DATA__">``) and the WordPress data layer (``"pagePostAuthor"``).

Next.js pages ship the props they were rendered from as JSON. When the page prints its
byline only through client code, or in boxes no byline reader recognises, the post's
author is still there: ``pageProps.post.author.name``, ``pageProps.frontmatter.author``,
``pageProps.content.writers[].title``. WordPress sites that feed Google Tag Manager
through the GTM4WP plugin push the post author's display name as ``pagePostAuthor``.
Read leniently: any shape not understood gives nothing, never an exception.
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Any

from lxml.html import HtmlElement

from newsbot.extraction.document import clean_space

_DATA_LAYER_AUTHOR = re.compile(r'"pagePostAuthor"\s*:\s*"((?:[^"\\]|\\.){1,100})"')
_AUTHOR_KEYS = frozenset({"author", "authors", "writer", "writers", "contributors", "byline"})
# where a person object keeps the name, in order of preference
_NAME_KEYS = ("name", "displayName", "display_name", "fullName", "full_name", "title")
_MAX_NODES = 5000  # a huge page state is searched this far, shallowest first
_MAX_DEPTH = 6


def script_authors(tree: HtmlElement) -> list[str]:
    """Author names from the page's script data: Next.js props, else the data layer."""
    return next_data_authors(tree) or data_layer_authors(tree)


def data_layer_authors(tree: HtmlElement) -> list[str]:
    """The GTM4WP data layer's ``pagePostAuthor``, or ``[]``."""
    for script in tree.iter("script"):
        text = script.text
        if text and "pagePostAuthor" in text and script.get("src") is None:
            found = _DATA_LAYER_AUTHOR.search(text)
            if found:
                try:
                    name = clean_space(json.loads(f'"{found[1]}"'))
                except ValueError:
                    return []
                return [name] if name else []
    return []


def next_data_authors(tree: HtmlElement) -> list[str]:
    """Author names from the page's ``__NEXT_DATA__`` props, or ``[]``.

    The shallowest author-like key (``author``, ``authors``, ``writers``,
    ``contributors``, ``byline``) that holds names wins: the page's own post sits above
    the related and trending posts listed in the same props.
    """
    script = tree.find(".//script[@id='__NEXT_DATA__']")
    if script is None or not script.text:
        return []
    try:
        data = json.loads(script.text)
    except (ValueError, RecursionError):
        return []
    props = data.get("props") if isinstance(data, dict) else None
    page = props.get("pageProps") if isinstance(props, dict) else None
    if not isinstance(page, dict):
        return []
    queue: deque[tuple[Any, int]] = deque([(page, 0)])
    seen = 0
    while queue and seen < _MAX_NODES:
        node, depth = queue.popleft()
        seen += 1
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in children:
            if isinstance(key, str) and key.lower() in _AUTHOR_KEYS:
                names = _names(value)
                if names:
                    return names
            if isinstance(value, dict | list) and depth < _MAX_DEPTH:
                queue.append((value, depth + 1))
    return []


def _names(value: Any) -> list[str]:
    """ "Jane Roe", {"name": "Jane Roe"}, [{"profile": {"display_name": ...}}],
    {"node": {"name": ...}} (GraphQL), {"writtenBy": [...]}: the names held."""
    if isinstance(value, str):
        text = clean_space(value)
        return [text] if 0 < len(text) <= 100 and not text.startswith("http") else []
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        if not isinstance(item, dict):
            continue
        name = _name_of(item)
        if name is None:
            for inner in ("node", "profile", "fields", "writtenBy"):
                nested = item.get(inner)
                if isinstance(nested, dict):
                    name = _name_of(nested)
                elif isinstance(nested, list):
                    names.extend(_names(nested))
                if name:
                    break
        if name:
            names.append(name)
    return list(dict.fromkeys(names))


def _name_of(item: dict[str, Any]) -> str | None:
    for key in _NAME_KEYS:
        value = item.get(key)
        if isinstance(value, str) and 0 < len(clean_space(value)) <= 100:
            return clean_space(value)
    return None
