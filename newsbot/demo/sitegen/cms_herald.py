"""Riverside Herald: a Drupal regional in English and German (fields, node markup, RDFa)."""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

from newsbot.demo.sitegen.markup import credit_text, e, head, image_url, paragraphs_html, url
from newsbot.demo.sitegen.model import Page
from newsbot.demo.sources import OUTLETS

OUTLET = OUTLETS["herald"]
SITE_NAME = OUTLET.site_name
HOME = OUTLET.home


def render(page: Page, related: list[Page]) -> str:
    lang = page.lang
    body = paragraphs_html(page)
    if page.trailer:
        if page.trailer_rule:
            body.append("<p>___</p>")
        body.append(f"<p>{e(page.trailer)}</p>")
    tags = "".join(
        f'<div class="field__item"><a href="{url(f"/herald/{lang}/tags/" + t.lower().replace(" ", "-"))}"'
        f' hreflang="{lang}">{e(t)}</a></div>'
        for t in page.tags
    )
    more = "".join(
        f'<li><a href="{url(p.path)}" hreflang="{p.lang}">{e(p.headline)}</a></li>'
        for p in related[:4]
    )
    tags_label = "Schlagworte" if lang == "de" else "Tags"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr" prefix="og: https://ogp.me/ns#">
{head(page, SITE_NAME, extra='<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">')}
<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<header role="banner"><div class="region region-header"><a href="{url("/herald/" + lang)}" rel="home" class="site-logo">Riverside Herald</a><div class="site-slogan">Your river valley, your news</div></div>
<div class="region region-primary-menu"><nav role="navigation" id="block-herald-main-menu"><ul class="menu"><li class="menu-item"><a href="{url("/herald/en/news")}">News</a></li><li class="menu-item"><a href="{url("/herald/en/economy")}">Economy</a></li><li class="menu-item"><a href="{url("/herald/de")}">Deutsch</a></li></ul></nav></div></header>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content"><div class="region region-content">
<article role="article" about="{page.path}" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{e(page.headline)}</span></h1>
<div class="node__meta"><div class="field field--name-field-byline field--type-string field--label-hidden field__item">{e(page.byline)}</div>
<span class="field field--name-created field--type-created field--label-hidden"><time datetime="{page.when("iso", tz="Z")}">{page.when("%a, %d/%m/%Y - %H:%M")}</time></span></div>
<div class="node__content">
<div class="field field--name-field-image field--type-image field--label-hidden field__item">
<img loading="lazy" src="{image_url(page, 960)}" width="960" height="640" alt="{e(page.caption)}">
<div class="field field--name-field-image-caption field--type-string field__item">{e(page.caption)} <span class="image-credit">{e(credit_text(page))}</span></div></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">{chr(10).join(body)}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">{tags_label}</div><div class="field__items">{tags}</div></div>
</div>
</article>
<div class="block block-views"><h2>Latest</h2><ul>{more}</ul></div>
</div></div></main>
<footer role="contentinfo"><div class="region region-footer"><p>&copy; Riverside Herald Verlag</p></div></footer>
</div></div>
</body>
</html>
"""
