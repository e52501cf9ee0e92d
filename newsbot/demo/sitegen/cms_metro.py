"""Metro Courier: an Arc-style site, server-rendered React markup plus the ANS story JSON."""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

import json
from typing import Any

from newsbot.demo.sitegen.markup import credit_text, e, head, image_url, url
from newsbot.demo.sitegen.model import Page
from newsbot.demo.sources import OUTLETS

OUTLET = OUTLETS["metro"]
SITE_NAME = OUTLET.site_name
HOME = OUTLET.home
_AGENCY_NAMES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP"}


def _ans(page: Page) -> dict[str, Any]:
    """The story as Arc's ANS JSON, the way Fusion ships it to the browser."""
    distributor: dict[str, str] = {"category": "staff"}
    if page.agency:
        name = _AGENCY_NAMES.get(page.agency, page.agency)
        distributor = {"category": "wires", "name": name, "mode": "reference"}
    org = _AGENCY_NAMES.get(page.agency or "", SITE_NAME)
    content = [{"type": "text", "content": text} for text in page.paragraphs]
    if page.dateline:
        content[0] = {"type": "text", "content": f"{page.dateline} {page.paragraphs[0]}"}
    if page.trailer:
        if page.trailer_rule:
            content.append({"type": "divider"})
        content.append({"type": "text", "content": page.trailer})
    return {
        "_id": "MC" + page.key.upper().replace("-", "")[:20],
        "type": "story",
        "version": "0.10.9",
        "canonical_url": page.path.removeprefix("/metro"),
        "canonical_website": "metro-courier",
        "headlines": {"basic": page.headline},
        "subheadlines": {"basic": page.subheadline or ""},
        "description": {"basic": page.description},
        "language": page.lang,
        "display_date": page.when("iso", tz="Z"),
        "first_publish_date": page.when("iso", tz="Z"),
        "last_updated_date": page.when("iso", page.modified_or_published, "Z"),
        "credits": {
            "by": [
                {"type": "author", "name": n, "org": org, "additional_properties": {}}
                for n in page.authors
            ]
        },
        "distributor": distributor,
        "taxonomy": {
            "primary_section": {"_id": "/" + page.section.lower(), "name": page.section},
            "tags": [{"text": t, "slug": t.lower().replace(" ", "-")} for t in page.tags],
        },
        "promo_items": {
            "basic": {
                "type": "image",
                "url": image_url(page),
                "caption": page.caption,
                "credits": {"affiliation": [{"name": page.credit}]},
            }
        },
        "content_elements": content,
    }


def _byline(page: Page) -> str:
    if not page.authors:
        return ""
    names = " and ".join(
        f'<a class="c-byline__author" href="{url("/metro/people/" + n.lower().replace(" ", "-") + "/")}">'
        f"{e(n.upper() if page.agency == 'AP' else n)}</a>"
        for n in page.authors
    )
    org = _AGENCY_NAMES.get(page.agency or "", "")
    org_html = f', <span class="c-byline__org">{e(org)}</span>' if org else ""
    return f'<div class="c-byline"><span class="c-byline__by">By</span> {names}{org_html}</div>'


def render(page: Page, related: list[Page]) -> str:
    body = []
    for i, text in enumerate(page.paragraphs):
        content = f"{e(page.dateline)} {e(text)}" if i == 0 and page.dateline else e(text)
        body.append(f'<p class="c-paragraph" data-el="text">{content}</p>')
        if i == 2:
            body.append('<div class="c-ad c-ad--inline" id="arcad-inline-1"></div>')
    if page.trailer:
        if page.trailer_rule:
            body.append('<p class="c-paragraph" data-el="text">___</p>')
        body.append(f'<p class="c-paragraph" data-el="text">{e(page.trailer)}</p>')
    subhead = f'<h2 class="c-subheadline">{e(page.subheadline)}</h2>' if page.subheadline else ""
    ans = json.dumps(_ans(page), ensure_ascii=False).replace("</", "<\\/")
    more = "".join(
        f'<div class="c-promo"><a class="c-promo__link" href="{url(p.path)}">{e(p.headline)}</a></div>'
        for p in related[:3]
    )
    return f"""<!DOCTYPE html>
<html lang="{page.lang}">
{head(page, SITE_NAME)}
<body>
<div id="fusion-app" class="fusion-app">
<div class="b-header"><a class="b-header__logo" href="{url(HOME)}">Metro Courier</a>
<nav class="b-header__nav"><a href="{url("/metro/local/")}">Local</a><a href="{url("/metro/nation/")}">Nation</a><a href="{url("/metro/world/")}">World</a><a href="{url("/metro/sports/")}">Sports</a></nav></div>
<main class="b-single-column">
<div class="c-overline"><a href="{url("/metro/" + page.section.lower() + "/")}">{e(page.section)}</a></div>
<h1 class="c-heading" data-testid="headline">{e(page.headline)}</h1>
{subhead}
<div class="b-article-meta">{_byline(page)}
<div class="c-date"><time datetime="{page.when("iso", tz="Z")}">{page.when("%B %-d, %Y at %-I:%M %p")}</time></div></div>
<figure class="c-media-item"><img class="c-image" src="{image_url(page, 1024)}" alt="{e(page.caption)}" width="1024" height="683">
<figcaption class="c-media-item__caption"><span class="c-media-item__fig-caption">{e(page.caption)}</span> <span class="c-media-item__credit">{e(credit_text(page))}</span></figcaption></figure>
<article class="b-article-body">
{chr(10).join(body)}
</article>
<div class="b-tags">{"".join(f'<a class="c-tag" href="{url("/metro/tags/" + t.lower().replace(" ", "-") + "/")}">{e(t)}</a>' for t in page.tags)}</div>
<section class="b-more-stories"><h2>More stories</h2>{more}</section>
</main>
<footer class="b-footer"><p>&copy; Metro Courier Media. All rights reserved.</p></footer>
</div>
<script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{{}};Fusion.arcSite="metro-courier";Fusion.contentCache={{}};Fusion.globalContent={ans};</script>
</body>
</html>
"""
