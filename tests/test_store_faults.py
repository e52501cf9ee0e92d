"""A store that can't be used is refused at open, quickly and clearly; writers never lose keys."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsbot.dedup.store import SCHEMA_VERSION, open_store
from newsbot.errors import StoreError


def sqlite_uri(path: Path) -> str:
    return f"sqlite:///{path}"


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is a feed, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a SQLite file"):
        open_store(sqlite_uri(path))
    assert path.read_bytes().startswith(b"this is a feed")


def test_a_corrupt_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    open_store(sqlite_uri(path)).close()
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # keep the header, wreck every page
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"corrupt|another program"):
        open_store(sqlite_uri(path))


def test_another_program_s_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (name TEXT)")
    db.close()
    with pytest.raises(StoreError, match="another program"):
        open_store(sqlite_uri(path))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("users",)]
    db.close()


def test_a_store_from_a_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    open_store(sqlite_uri(path)).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (SCHEMA_VERSION + 1,))
    db.close()
    with pytest.raises(StoreError, match="newer than this newsbot"):
        open_store(sqlite_uri(path))


@pytest.mark.redis
def test_a_redis_store_from_a_newer_schema_version_is_refused(redis_uri: str) -> None:
    import redis

    namespace = redis_uri.rsplit("namespace=", 1)[1]
    client = redis.Redis.from_url(redis_uri.split("?")[0])
    client.hset(f"{namespace}:meta", "schema_version", SCHEMA_VERSION + 1)
    try:
        with pytest.raises(StoreError, match="newer than this newsbot"):
            open_store(redis_uri)
    finally:
        client.delete(f"{namespace}:meta")
        client.close()


def test_an_unreachable_redis_is_an_error_within_seconds() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        started = time.monotonic()
        with pytest.raises(StoreError, match="can't reach the Redis store"):
            open_store(f"redis://127.0.0.1:{port}/0")
    assert time.monotonic() - started < 5


def test_a_missing_redis_client_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(StoreError, match=r"newsbot\[redis\]"):
        open_store("redis://127.0.0.1:1/0")


def test_an_unknown_scheme_is_an_error() -> None:
    with pytest.raises(StoreError, match="unknown store URI"):
        open_store("postgres://localhost/newsbot")


WRITER = """
import sys
from newsbot.dedup.store import DocRecord, open_store
store = open_store(sys.argv[1])
name = sys.argv[2]
for i in range(int(sys.argv[3])):
    url = f"https://{name}.example/{i}"
    record = DocRecord(url=url, source=name, story_id=url, published=None, shingles=b"",
                       fingerprint=f"{abs(hash(url)):x}")
    assert store.check_and_add(record, lambda doc, candidates: None).kind == "new"
store.close()
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    uri = sqlite_uri(tmp_path / "store.sqlite")
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, uri, name, "10000"])
        for name in ("one", "two")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    store = open_store(uri)
    try:
        stats = store.stats()
        assert (stats.urls, stats.documents) == (20_000, 20_000)
        assert {s: p["urls"] for s, p in stats.per_source.items()} == {"one": 10_000, "two": 10_000}
        assert store.has_url("https://one.example/9999")
        assert store.has_url("https://two.example/0")
    finally:
        store.close()
