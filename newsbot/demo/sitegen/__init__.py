"""Renders the demo newsroom (``newsbot/demo/site/``) from ``stories.toml``.

The site is committed as static files so the package serves it without this code at run
time; re-run ``python -m newsbot.demo.sitegen`` after editing a story or a template (a
test checks that the committed site matches).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from newsbot.demo.sitegen import (
    cms_dispatch,
    cms_harbour,
    cms_herald,
    cms_ledger,
    cms_metro,
    cms_wire,
    discovery,
)
from newsbot.demo.sitegen.model import Page, load_pages

OUTLETS: dict[str, ModuleType] = {
    "wire": cms_wire,
    "harbour": cms_harbour,
    "metro": cms_metro,
    "dispatch": cms_dispatch,
    "herald": cms_herald,
    "ledger": cms_ledger,
}
"""Outlet key (``outlet`` in stories.toml) to its template module."""

UNLISTED = {"preview-earnings", "old-regatta"}
"""Pages the crawler must not fetch: never linked as related stories or from the index."""


def file_for(path: str) -> str:
    """The site file serving a URL path (see :class:`newsbot.demo.server.DemoSite`)."""
    rel = path.lstrip("/")
    if not rel or rel.endswith("/"):
        return rel + "index.html"
    return rel if "." in rel.rsplit("/", 1)[-1] else rel + ".html"


def site_name(page: Page) -> str:
    name: str = OUTLETS[page.outlet].SITE_NAME
    return name


def render_site(pages: list[Page] | None = None) -> dict[str, str]:
    """Every file of the site: relative path to text."""
    pages = load_pages() if pages is None else pages
    out: dict[str, str] = {}
    listed = [p for p in pages if p.key not in UNLISTED]
    for page in pages:
        related = [p for p in listed if p.outlet == page.outlet and p.key != page.key]
        render: Callable[[Page, list[Page]], str] = OUTLETS[page.outlet].render
        html = render(page, related)
        for path in (page.path, *page.aliases):
            out[file_for(path)] = html

    def where(kind: str) -> list[Page]:
        return [p for p in pages if kind in p.discovery]

    tracked = {p.key for p in pages if p.aliases}
    out["robots.txt"] = discovery.robots_txt()
    out["sitemap_index.xml"] = discovery.sitemap_index()
    out["news-sitemap.xml"] = discovery.news_sitemap(where("news-sitemap"), site_name)
    out["sitemap-metro.xml"] = discovery.plain_sitemap(where("sitemap"))
    out["rss.xml"] = discovery.rss(where("rss"), tracked)

    section_links = [(p.path, p.headline) for p in where("section")]
    section_links += [(a, "From the archive: " + p.headline) for p in pages for a in p.aliases]
    out[file_for("/world/")] = discovery.listing_page(
        "World", "Top stories from our partner newsrooms.", section_links
    )
    out[file_for("/")] = discovery.listing_page(
        discovery.NEWSROOM,
        "Six fictional outlets, each in its own CMS style, republishing each other's wire copy.",
        [(p.path, f"{site_name(p)}: {p.headline}") for p in listed],
    )
    for key, module in OUTLETS.items():
        out[file_for(module.HOME)] = discovery.listing_page(
            module.SITE_NAME,
            f"Latest from {module.SITE_NAME}.",
            [(p.path, p.headline) for p in listed if p.outlet == key],
        )
    return out


def write_site(dest: Path) -> list[Path]:
    """Writes the site under ``dest``; returns the files written."""
    written = []
    for rel, text in sorted(render_site().items()):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
