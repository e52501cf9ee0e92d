"""The Dhaka Dispatch: a Bangladeshi daily's web edition reprinting wire copy.

Its quirks are the ones newsbot has to undo: agency-first datelines (``Reuters, Brussels :``),
a caption printed twice (once truncated by the CMS), a doubled lead, "Also Read" promos.
"""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

from newsbot.demo.sitegen.markup import e, head, image_url, paragraphs_html, url
from newsbot.demo.sitegen.model import Page
from newsbot.demo.sources import OUTLETS

OUTLET = OUTLETS["dispatch"]
SITE_NAME = OUTLET.site_name
HOME = OUTLET.home


def render(page: Page, related: list[Page]) -> str:
    paragraphs = paragraphs_html(page, dateline_markup="<strong>{}</strong>")
    if related:
        promo = related[0]
        paragraphs.insert(
            3,
            f'<p class="also-read"><strong>Also Read:</strong> '
            f'<a href="{url(promo.path)}">{e(promo.headline)}</a></p>',
        )
    if page.trailer:
        paragraphs.append(f"<p>{e(page.trailer)}</p>")
    alt = page.caption_alt or page.caption
    doubled = (
        f'<div class="caption-title">{e(page.caption_alt)}</div>'
        if page.caption_alt and page.caption_alt != page.caption
        else ""
    )
    latest = "".join(f'<li><a href="{url(p.path)}">{e(p.headline)}</a></li>' for p in related[:5])
    return f"""<!doctype html>
<html lang="{page.lang}">
{head(page, SITE_NAME, extra='<link rel="stylesheet" href="' + url("/dispatch/static/bootstrap.min.css") + '">')}
<body>
<div class="top-bar bg-dark text-white"><div class="container d-flex justify-content-between"><span>{page.when("%A, %-d %B %Y")}</span><a href="{url("/dispatch/bangla/")}" class="text-white">বাংলা</a></div></div>
<nav class="navbar navbar-expand-lg navbar-light bg-white border-bottom"><div class="container"><a class="navbar-brand" href="{url(HOME)}">The Dhaka Dispatch</a>
<ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="{url("/dispatch/bangladesh/")}">Bangladesh</a></li><li class="nav-item"><a class="nav-link" href="{url("/dispatch/world/")}">World</a></li><li class="nav-item"><a class="nav-link" href="{url("/dispatch/business/")}">Business</a></li><li class="nav-item"><a class="nav-link" href="{url("/dispatch/sports/")}">Sports</a></li></ul></div></nav>
<div class="container mt-3"><div class="row">
<div class="col-md-8"><div class="details">
<div class="cat-name"><a href="{url("/dispatch/" + page.section.lower() + "/")}">{e(page.section)}</a></div>
<h1 class="title">{e(page.headline)}</h1>
<div class="rpt-name">{e(page.byline)}</div>
<div class="pub-time">Publish: {page.when("%d %b %Y, %I:%M %p")}</div>
<div class="share-box"><a href="https://www.facebook.com/sharer/sharer.php?u={url(page.path)}">Share</a></div>
<div id="dtl-text" class="dtl-text">
<figure class="dtl-img"><img class="img-fluid" src="{image_url(page, 700)}" title="{e(page.caption)}" alt="{e(alt)}">
{doubled}<figcaption class="img-cap">{e(page.caption)} | {e(page.credit)}</figcaption></figure>
{chr(10).join(paragraphs)}
</div>
<div class="tags">{" ".join(f'<a class="tag" href="{url("/dispatch/tags/" + t.lower().replace(" ", "-"))}">{e(t)}</a>' for t in page.tags)}</div>
</div></div>
<div class="col-md-4"><div class="latest-news"><h4>Latest News</h4><ul>{latest}</ul></div>
<div class="ad-300x250"><span>Advertisement</span></div></div>
</div></div>
<footer class="footer bg-dark text-white"><div class="container"><p>Editor: R. Doe. Published by Dispatch Media Ltd, Tejgaon, Dhaka.</p><p>&copy; The Dhaka Dispatch</p></div></footer>
</body>
</html>
"""
