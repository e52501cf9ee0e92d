"""``newsbot demo``'s crawl: serve the demo site, write its sources, run the usual crawl.

Each outlet of the demo newsroom is a source (see :mod:`newsbot.demo.sources`); one crawl
covers all six, through :func:`newsbot.crawl.run_crawl` like ``newsbot crawl``. Everything
the run keeps (the store, the HTTP cache) lives in a temporary directory, so every demo
run starts fresh and yields the full set of items.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsbot.crawl import CrawlSummary, run_crawl
from newsbot.demo.server import DemoServer
from newsbot.demo.sources import OUTLETS


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


def write_sources(directory: Path, base_url: str) -> list[str]:
    """One source file per outlet in ``directory``; returns the source names."""
    for outlet in OUTLETS.values():
        path = directory / f"{outlet.name}.toml"
        path.write_text(outlet.source_toml(base_url), encoding="utf-8")
    return [outlet.name for outlet in OUTLETS.values()]


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
        names = write_sources(sources, server.base_url)
        settings = {**demo_settings(workdir), **(settings_overrides or {})}
        summary = run_crawl(names, output, "jsonlines", str(sources), settings)
        return DemoRun(server.base_url, summary)
