"""Run ``newsbot crawl`` (or ``scrapy crawl``) in a subprocess and collect what came out.

A Twisted reactor can't restart in-process, so every crawl test runs its own process, with
the network guard on ``PYTHONPATH`` (tests/conftest.py puts it there).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: The clock the fixture sites' dates are written against.
NOW = "2026-11-26T12:00:00Z"
TEST_SETTINGS = {
    "NEWSBOT_NOW": NOW,
    "NEWSBOT_STRICT": "True",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "RETRY_ENABLED": "False",
    "HTTPCACHE_ENABLED": "False",
    "LOG_LEVEL": "INFO",
}
_STAT = re.compile(r"^\s*[{ ]'([^']+)': (\d+),?\}?$")


@dataclass
class CrawlRun:
    returncode: int
    stderr: str
    stdout: str
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stats(self) -> dict[str, int]:
        """The integer stats from Scrapy's closing stats dump."""
        dump = self.stderr.rpartition("Dumping Scrapy stats:")[2]
        return {m[1]: int(m[2]) for m in map(_STAT.match, dump.splitlines()) if m}

    @property
    def item_urls(self) -> set[str]:
        return {item["url"] for item in self.items}


def env() -> dict[str, str]:
    environ = dict(os.environ)
    environ["PYTHONPATH"] = os.pathsep.join(p for p in (environ.get("PYTHONPATH"), str(ROOT)) if p)
    environ.pop("SCRAPY_SETTINGS_MODULE", None)
    return environ


def settings_args(agent: str | None = None, **extra: str) -> list[str]:
    settings = {**TEST_SETTINGS, **extra}
    if agent:
        settings["USER_AGENT"] = agent
    return [arg for k, v in settings.items() for arg in ("-s", f"{k}={v}")]


def read_items(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        items: list[dict[str, Any]] = json.loads(text)
        return items
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def newsbot(*args: str, cwd: Path, output: Path | None = None) -> CrawlRun:
    """Run ``python -m newsbot ARGS`` in ``cwd``; read ``output`` when given."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsbot", *args],
        cwd=cwd,
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    items = read_items(output) if output and proc.returncode == 0 else []
    return CrawlRun(proc.returncode, proc.stderr, proc.stdout, items)


def newsbot_crawl(
    sources: list[str], sources_dir: Path, output: Path, agent: str | None = None, **extra: str
) -> CrawlRun:
    """Crawl in ``output``'s directory, which holds the crawl's state (``.newsbot/``): give
    each crawl its own directory, or a later crawl skips the URLs an earlier one saw."""
    args = ["crawl", *sources, "-o", str(output), "--sources-dir", str(sources_dir)]
    return newsbot(*args, *settings_args(agent, **extra), cwd=output.parent, output=output)


def scrapy(
    *args: str, sources_dir: Path, state_dir: Path, cwd: Path = ROOT, output: Path | None = None
) -> CrawlRun:
    """Run ``scrapy ARGS`` in the project (``scrapy.cfg``), with ``NEWSBOT_SOURCES_DIR``.

    The state a crawl keeps across runs (the store's seen URLs, the HTTP cache) goes to
    ``state_dir``, never into the project.
    """
    command = [
        *(sys.executable, "-m", "scrapy", *args),
        *("-s", f"NEWSBOT_SOURCES_DIR={sources_dir}"),
        *("-s", f"NEWSBOT_STATE_DIR={state_dir}"),
        *("-s", f"NEWSBOT_STORE=sqlite:///{state_dir}/store.sqlite"),
        *("-s", f"HTTPCACHE_DIR={state_dir}/httpcache"),
    ]
    proc = subprocess.run(command, cwd=cwd, env=env(), capture_output=True, text=True, timeout=300)
    items = read_items(output) if output and proc.returncode == 0 else []
    return CrawlRun(proc.returncode, proc.stderr, proc.stdout, items)
