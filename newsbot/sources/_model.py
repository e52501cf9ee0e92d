"""The :class:`Source` a TOML file describes: what to crawl and how politely."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Scrapy settings a source may override, and the ``DOWNLOAD_SLOTS`` key each maps to.
#: They apply to the source's own download slot, so several sources can share a crawl.
SLOT_SETTINGS: dict[str, str] = {
    "DOWNLOAD_DELAY": "delay",
    "DOWNLOAD_DELAY_JITTER": "jitter",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "concurrency",
}
#: Per-request settings a source may override (applied through request meta).
REQUEST_SETTINGS: dict[str, str] = {"DOWNLOAD_TIMEOUT": "download_timeout"}

#: Keys of the optional ``[selectors]`` table: CSS selectors for site-specific fields.
SELECTOR_KEYS: frozenset[str] = frozenset(
    {"article", "headline", "body", "byline", "dateline", "date_published", "captions", "remove"}
)


@dataclass(frozen=True)
class Discovery:
    """Where a source's article URLs come from."""

    sitemaps: tuple[str, ...] = ()
    """Sitemaps, sitemap indexes or Google News sitemaps."""
    feeds: tuple[str, ...] = ()
    """RSS 2.0 or Atom feeds."""
    sections: tuple[str, ...] = ()
    """Pages whose links lead to articles."""
    article_urls: tuple[re.Pattern[str], ...] = ()
    """Which links on section pages are articles (``re.search`` on the absolute URL)."""

    @property
    def urls(self) -> tuple[str, ...]:
        """Every discovery URL: sitemaps, then feeds, then sections."""
        return self.sitemaps + self.feeds + self.sections

    def is_article_url(self, url: str) -> bool:
        return any(p.search(url) for p in self.article_urls)


@dataclass(frozen=True)
class Source:
    """One site to crawl; ``name`` is the TOML file's stem."""

    name: str
    site_name: str
    domains: tuple[str, ...]
    """Lower-case host names; their subdomains are allowed too."""
    discovery: Discovery
    max_age_days: float | None = None
    """Skip articles whose discovery date is older than this; ``None``: no limit."""
    allow_loopback: bool = False
    """Allow 127.0.0.0/8, ::1 and ``localhost`` (the demo and tests)."""
    settings: dict[str, Any] = field(default_factory=dict)
    """Politeness overrides: keys of :data:`SLOT_SETTINGS` and :data:`REQUEST_SETTINGS`."""
    selectors: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    """Optional site-specific CSS selectors, keys from :data:`SELECTOR_KEYS`."""
    path: Path | None = None
    """The file the source was read from."""

    @property
    def download_slot(self) -> str:
        """The Scrapy download slot all of this source's requests share."""
        return f"newsbot:{self.name}"

    def slot_settings(self) -> dict[str, Any]:
        """This source's ``DOWNLOAD_SLOTS`` entry (may be empty)."""
        return {SLOT_SETTINGS[k]: v for k, v in self.settings.items() if k in SLOT_SETTINGS}

    def request_meta(self) -> dict[str, Any]:
        """Request meta keys carrying this source's per-request overrides."""
        return {REQUEST_SETTINGS[k]: v for k, v in self.settings.items() if k in REQUEST_SETTINGS}
