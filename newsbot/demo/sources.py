"""The demo newsroom's outlets, each a newsbot source of its own.

Six fictional outlets share the demo server (one host, a path prefix each), so
``newsbot demo`` crawls six sources in one crawl, the way a cron job crawls a wire service
and its republishers. Discovery paths are relative to the server's base URL.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoOutlet:
    """One outlet of the demo newsroom and how its articles are discovered."""

    key: str
    """The outlet's key in ``sitegen/stories.toml`` and its URL path prefix."""
    name: str
    """The source's name (its TOML file's stem)."""
    site_name: str
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    """Regexes for the article links of ``sections``."""

    @property
    def home(self) -> str:
        return f"/{self.key}/"

    def source_toml(self, base_url: str) -> str:
        """The source file for this outlet on the demo server at ``base_url``."""

        def urls(paths: tuple[str, ...]) -> str:
            return "[" + ", ".join(f'"{base_url}{p}"' for p in paths) + "]"

        patterns = "[" + ", ".join(f"'{p}'" for p in self.article_urls) + "]"
        return f"""# {self.site_name}, an outlet of the newsbot demo newsroom at {base_url}.
site_name = "{self.site_name}"
domains = ["127.0.0.1"]
max_age_days = 2
allow_loopback = true

[discovery]
sitemaps = {urls(self.sitemaps)}
feeds = {urls(self.feeds)}
sections = {urls(self.sections)}
article_urls = {patterns}
"""


OUTLETS: dict[str, DemoOutlet] = {
    o.key: o
    for o in (
        DemoOutlet(
            "wire", "continental-post", "Continental Post", sitemaps=("/wire/news-sitemap.xml",)
        ),
        DemoOutlet(
            "harbour", "harbour-times", "Harbour Times", sitemaps=("/harbour/sitemap_index.xml",)
        ),
        DemoOutlet("metro", "metro-courier", "Metro Courier", sitemaps=("/metro/sitemap.xml",)),
        DemoOutlet(
            "dispatch", "dhaka-dispatch", "The Dhaka Dispatch", feeds=("/dispatch/rss.xml",)
        ),
        DemoOutlet(
            "herald",
            "riverside-herald",
            "Riverside Herald",
            sections=("/herald/en/",),
            article_urls=(r"/herald/(?:en/news|de/nachrichten)/[\w-]+$",),
        ),
        DemoOutlet(
            "ledger",
            "millbrook-ledger",
            "Millbrook Ledger",
            feeds=("/ledger/rss.xml",),
            sections=("/ledger/news/",),
            article_urls=(r"/ledger/(?:news|world|business|archives|preview)/[\w-]+/$",),
        ),
    )
}
"""Outlet key to outlet, in crawl order."""
