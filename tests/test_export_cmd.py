"""`newsbot export` writes a feed from the article store, atomically, and rejects bad options
with one line and exit status 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsbot.cli import main
from newsbot.cli._since import parse_since
from newsbot.dedup.store import open_store
from newsbot.errors import UsageError
from newsbot.item import Article

NOW = datetime.now(UTC).replace(microsecond=0)


def stored(
    n: int, hours_ago: float, source: str = "wire", agencies: tuple[str, ...] = ()
) -> dict[str, Any]:
    published = (NOW - timedelta(hours=hours_ago)).isoformat()
    return Article(
        url=f"https://{source}.test/story-{n}",
        source=source,
        articleBody=f"Body of story {n}.",
        headline=f"Story {n}",
        agencies=list(agencies),
        datePublished=published,
        fetchedAt=NOW.isoformat(),
    ).to_dict()


@pytest.fixture
def store_uri(tmp_path: Path) -> Iterator[str]:
    uri = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(uri)
    store.put_article(stored(1, 1, agencies=("Reuters",)))
    store.put_article(stored(2, 5, agencies=("AP",)))
    store.put_article(stored(3, 30, source="outlet", agencies=("Reuters",)))
    store.close()
    yield uri


@pytest.fixture(scope="module")
def validator(data_dir: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((data_dir / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def export(store_uri: str, out: Path, *options: str) -> int:
    """Run ``newsbot export``; argparse's own errors exit, so take their status too."""
    try:
        return main(["export", "--store", store_uri, "-o", str(out), *options])
    except SystemExit as exc:
        return int(exc.code or 0)


def titles(feed_path: Path) -> list[str]:
    return [item["title"] for item in json.loads(feed_path.read_text())["items"]]


def test_the_whole_store_as_a_valid_json_feed_newest_first(
    store_uri: str, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    out = tmp_path / "feed.json"

    assert export(store_uri, out) == 0

    feed = json.loads(out.read_text())
    validator.validate(feed)
    assert titles(out) == ["Story 1", "Story 2", "Story 3"]
    assert feed["items"][0]["_newsbot"]["agencies"] == ["Reuters"]


def test_json_lines_gives_the_article_items(store_uri: str, tmp_path: Path) -> None:
    out = tmp_path / "items.jsonl"

    assert export(store_uri, out, "--format", "jsonl") == 0

    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["headline"] for r in rows] == ["Story 1", "Story 2", "Story 3"]
    assert rows[0] == stored(1, 1, agencies=("Reuters",))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--since", "2h"], ["Story 1"]),
        (["--since", "1d"], ["Story 1", "Story 2"]),
        (["--since", (NOW - timedelta(hours=6)).isoformat()], ["Story 1", "Story 2"]),
        (["--source", "outlet"], ["Story 3"]),
        (["--agency", "Reuters"], ["Story 1", "Story 3"]),
        (["--agency", "Reuters", "--since", "1d"], ["Story 1"]),
        (["--limit", "2"], ["Story 1", "Story 2"]),
        (["--source", "nobody"], []),
    ],
)
def test_filters(store_uri: str, tmp_path: Path, options: list[str], expected: list[str]) -> None:
    out = tmp_path / "feed.json"

    assert export(store_uri, out, *options) == 0

    assert titles(out) == expected


def test_an_empty_store_gives_a_valid_empty_feed(
    tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    out = tmp_path / "feed.json"

    assert export(f"sqlite:///{tmp_path / 'empty.sqlite'}", out) == 0

    feed = json.loads(out.read_text())
    validator.validate(feed)
    assert feed["items"] == []


def test_a_failed_export_leaves_the_previous_feed(
    store_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "feed.json"
    assert export(store_uri, out) == 0
    previous = out.read_text()

    def broken(self: object, **filters: object) -> Iterator[dict[str, Any]]:
        yield stored(9, 0)
        raise RuntimeError("store went away mid-export")

    monkeypatch.setattr("newsbot.dedup.store.sqlite.SQLiteStore.iter_articles", broken)
    with pytest.raises(RuntimeError):
        export(store_uri, out)

    assert out.read_text() == previous  # a reader never sees half a feed
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".feed.json")]  # no temp file


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--since", "yesterday"], "--since 'yesterday'"),
        (["--since", "2 fortnights"], "--since '2 fortnights'"),
        (["--format", "rss"], "invalid choice: 'rss'"),
        (["--limit", "0"], "must be at least 1"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    store_uri: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    status = export(store_uri, tmp_path / "feed.json", *options)

    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert err.count("\n") == 1 and err.startswith("newsbot: error: ")
    assert not (tmp_path / "feed.json").exists()


@pytest.mark.parametrize("where", ["no/such/dir/feed.json", "a-file/feed.json", "."])
def test_an_unwritable_output_is_one_line_and_exit_2(
    store_uri: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    (tmp_path / "a-file").write_text("not a directory")

    status = export(store_uri, tmp_path / where)

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("newsbot: error: can't write ") and err.count("\n") == 1


def test_parse_since_reads_durations_and_iso_dates() -> None:
    now = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)

    assert parse_since("2h", now) == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert parse_since("30m", now) == datetime(2026, 11, 27, 11, 30, tzinfo=UTC)
    assert parse_since("1w", now) == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert parse_since("2026-11-01", now) == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("2026-11-01T09:00:00+01:00", now) == datetime(2026, 11, 1, 8, tzinfo=UTC)
    with pytest.raises(UsageError):
        parse_since("-2h", now)


def test_dash_writes_the_feed_to_stdout_with_a_title(
    store_uri: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    status = main(["export", "--store", store_uri, "--title", "Wire desk", "-o", "-"])

    feed = json.loads(capsysbinary.readouterr().out)
    assert status == 0
    assert feed["title"] == "Wire desk"
    assert [item["title"] for item in feed["items"]] == ["Story 1", "Story 2", "Story 3"]
