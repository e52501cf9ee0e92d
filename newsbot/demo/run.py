"""``newsbot demo``'s crawl: serve the demo site, write a source for it, run the usual crawl.

Everything the run keeps (the store, the HTTP cache) lives in a temporary directory, so
every demo run starts fresh and yields the full set of items.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsbot.crawl import CrawlSummary, run_crawl
from newsbot.demo.server import DemoServer

SOURCE_NAME = "demo"
ARTICLE_URLS = r"/(?:wire|dispatch|harbour|metro|herald|ledger)/[\w-]+/[\w.-]+"
"""Which links on the section page are articles: every outlet's article paths."""


def source_toml(base_url: str) -> str:
    """The source file for the demo site served at ``base_url``."""
    return f"""# The bundled demo newsroom, served by `newsbot demo` at {base_url}.
site_name = "newsbot demo newsroom"
domains = ["127.0.0.1"]
max_age_days = 2
allow_loopback = true

[discovery]
sitemaps = ["{base_url}/sitemap_index.xml"]
feeds = ["{base_url}/rss.xml"]
sections = ["{base_url}/world/"]
article_urls = ['{ARTICLE_URLS}']
"""


def demo_settings(workdir: Path) -> dict[str, Any]:
    """Settings that keep a demo run's state in ``workdir`` and skip politeness delays."""
    return {
        "NEWSBOT_STORE": f"sqlite:///{(workdir / 'store.sqlite').as_posix()}",
        "NEWSBOT_STATE_DIR": str(workdir / "state"),
        "HTTPCACHE_DIR": str(workdir / "state" / "httpcache"),
        # Our own server on loopback: no need to throttle.
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
    }


@dataclass(frozen=True)
class DemoRun:
    base_url: str
    summary: CrawlSummary


def run_demo(
    output: str,
    *,
    access_log: IO[str] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
) -> DemoRun:
    """Serve the demo site, crawl it into ``output`` (JSON Lines) and stop the server."""
    with (
        tempfile.TemporaryDirectory(prefix="newsbot-demo-") as tmp,
        DemoServer(access_log=access_log) as server,
    ):
        workdir = Path(tmp)
        sources = workdir / "sources"
        sources.mkdir()
        (sources / f"{SOURCE_NAME}.toml").write_text(source_toml(server.base_url), encoding="utf-8")
        settings = {**demo_settings(workdir), **(settings_overrides or {})}
        summary = run_crawl([SOURCE_NAME], output, "jsonlines", str(sources), settings)
        return DemoRun(server.base_url, summary)
