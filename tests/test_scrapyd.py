"""A real Scrapyd: deploy the project with scrapyd-client, schedule a crawl of a local site
through the HTTP API, wait for it to finish, and read its items.

This is the README's "Scheduled crawls" recipe, run end to end on loopback.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.support.conditional_site import ConditionalSite, article_path, write_site, write_source

pytestmark = [pytest.mark.scrapyd, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEADLINE_S = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as response:
        result: dict[str, Any] = json.loads(response.read())
    return result


def wait_for(what: str, check: Any, deadline_s: float = DEADLINE_S) -> Any:
    """Poll ``check()`` until it returns something truthy; fail at the deadline."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)  # a poll interval, not a wait-and-hope: the deadline decides
    pytest.fail(f"timed out after {deadline_s}s waiting for {what}")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[ConditionalSite, Path]]:
    root = tmp_path / "site"
    root.mkdir()
    server = ConditionalSite(root, tmp_path / "requests.jsonl")
    write_site(root, server.url, range(1, 4))
    sources = tmp_path / "sources"
    write_source(sources, "localnews", server.url)
    yield server, sources
    server.stop()


@pytest.fixture
def scrapyd(tmp_path: Path, site: tuple[ConditionalSite, Path]) -> Iterator[tuple[str, Path]]:
    """A Scrapyd on a free loopback port; returns its URL and working directory."""
    _, sources = site
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        "items_dir =\n"
        "poll_interval = 0.2\n"
        "max_proc = 1\n"
    )
    # Scrapyd lists a project's spiders without the schedule call's settings, so the
    # sources directory reaches `scrapy list` through the environment.
    env = {**os.environ, "NEWSBOT_SOURCES_DIR": str(sources)}
    log = (home / "scrapyd.out").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"], cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"scrapyd exited: {(home / 'scrapyd.out').read_text()[-2000:]}")
        try:
            return api(base, "daemonstatus.json")["status"] == "ok"
        except OSError:
            return False

    try:
        wait_for("scrapyd to listen", ready, 60)
        yield base, home
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def deploy(base: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    """``scrapyd-deploy`` from a copy of the project whose [deploy] url is ``base``."""
    project = workdir / "project"
    shutil.copytree(
        ROOT / "newsbot", project / "newsbot", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("setup.py", "pyproject.toml", "scrapy.cfg", "README.md"):
        shutil.copy(ROOT / name, project / name)
    config = configparser.ConfigParser()
    config.read(project / "scrapy.cfg")
    config["deploy"]["url"] = base + "/"
    with (project / "scrapy.cfg").open("w") as handle:
        config.write(handle)
    return subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--version", "r1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_scrapyd_runs_a_scheduled_crawl_of_the_deployed_project(
    scrapyd: tuple[str, Path],
    site: tuple[ConditionalSite, Path],
    tmp_path: Path,
    data_dir: Path,
) -> None:
    base, home = scrapyd
    server, sources = site

    deployed = deploy(base, tmp_path)
    assert deployed.returncode == 0, deployed.stderr
    assert '"status": "ok"' in deployed.stdout, deployed.stdout + deployed.stderr
    assert "localnews" in api(base, "listspiders.json?project=newsbot")["spiders"]

    first = run_job(base, home, sources, tmp_path / "run1.json")
    server.clear_log()
    second = run_job(base, home, sources, tmp_path / "run2.json")

    schema = json.loads((data_dir / "jsonfeed-1.1.schema.json").read_text())
    for feed in (first, second):
        jsonschema.Draft202012Validator(schema).validate(feed)
    assert sorted(item["id"] for item in first["items"]) == [
        server.url + article_path(n) for n in (1, 2, 3)
    ]
    # The state lives in Scrapyd's directory, so the next scheduled run is incremental.
    assert (home / ".newsbot" / "store.sqlite").is_file()
    assert (home / ".newsbot" / "httpcache").is_dir()
    assert second["items"] == []
    assert not [r for r in server.requests() if r["path"].startswith("/news/")]
    sitemap = next(r for r in server.requests() if r["path"] == "/sitemap.xml")
    assert sitemap["status"] == 304


def run_job(base: str, home: Path, sources: Path, feed_path: Path) -> dict[str, Any]:
    """Schedule a crawl of ``localnews`` writing a JSON Feed, wait for it, return the feed."""
    feeds = json.dumps({feed_path.as_uri(): {"format": "jsonfeed"}})
    scheduled = api(
        base,
        "schedule.json",
        [
            ("project", "newsbot"),
            ("spider", "localnews"),
            ("setting", f"NEWSBOT_SOURCES_DIR={sources}"),
            ("setting", f"FEEDS={feeds}"),
        ],
    )
    assert scheduled["status"] == "ok", scheduled
    job = scheduled["jobid"]

    def finished() -> dict[str, Any] | None:
        jobs = api(base, "listjobs.json?project=newsbot")
        return next((j for j in jobs["finished"] if j["id"] == job), None)

    done = wait_for(f"job {job} to finish", finished)

    log = (home / "logs" / "newsbot" / "localnews" / f"{job}.log").read_text()
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    assert done.get("log_url")
    feed: dict[str, Any] = json.loads(feed_path.read_text())
    return feed
