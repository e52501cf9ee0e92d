"""Harbour Times: a site whose metadata lives in a full schema.org NewsArticle JSON-LD."""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

from typing import Any

from newsbot.demo.sitegen.markup import e, head, image_url, json_ld, person_list, url
from newsbot.demo.sitegen.model import Page
from newsbot.demo.sources import OUTLETS

OUTLET = OUTLETS["harbour"]
SITE_NAME = OUTLET.site_name
HOME = OUTLET.home


def _article_ld(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url(page.path) + "#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url(page.path)},
        "url": url(page.path),
        "headline": page.headline,
        "description": page.description,
        "datePublished": page.when("iso"),
        "dateModified": page.when("iso", page.modified_or_published),
        "inLanguage": page.lang,
        "articleSection": page.section,
        "keywords": list(page.tags),
        "author": person_list(page),
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": url("/harbour/static/logo.png")},
        },
        "image": {
            "@type": "ImageObject",
            "url": image_url(page),
            "contentUrl": image_url(page),
            "width": 1200,
            "height": 800,
            "caption": page.caption,
            "creditText": page.credit,
        },
        "isAccessibleForFree": True,
    }
    if page.subheadline:
        data["alternativeHeadline"] = page.subheadline
    if page.dateline:
        data["dateline"] = page.dateline.rstrip(" -—:").strip()
    if page.agency:
        data["sourceOrganization"] = {"@type": "Organization", "name": page.agency}
        data["creditText"] = page.agency
    return data


def render(page: Page, related: list[Page]) -> str:
    body = []
    for i, text in enumerate(page.paragraphs):
        lead = (
            f'<span class="dateline">{e(page.dateline)}</span> ' if i == 0 and page.dateline else ""
        )
        body.append(f"<p>{lead}{e(text)}</p>")
        if i == 1:
            body.append('<div class="ad-slot" data-ad="inline-1"><span>Advertisement</span></div>')
    trailer = f'<p class="ht-endnote">{e(page.trailer)}</p>' if page.trailer else ""
    subhead = f'<h2 class="subhead">{e(page.subheadline)}</h2>' if page.subheadline else ""
    more = "".join(
        f'<li class="related-item"><a href="{url(p.path)}">{e(p.headline)}</a></li>'
        for p in related[:3]
    )
    breadcrumbs = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": url(HOME)},
                {"@type": "ListItem", "position": 2, "name": page.section},
            ],
        }
    )
    return f"""<!DOCTYPE html>
<html lang="{page.lang}-CA">
{head(page, SITE_NAME, title_sep=" - ", extra=json_ld(_article_ld(page)) + breadcrumbs)}
<body class="ht story">
<div class="ht-topbar"><a href="{url("/harbour/subscribe/")}">Subscribe</a> <a href="{url("/harbour/epaper/")}">ePaper</a></div>
<header class="ht-masthead"><a href="{url(HOME)}"><img src="{url("/harbour/static/logo.png")}" alt="Harbour Times"></a>
<nav><a href="{url(HOME)}">Home</a> <a href="{url("/harbour/local/")}">Local</a> <a href="{url("/harbour/business/")}">Business</a> <a href="{url("/harbour/world/")}">World</a> <a href="{url("/harbour/sports/")}">Sports</a></nav></header>
<main class="ht-main">
<article class="ht-article">
<div class="ht-kicker">{e(page.section)}</div>
<h1 class="ht-headline">{e(page.headline)}</h1>
{subhead}
<div class="ht-meta"><span class="ht-author">{e(page.byline)}</span> · <span class="ht-date">Published {page.when("%b %-d, %Y at %-I:%M %p")} AT</span></div>
<figure class="ht-lead-image"><img src="{image_url(page, 800)}" alt="" loading="eager">
<figcaption>{e(page.caption)} <em class="ht-credit">{e(page.credit)}</em></figcaption></figure>
<div class="ht-body">
{chr(10).join(body)}
{trailer}
</div>
<div class="ht-tags">{" ".join(f'<a href="{url("/harbour/tag/" + t.lower().replace(" ", "-") + "/")}">{e(t)}</a>' for t in page.tags)}</div>
</article>
<aside class="ht-rail"><h3>More from Harbour Times</h3><ul>{more}</ul>
<div class="newsletter"><p>Get the morning briefing in your inbox.</p><form><input type="email" placeholder="Email"><button>Sign up</button></form></div></aside>
</main>
<footer class="ht-footer"><p>Harbour Times is published by Harbour Media Group, Port Ellis.</p><p>&copy; Harbour Media Group</p></footer>
</body>
</html>
"""
