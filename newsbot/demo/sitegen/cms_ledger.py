"""Millbrook Ledger: WordPress with the classic editor (wp-caption shortcode) and Yoast JSON-LD."""

# ruff: noqa: E501 (HTML templates: long lines mirror what the CMSs print)

from __future__ import annotations

import zlib

from newsbot.demo.sitegen.markup import e, head, image_url, json_ld, paragraphs_html, url
from newsbot.demo.sitegen.model import Page
from newsbot.demo.sources import OUTLETS

OUTLET = OUTLETS["ledger"]
SITE_NAME = OUTLET.site_name
HOME = OUTLET.home


def _post_id(page: Page) -> int:
    return 2000 + zlib.crc32(page.key.encode()) % 900


def _yoast(page: Page) -> str:
    article_id = url(page.path) + "#article"
    person_ids = [
        url("/ledger/#/schema/person/" + n.lower().replace(" ", "-")) for n in page.authors
    ]
    graph = [
        {
            "@type": "NewsArticle",
            "@id": article_id,
            "isPartOf": {"@id": url(page.path)},
            "author": [
                {"name": n, "@id": i} for n, i in zip(page.authors, person_ids, strict=True)
            ],
            "headline": page.headline,
            "datePublished": page.when("iso"),
            "dateModified": page.when("iso", page.modified_or_published),
            "mainEntityOfPage": {"@id": url(page.path)},
            "publisher": {"@id": url("/ledger/#organization")},
            "image": {"@id": url(page.path) + "#primaryimage"},
            "keywords": list(page.tags),
            "articleSection": [page.section],
            "inLanguage": "en-US",
        },
        {
            "@type": "WebPage",
            "@id": url(page.path),
            "url": url(page.path),
            "name": f"{page.headline} - {SITE_NAME}",
            "isPartOf": {"@id": url("/ledger/#website")},
            "datePublished": page.when("iso"),
            "inLanguage": "en-US",
        },
        {
            "@type": "ImageObject",
            "@id": url(page.path) + "#primaryimage",
            "url": image_url(page),
            "contentUrl": image_url(page),
            "caption": f"{page.caption} {page.credit}",
        },
        {"@type": "Organization", "@id": url("/ledger/#organization"), "name": SITE_NAME},
        *(
            {"@type": "Person", "@id": i, "name": n}
            for n, i in zip(page.authors, person_ids, strict=True)
        ),
    ]
    return json_ld({"@context": "https://schema.org", "@graph": graph})


def _byline(page: Page) -> str:
    if not page.authors:
        return f'<span class="byline">{e(page.byline)}</span>'
    links = " and ".join(
        f'<span class="author vcard"><a class="url fn n" href="{url("/ledger/author/" + n.lower().replace(" ", "-") + "/")}">{e(n)}</a></span>'
        for n in page.authors
    )
    return f'<span class="byline"><span class="author-by">By</span> {links}</span>'


def render(page: Page, related: list[Page]) -> str:
    post_id = _post_id(page)
    attachment = post_id + 7
    caption = (
        f'<div id="attachment_{attachment}" style="width: 1034px" class="wp-caption aligncenter">'
        f'<img aria-describedby="caption-attachment-{attachment}" decoding="async" '
        f'class="size-large wp-image-{attachment}" src="{image_url(page, 1024)}" alt="" width="1024" height="683">'
        f'<p id="caption-attachment-{attachment}" class="wp-caption-text">{e(page.caption)} {e(page.credit)}</p></div>'
    )
    body = [caption, *paragraphs_html(page)]
    if page.trailer:
        body.append(f"<p>{e(page.trailer)}</p>")
    related_html = "".join(
        f'<div class="jp-relatedposts-post"><a class="jp-relatedposts-post-a" href="{url(p.path)}">{e(p.headline)}</a></div>'
        for p in related[:3]
    )
    tag_links = ", ".join(
        f'<a href="{url("/ledger/tag/" + t.lower().replace(" ", "-") + "/")}" rel="tag">{e(t)}</a>'
        for t in page.tags
    )
    extra = (
        f'<link rel="shortlink" href="{url(f"/ledger/?p={post_id}")}">\n'
        f'<meta name="generator" content="WordPress 6.6.2">\n{_yoast(page)}'
    )
    return f"""<!DOCTYPE html>
<html lang="en-US">
{head(page, SITE_NAME, title_sep=" - ", extra=extra)}
<body class="post-template-default single single-post postid-{post_id} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="{url(HOME)}" rel="home">Millbrook Ledger</a></p><p class="site-description">News for Millbrook and the Upper Valley since 1887</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="{url("/ledger/category/local-news/")}">Local News</a></li><li class="menu-item"><a href="{url("/ledger/category/business/")}">Business</a></li><li class="menu-item"><a href="{url("/ledger/category/world/")}">World</a></li><li class="menu-item"><a href="{url("/ledger/category/education/")}">Education</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{post_id}" class="post-{post_id} post type-post status-publish format-standard has-post-thumbnail hentry">
<header class="entry-header">
<span class="cat-links"><a href="{url("/ledger/category/" + page.section.lower().replace(" ", "-") + "/")}" rel="category tag">{e(page.section)}</a></span>
<h1 class="entry-title">{e(page.headline)}</h1>
<div class="entry-meta">{_byline(page)} <span class="posted-on"><a href="{url(page.path)}" rel="bookmark"><time class="entry-date published" datetime="{page.when("iso")}">{page.when("%B %-d, %Y")}</time><time class="updated" datetime="{page.when("iso", page.modified_or_published)}">{page.when("%B %-d, %Y", page.modified_or_published)}</time></a></span></div>
</header>
<div class="entry-content">
{chr(10).join(body)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-facebook" href="{url(page.path)}?share=facebook">Facebook</a></li><li><a class="share-email" href="{url(page.path)}?share=email">Email</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>{related_html}</div>
</div>
<footer class="entry-footer"><span class="tags-links">Tagged {tag_links}</span></footer>
</article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><p class="must-log-in">You must be logged in to post a comment.</p></div></div>
</main></div></div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; Millbrook Ledger &middot; Proudly powered by WordPress</div></footer>
</div>
</body>
</html>
"""
