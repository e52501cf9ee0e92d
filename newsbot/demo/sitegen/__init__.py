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
from newsbot.demo.sources import OUTLETS as DEMO_OUTLETS
from newsbot.demo.sources import DemoOutlet

TEMPLATES: dict[str, ModuleType] = {
    "wire": cms_wire,
    "harbour": cms_harbour,
    "metro": cms_metro,
    "dispatch": cms_dispatch,
    "herald": cms_herald,
    "ledger": cms_ledger,
}
"""Outlet key (``outlet`` in stories.toml) to its template module."""
assert TEMPLATES.keys() == DEMO_OUTLETS.keys()

UNLISTED = {"preview-earnings", "old-regatta"}
"""Pages the crawler must not fetch: never linked as related stories or from the index."""


def file_for(path: str) -> str:
    """The site file serving a URL path (see :class:`newsbot.demo.server.DemoSite`)."""
    rel = path.lstrip("/")
    if not rel or rel.endswith("/"):
        return rel + "index.html"
    return rel if "." in rel.rsplit("/", 1)[-1] else rel + ".html"


def site_name(page: Page) -> str:
    return DEMO_OUTLETS[page.outlet].site_name


def _discovery_files(outlet: DemoOutlet, pages: list[Page]) -> dict[str, str]:
    """An outlet's sitemaps, feed and section front, for the pages it lists in each."""

    def where(kind: str) -> list[Page]:
        return [p for p in pages if p.outlet == outlet.key and kind in p.discovery]

    home = outlet.home
    out: dict[str, str] = {}
    sitemaps = []
    if where("news-sitemap"):
        out[f"{home}news-sitemap.xml"] = discovery.news_sitemap(
            where("news-sitemap"), outlet.site_name
        )
        sitemaps.append(f"{home}news-sitemap.xml")
    if where("sitemap"):
        out[f"{home}sitemap.xml"] = discovery.plain_sitemap(where("sitemap"))
        sitemaps.append(f"{home}sitemap.xml")
    if f"{home}sitemap_index.xml" in outlet.sitemaps:
        out[f"{home}sitemap_index.xml"] = discovery.sitemap_index(sitemaps)
    if where("rss"):
        tracked = {p.key for p in pages if p.aliases}
        out[f"{home}rss.xml"] = discovery.rss(where("rss"), outlet.site_name, home, tracked)
    if where("section"):
        listed = where("section")
        links = [(p.path, p.headline) for p in listed]
        links += [(a, "From the archive: " + p.headline) for p in listed for a in p.aliases]
        out[outlet.sections[0]] = discovery.listing_page(
            f"{outlet.site_name}: News", f"Latest news from {outlet.site_name}.", links
        )
    declared = {*outlet.sitemaps, *outlet.feeds, *outlet.sections}
    missing = declared - set(out)
    if missing:
        raise ValueError(f"{outlet.key}: no pages for its discovery documents {sorted(missing)}")
    return out


def render_site(pages: list[Page] | None = None) -> dict[str, str]:
    """Every file of the site: relative path to text."""
    pages = load_pages() if pages is None else pages
    out: dict[str, str] = {}
    listed = [p for p in pages if p.key not in UNLISTED]
    for page in pages:
        related = [p for p in listed if p.outlet == page.outlet and p.key != page.key]
        render: Callable[[Page, list[Page]], str] = TEMPLATES[page.outlet].render
        html = render(page, related)
        for path in (page.path, *page.aliases):
            out[file_for(path)] = html
    sitemaps: list[str] = []
    for outlet in DEMO_OUTLETS.values():
        for path, text in _discovery_files(outlet, pages).items():
            out[file_for(path)] = text
        sitemaps += outlet.sitemaps
        if file_for(outlet.home) not in out:
            out[file_for(outlet.home)] = discovery.listing_page(
                outlet.site_name,
                f"Latest from {outlet.site_name}.",
                [(p.path, p.headline) for p in listed if p.outlet == outlet.key],
            )
    out["robots.txt"] = discovery.robots_txt(sitemaps)
    out[file_for("/")] = discovery.listing_page(
        discovery.NEWSROOM,
        "Six fictional outlets, each in its own CMS style, republishing each other's wire copy.",
        [(p.path, f"{site_name(p)}: {p.headline}") for p in listed],
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
