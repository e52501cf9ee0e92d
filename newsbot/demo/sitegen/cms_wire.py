"""Continental Post's wire desk: agency copy as filed, in a modern news-site layout."""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

from newsbot.demo.sitegen.markup import (
    credit_text,
    e,
    head,
    image_url,
    json_ld,
    paragraphs_html,
    person_list,
    share_links,
    url,
)
from newsbot.demo.sitegen.model import Page
from newsbot.demo.sources import OUTLETS

OUTLET = OUTLETS["wire"]
SITE_NAME = OUTLET.site_name
HOME = OUTLET.home


def _byline(page: Page) -> str:
    if not page.authors:
        return (
            f'<div class="article-byline"><span class="byline-agency">{e(page.byline)}</span></div>'
        )
    names = [
        f'<a class="author-name" href="{url("/wire/authors/" + n.lower().replace(" ", "-") + "/")}"'
        f' rel="author">{e(n)}</a>'
        for n in page.authors
    ]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f'<div class="article-byline" data-testid="byline">By {joined}</div>'


def render(page: Page, related: list[Page]) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.headline,
        "datePublished": page.when("iso"),
        "dateModified": page.when("iso", page.modified_or_published),
        "author": person_list(page) or [{"@type": "Organization", "name": page.agency}],
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "sourceOrganization": {"@type": "Organization", "name": page.agency},
        "image": [image_url(page)],
        "mainEntityOfPage": url(page.path),
        "articleSection": page.section,
        "inLanguage": page.lang,
    }
    advisory = (
        f'<p class="article-advisory" data-testid="paragraph-advisory">{e(page.advisory)}</p>'
        if page.advisory
        else ""
    )
    body = "\n".join(
        p.replace("<p>", f'<p data-testid="paragraph-{i}" class="text__paragraph">', 1)
        for i, p in enumerate(paragraphs_html(page))
    )
    trailer = f'<p class="text__paragraph sign-off">{e(page.trailer)}</p>' if page.trailer else ""
    more = "".join(f'<li><a href="{url(p.path)}">{e(p.headline)}</a></li>' for p in related[:4])
    return f"""<!DOCTYPE html>
<html lang="{page.lang}">
{head(page, SITE_NAME, extra=json_ld(data))}
<body class="wire-article">
<header class="site-header"><a class="logo" href="{url("/")}">Continental Post</a>
<nav class="site-nav"><a href="{url("/wire/")}">Wires</a> <a href="{url("/wire/business/")}">Business</a> <a href="{url("/wire/markets/")}">Markets</a></nav>
<a class="signin" href="{url("/account/sign-in/")}">Sign in</a></header>
<main id="main-content">
<article class="article" data-agency="{e(page.agency or "")}">
<nav class="breadcrumbs"><a href="{url("/wire/")}">Wires</a> / <a href="{url("/wire/" + page.section.lower() + "/")}">{e(page.section)}</a></nav>
<header class="article-header">
<h1 class="article-headline" data-testid="Heading">{e(page.headline)}</h1>
{_byline(page)}
<div class="article-dates"><time datetime="{page.when("iso")}" class="published">{page.when("%B %-d, %Y %-I:%M %p", tz="Z")} UTC</time>
<span class="updated">Updated <time datetime="{page.when("iso", page.modified_or_published)}">{page.when("%-I:%M %p", page.modified_or_published, "Z")} UTC</time></span></div>
{share_links(page)}
</header>
<figure class="article-figure">
<img src="{image_url(page)}" alt="{e(page.caption)}" width="1200" height="800">
<figcaption><span class="caption-text" data-testid="Body">{e(page.caption)}</span> <span class="caption-credit">{e(credit_text(page))}</span>
</figcaption>
<a class="licensing" href="{url("/licensing/")}">Purchase Licensing Rights, opens new tab</a>
</figure>
<div class="article-body" data-testid="ArticleBody">
{advisory}
{body}
{trailer}
</div>
<p class="article-topics">Topics: {", ".join(e(t) for t in page.tags)}</p>
<div class="trust-principles"><a href="{url("/about/standards/")}">Our Standards: The Continental Post Trust Principles.</a></div>
</article>
<aside class="read-next"><h2>Read Next</h2><ul>{more}</ul></aside>
</main>
<footer class="site-footer"><p>All quotes delayed a minimum of 15 minutes.</p><p>&copy; Continental Post. All rights reserved.</p></footer>
<script>window.__CP__={{"page":"article","section":"{e(page.section)}"}};</script>
</body>
</html>
"""
