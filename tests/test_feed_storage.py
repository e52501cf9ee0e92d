"""FEEDS output is replaced atomically: a reader sees the previous file or the new one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsbot import settings
from newsbot.feeds.storage import TEMP_SUFFIX, AtomicFileFeedStorage
from tests.support.faultsite import BULK_ARTICLES, HELD_ARTICLE, FaultSite

SPIDER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path

    import scrapy
    from scrapy.crawler import CrawlerProcess

    from newsbot import settings as nb

    name, feed_uri, ready, go = sys.argv[1:5]

    class HeldSpider(scrapy.Spider):
        '''Yields five items, then waits for the test's go-ahead before five more.'''

        async def start(self):
            for n in range(5):
                yield {"n": n}
            Path(ready).touch()
            while not Path(go).exists():
                await asyncio.sleep(0.02)
            for n in range(5, 10):
                yield {"n": n}

    HeldSpider.name = name
    process = CrawlerProcess({
        "FEED_STORAGES": nb.FEED_STORAGES,
        "FEED_URI_PARAMS": nb.FEED_URI_PARAMS,
        "FEEDS": {feed_uri: {"format": "jsonlines", "overwrite": True}},
        "LOG_LEVEL": "WARNING",
    })
    process.crawl(HeldSpider)
    process.start()
    """
)


def _wait_for(predicate: object, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _held_crawl(tmp_path: Path, name: str, feed_uri: str) -> tuple[subprocess.Popen[bytes], Path]:
    script = tmp_path / "held_spider.py"
    script.write_text(SPIDER)
    ready, go = tmp_path / "ready", tmp_path / "go"
    proc = subprocess.Popen(
        [sys.executable, str(script), name, feed_uri, str(ready), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_for(ready.exists, proc)
    return proc, go


def _finish(proc: subprocess.Popen[bytes], go: Path) -> None:
    go.touch()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()


def test_a_reader_never_sees_a_half_written_feed(tmp_path: Path) -> None:
    out = tmp_path / "out" / "items.jsonl"
    out.parent.mkdir()
    out.write_text('{"previous": true}\n')

    proc, go = _held_crawl(tmp_path, "held", str(out))
    # Mid-crawl: the target still holds the previous complete file; the new one is elsewhere.
    assert out.read_text() == '{"previous": true}\n'
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    _finish(proc, go)

    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(item["n"] for item in items) == list(range(10))
    assert sorted(p.name for p in out.parent.iterdir()) == ["items.jsonl"]


def test_a_new_feed_does_not_exist_until_it_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "items.jsonl"
    proc, go = _held_crawl(tmp_path, "held", out.as_uri())
    assert not out.exists()
    _finish(proc, go)
    assert len(out.read_text().splitlines()) == 10


def test_a_hostile_spider_name_cannot_write_outside_the_output_directory(tmp_path: Path) -> None:
    outdir = tmp_path / "a" / "b" / "out"
    proc, go = _held_crawl(tmp_path, "../../x", str(outdir / "%(name)s.jsonl"))
    _finish(proc, go)
    assert [p.name for p in outdir.iterdir()] == ["_._.._x.jsonl"]
    assert not list((tmp_path / "a").glob("x*")) and not list(tmp_path.glob("x*"))


def test_the_project_uses_the_atomic_storage_for_files() -> None:
    expected = "newsbot.feeds.storage.AtomicFileFeedStorage"
    assert {"": expected, "file": expected} == settings.FEED_STORAGES


def test_append_mode_keeps_the_previous_content(tmp_path: Path) -> None:
    out = tmp_path / "items.jsonl"
    out.write_bytes(b'{"n": 0}\n')
    storage = AtomicFileFeedStorage(str(out), feed_options={"overwrite": False})
    file = storage.open(object())
    file.write(b'{"n": 1}\n')
    assert out.read_bytes() == b'{"n": 0}\n'
    storage.store(file)
    assert out.read_bytes() == b'{"n": 0}\n{"n": 1}\n'


def test_the_stored_file_has_the_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "items.jsonl"
    storage = AtomicFileFeedStorage(str(out), feed_options={"overwrite": True})
    file = storage.open(object())
    storage.store(file)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_feed_that_is_never_stored_leaves_no_temp_file(tmp_path: Path) -> None:
    storage = AtomicFileFeedStorage(str(tmp_path / "items.jsonl"), feed_options={"overwrite": True})
    file = storage.open(object())
    file.write(b"half")
    file.close()
    assert len(list(tmp_path.iterdir())) == 1
    del storage  # Scrapy drops an empty batch's storage without calling store()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("uri", ["relative/items.jsonl", "file:///tmp/x/items.jsonl"])
def test_paths_and_file_uris(uri: str) -> None:
    storage = AtomicFileFeedStorage(uri)
    assert storage.path.name == "items.jsonl"
    assert storage.append


def test_newsbot_crawl_output_is_replaced_only_when_complete(tmp_path: Path) -> None:
    """A real ``newsbot crawl -o``, held mid-way by the fault site's held article."""
    out = tmp_path / "out" / "items.jsonl"
    out.parent.mkdir()
    out.write_text('{"previous": true}\n')
    with FaultSite(tmp_path) as site:
        (tmp_path / "held.toml").write_text(
            'site_name = "Held"\ndomains = ["127.0.0.1"]\nallow_loopback = true\n'
            f'[discovery]\nsitemaps = ["{site.url("/bulk/held-sitemap.xml")}"]\n'
        )
        argv = [sys.executable, "-m", "newsbot", "crawl", "held", "--sources-dir", str(tmp_path)]
        argv += ["-o", str(out), "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_TIMEOUT=120"]
        proc = subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            site.wait_for_request(HELD_ARTICLE)

            def half_written() -> bool:
                parts = [p for p in out.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)]
                return bool(parts) and parts[0].stat().st_size > 0

            _wait_for(half_written, proc)  # items are being written ... elsewhere
            assert out.read_text() == '{"previous": true}\n'
        finally:
            site.release()
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()[-3000:]
    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(items) == len(BULK_ARTICLES) + 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["items.jsonl"]
