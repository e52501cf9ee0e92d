"""`newsbot crawl` shows live progress and a summary table on a terminal, plain log lines
elsewhere, and nothing but errors with --quiet."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from newsbot.extensions.progress import progress_settings
from newsbot.extensions.progress_view import Progress, summary_table
from tests.support.conditional_site import ConditionalSite, write_site, write_source

NEWSBOT = [sys.executable, "-m", "newsbot"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ConditionalSite, Path]]:
    tmp = tmp_path_factory.mktemp("progress")
    root = tmp / "site"
    root.mkdir()
    server = ConditionalSite(root, tmp / "requests.jsonl")
    write_site(root, server.url, range(1, 4))
    sources = tmp / "sources"
    write_source(sources, "localnews", server.url)
    yield server, sources
    server.stop()


def crawl_args(sources: Path, *extra: str) -> list[str]:
    return [
        *NEWSBOT,
        "crawl",
        "localnews",
        "--sources-dir",
        str(sources),
        "-o",
        "out.jsonl",
        *extra,
    ]


def run_on_terminal(args: list[str], cwd: Path, timeout: float = 120) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal; returns the exit status and what it drew."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # 120 columns
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], deadline - time.monotonic())
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        status = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return status, b"".join(chunks).decode("utf-8", "replace")


def test_the_summary_table_shows_every_counter() -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    row = Progress(
        "localnews", pages=12, items=10, duplicates=2, errors=1, elapsed=30.0, finished=True
    )

    console.print(summary_table([row]))

    text = console.file.getvalue()  # type: ignore[attr-defined]
    for word in ("pages", "items", "duplicates", "seen", "errors", "items/min", "localnews"):
        assert word in text
    assert " 12 " in text  # pages
    assert " 20 " in text  # 10 items in 30 s: 20 items/min


def test_progress_settings_follow_the_terminal_and_quiet() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_settings(Tty(), quiet=False)["NEWSBOT_PROGRESS"] is True
    assert progress_settings(io.StringIO(), quiet=False) == {"NEWSBOT_PROGRESS": False}
    quiet = progress_settings(Tty(), quiet=True)
    assert quiet["NEWSBOT_PROGRESS"] is False and quiet["LOG_LEVEL"] == "ERROR"


def test_on_a_terminal_the_crawl_ends_with_a_summary_table(
    site: tuple[ConditionalSite, Path], tmp_path: Path
) -> None:
    _, sources = site

    status, drawn = run_on_terminal(crawl_args(sources), tmp_path)

    assert status == 0, drawn
    assert "newsbot: summary" in drawn
    assert "localnews" in drawn and "items/min" in drawn
    assert "[scrapy.core.engine] INFO" not in drawn  # the table replaces INFO log lines


def test_off_a_terminal_the_crawl_logs_plain_lines(
    site: tuple[ConditionalSite, Path], tmp_path: Path
) -> None:
    _, sources = site

    result = subprocess.run(
        crawl_args(sources), cwd=tmp_path, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in result.stderr
    assert "newsbot: summary" not in result.stderr
    assert "\x1b[" not in result.stderr  # no terminal control sequences


def test_quiet_silences_progress_and_logs(
    site: tuple[ConditionalSite, Path], tmp_path: Path
) -> None:
    _, sources = site
    (tmp_path / "tty").mkdir()
    (tmp_path / "pipe").mkdir()  # each with its own state: both crawl the 3 articles

    status, drawn = run_on_terminal(crawl_args(sources, "--quiet"), tmp_path / "tty")
    piped = subprocess.run(
        crawl_args(sources, "--quiet"),
        cwd=tmp_path / "pipe",
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert status == 0 and piped.returncode == 0
    assert drawn.strip() == ""
    assert piped.stderr == ""
    for run in ("tty", "pipe"):  # it still crawled
        assert (tmp_path / run / "out.jsonl").read_text().count("\n") == 3
