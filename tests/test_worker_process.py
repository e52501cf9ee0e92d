"""The extraction pool's own pipes: multiprocessing's framing both ways, and a pool that
matches every outcome to its page, passes a worker's exception on with its traceback,
carries a page larger than a pipe holds, and leaves no process behind."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
from collections import deque
from types import SimpleNamespace
from typing import Any

import pytest

from newsbot.item import FetchedPage
from newsbot.pipelines import pool as pool_module
from newsbot.pipelines.pool import ExtractionPool, WorkerCrash
from newsbot.pipelines.worker_process import Call, frame_header, split_frames


def test_whole_messages_come_off_the_buffer_in_order_and_a_partial_one_stays() -> None:
    stream = frame_header(5) + b"first" + frame_header(0) + frame_header(6) + b"second"
    buffer = bytearray()
    got: list[bytes] = []
    for byte in stream[:-2]:  # one byte at a time, the last message two bytes short
        buffer.append(byte)
        got += split_frames(buffer)
    assert got == [b"first", b""]
    buffer += stream[-2:]
    assert split_frames(buffer) == [b"second"]
    assert buffer == bytearray()


def test_a_length_beyond_31_bits_goes_after_a_minus_one() -> None:
    assert frame_header(2**31) == b"\xff\xff\xff\xff" + (2**31).to_bytes(8, "big")
    buffer = bytearray(b"\xff\xff\xff\xff" + (4).to_bytes(8, "big") + b"long")
    assert split_frames(buffer) == [b"long"]


@pytest.mark.parametrize("size", [10, 300_000])
def test_the_framing_is_multiprocessings_own(size: int) -> None:
    # What a worker sends with Connection.send_bytes, the crawl splits; what the crawl
    # writes with frame_header, a worker reads with Connection.recv_bytes.
    reader, writer = multiprocessing.Pipe(duplex=False)
    payload = os.urandom(size)
    try:
        sender = threading.Thread(target=writer.send_bytes, args=(payload,))
        sender.start()
        buffer = bytearray()
        messages: list[bytes] = []
        while not messages:
            buffer += os.read(reader.fileno(), 1 << 16)
            messages = split_frames(buffer)
        sender.join()
        assert messages == [payload]

        sender = threading.Thread(
            target=os.write, args=(writer.fileno(), frame_header(size) + payload)
        )
        sender.start()
        assert reader.recv_bytes() == payload
        sender.join()
    finally:
        reader.close()
        writer.close()


# In a subprocess: the forkserver and workers it starts must not outlive the check.
POOL = """
import asyncio, json, os
from newsbot.item import FetchedPage
from newsbot.pipelines.pool import ExtractionPool

PAGE = '''<html><head><title>Plan {n}</title>{extra}</head><body><article>
<h1>Council approves plan number {n}</h1>
<p>The city council approved plan number {n} on Thursday after a debate that ran late
into the evening, officials said, and the new routes start in the spring.</p>
<p>Residents who spoke at the meeting were divided, and several said they would take the
matter to the regional court if the council did not reconsider plan {n}.</p>
</article></body></html>'''

def children():
    found = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as listing:
            found += [int(pid) for pid in listing.read().split()]
    return found

def page(n, html):
    return FetchedPage(url=f"https://a.example/{n}", source="a", body=html.encode(),
                       encoding="utf-8", fetchedAt="2024-05-01T10:00:00Z")

async def outcome(pool, fetched):
    try:
        article = await pool.extract(fetched)
    except Exception as exc:
        return {"error": type(exc).__name__, "cause": str(exc.__cause__)}
    return {"url": article.url, "headline": article.headline}

async def main():
    pool = ExtractionPool(2)
    pool.start()
    pages = [page(n, PAGE.format(n=n, extra="")) for n in range(20)]
    pages.append(page(20, "<html><body><nav>Home</nav></body></html>"))
    # about 1.5 MB of script before the article: cut short, the page would have no text
    script = "<script>var data = '" + "0123456789abcdef" * 96_000 + "';</script>"
    pages.append(page(21, PAGE.format(n=21, extra=script)))
    results = await asyncio.gather(*(outcome(pool, p) for p in pages))
    pool.close()
    return results

results = asyncio.run(main())
print(json.dumps({"results": results, "children": children()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_pool_matches_outcomes_to_pages_and_leaves_no_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", POOL], capture_output=True, text=True, timeout=180, check=True
    )
    report = json.loads(done.stdout)
    results = report["results"]
    for n, result in enumerate(results[:20]):
        assert result["url"] == f"https://a.example/{n}"
        assert result["headline"] == f"Council approves plan number {n}"
    # An exception in a worker arrives as itself, its worker-side traceback as its cause.
    assert results[20]["error"] == "NoArticleError"
    assert "Traceback" in results[20]["cause"]
    assert "newsbot/extraction/article.py" in results[20]["cause"]
    # A page larger than the pipe holds goes through whole.
    assert results[21]["headline"] == "Council approves plan number 21"
    assert report["children"] == []


class _Rebuilt(Exception):
    def __init__(self, url: str, status: int) -> None:  # pickles, but won't unpickle
        super().__init__(f"{url}: {status}")


def test_an_outcome_that_cannot_be_read_fails_its_page_alone() -> None:
    loop = asyncio.new_event_loop()
    try:
        page = FetchedPage(
            url="https://a.example/1", source="a", body=b"", encoding="utf-8", fetchedAt=""
        )
        unreadable = Call(page, False, False, loop.create_future())
        readable = Call(page, False, False, loop.create_future())
        worker: Any = SimpleNamespace(calls=deque([unreadable, readable]))
        pool = ExtractionPool(1)
        pool._outcome(worker, pickle.dumps((False, (_Rebuilt("u", 1), "Traceback ..."))))
        pool._outcome(worker, pickle.dumps((False, (ValueError("bad page"), "Traceback ..."))))
        with pytest.raises(RuntimeError, match="unreadable outcome"):
            unreadable.future.result()
        with pytest.raises(ValueError, match="bad page") as raised:
            readable.future.result()
        assert str(raised.value.__cause__) == "Traceback ..."
    finally:
        loop.close()


def test_workers_that_cannot_start_fail_every_page_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cannot_start(allocator: str) -> None:
        raise OSError("no forkserver today")

    monkeypatch.setattr(pool_module, "WorkerProcess", cannot_start)
    pool = ExtractionPool(2)
    page = FetchedPage(
        url="https://a.example/1", source="a", body=b"", encoding="utf-8", fetchedAt=""
    )

    async def twice() -> list[str]:
        errors = []
        for _ in range(2):
            with pytest.raises(WorkerCrash) as raised:
                await asyncio.wait_for(pool.extract(page), timeout=60)
            errors.append(str(raised.value))
        return errors

    errors = asyncio.run(twice())
    pool.close()
    assert errors == ["no extraction worker could be started: OSError('no forkserver today')"] * 2
