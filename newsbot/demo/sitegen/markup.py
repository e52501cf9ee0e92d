"""Markup shared by the demo outlets' templates: escaping, URLs, ``<head>``, JSON-LD."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from newsbot.demo.sitegen.model import Page

BASE = "{{BASE}}"


def e(text: str) -> str:
    """HTML-escaped text; placeholders pass through unchanged."""
    return escape(text, quote=False).replace('"', "&quot;")


def url(path: str) -> str:
    return f"{BASE}{path}"


def image_url(page: Page, width: int = 1200) -> str:
    stem = page.image.rsplit(".", 1)[0]
    return f"{BASE}/media/{width}/{stem}.jpg"


def json_ld(data: Any) -> str:
    """A ``<script type="application/ld+json">`` block."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def credit_text(page: Page) -> str:
    """The photo credit as printed: AP's in parentheses, as AP sends it."""
    return f"({page.credit})" if page.credit.startswith("AP Photo") else page.credit


def head(page: Page, site_name: str, *, title_sep: str = " | ", extra: str = "") -> str:
    """``<head>`` with the meta tags most news CMSs print."""
    tags = "\n".join(f'<meta property="article:tag" content="{e(t)}">' for t in page.tags)
    modified = (
        f'<meta property="article:modified_time" content="{page.when("iso", page.modified)}">'
        if page.modified
        else ""
    )
    return f"""<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.headline)}{title_sep}{e(site_name)}</title>
<meta name="description" content="{e(page.description)}">
<link rel="canonical" href="{url(page.path)}">
<meta property="og:site_name" content="{e(site_name)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(page.headline)}">
<meta property="og:description" content="{e(page.description)}">
<meta property="og:url" content="{url(page.path)}">
<meta property="og:image" content="{image_url(page)}">
<meta property="article:published_time" content="{page.when("iso")}">
{modified}
<meta property="article:section" content="{e(page.section)}">
{tags}
<meta name="twitter:card" content="summary_large_image">
{extra}
</head>"""


def person_list(page: Page) -> list[dict[str, str]]:
    return [{"@type": "Person", "name": name} for name in page.authors]


def lead_text(page: Page, paragraph: str) -> str:
    """The first paragraph with the dateline in front, as most wire copy prints it."""
    return f"{page.dateline} {paragraph}" if page.dateline else paragraph


def paragraphs_html(page: Page, p_attrs: str = "", dateline_markup: str = "{}") -> list[str]:
    """``<p>`` elements of the body: the dateline inline in the first, a doubled lead if set."""
    out = []
    for i, text in enumerate(page.paragraphs):
        body = e(text)
        if i == 0 and page.dateline:
            body = f"{dateline_markup.format(e(page.dateline))} {body}"
        out.append(f"<p{p_attrs}>{body}</p>")
        if i == 0 and page.double_lead:
            out.append(f"<p{p_attrs}>{e(text)}</p>")
    return out


def share_links(page: Page) -> str:
    target = url(page.path)
    return (
        '<div class="share">'
        f'<a class="share-fb" href="https://www.facebook.com/sharer.php?u={target}">Facebook</a> '
        f'<a class="share-x" href="https://twitter.com/intent/tweet?url={target}">X</a> '
        f'<a class="share-mail" href="mailto:?subject={e(page.headline)}">Email</a>'
        "</div>"
    )
