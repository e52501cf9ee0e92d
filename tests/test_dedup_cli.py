"""``newsbot dedup`` and ``newsbot store``, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.cli import main

WIRE = [
    "Ministers from eleven countries signed an agreement in Tallinn on Thursday to jointly "
    "buy air-defence missiles worth about 8.6 billion euros, to speed up deliveries.",
    "Under the deal, a lead nation will negotiate contracts on behalf of the group and "
    "factories will receive multi-year orders, which manufacturers say they need.",
    "Officials said the first contracts could be signed by the end of the year, with "
    "deliveries starting in 2026. Each country remains free to decide how many it buys.",
    "The ministers also discussed training programmes and the sharing of maintenance "
    "facilities, according to a joint statement released after the meeting.",
    "A working group will report back within six months on standardising specifications so "
    "that equipment bought by one member can be used by the others.",
]


def item(url: str, paragraphs: list[str], source: str = "wire") -> dict:
    return {
        "url": url,
        "source": source,
        "articleBody": "\n\n".join(paragraphs),
        "datePublished": "2024-04-25T11:25:02+06:00",
        "fetchedAt": "2024-04-25T06:00:00Z",
        "agencies": ["AFP"],
    }


ITEMS = [
    item("https://afp.example/pact", WIRE),
    item(
        "https://daily.example/world/1",
        [*WIRE[:4], "A local maker hopes to win orders."],
        source="daily",
    ),
    item("https://herald.example/pact", [p.upper() for p in WIRE], source="herald"),
    item("https://afp.example/pact", WIRE),
]


def newsbot(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbot", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def newsbot_here(
    *args: str, cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """The same command in this process (quicker than a subprocess for the small checks)."""
    monkeypatch.chdir(cwd)
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "in.jsonl").write_text(
        "".join(json.dumps(i) + "\n" for i in ITEMS), encoding="utf-8"
    )
    return tmp_path


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dedup_keeps_the_story_once_and_marks_the_near_copy(workdir: Path) -> None:
    run = newsbot(
        "dedup", "in.jsonl", "-o", "out.jsonl", "--store", "sqlite:///s.sqlite", cwd=workdir
    )
    assert run.returncode == 0, run.stderr
    out = read(workdir / "out.jsonl")
    assert [o["url"] for o in out] == ["https://afp.example/pact", "https://daily.example/world/1"]
    assert out[0]["storyId"] == out[1]["storyId"]
    assert [o["duplicateOf"] for o in out] == [None, "https://afp.example/pact"]
    assert "4 items" in run.stderr


def test_keep_all_writes_every_item_with_its_story(workdir: Path) -> None:
    run = newsbot(
        "dedup",
        "in.jsonl",
        "-o",
        "all.jsonl",
        "--keep-all",
        "--store",
        "sqlite:///s.sqlite",
        cwd=workdir,
    )
    assert run.returncode == 0, run.stderr
    out = read(workdir / "all.jsonl")
    assert len(out) == 4
    assert len({o["storyId"] for o in out}) == 1
    assert [o["duplicateOf"] for o in out] == [
        None,
        "https://afp.example/pact",
        "https://afp.example/pact",
        "https://afp.example/pact",
    ]


def test_a_second_run_against_the_same_store_writes_nothing(workdir: Path) -> None:
    assert newsbot("dedup", "in.jsonl", "-o", "one.jsonl", cwd=workdir).returncode == 0
    run = newsbot("dedup", "in.jsonl", "-o", "two.jsonl", cwd=workdir)
    assert run.returncode == 0, run.stderr
    assert read(workdir / "one.jsonl") != []
    assert read(workdir / "two.jsonl") == []
    assert "4 url duplicate" in run.stderr
    assert (workdir / ".newsbot" / "store.sqlite").is_file()  # the default store, in the cwd


def test_store_stats_and_reset(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def here(*args: str) -> tuple[int, str, str]:
        return newsbot_here(
            *args,
            "--store",
            "sqlite:///s.sqlite",
            cwd=workdir,
            capsys=capsys,
            monkeypatch=monkeypatch,
        )

    assert here("dedup", "in.jsonl", "-o", "out.jsonl")[0] == 0
    status, out, _ = here("store", "stats")
    assert status == 0
    assert "stories    1" in out
    assert "articles   2" in out
    assert any(line.split()[:2] == ["daily", "1"] for line in out.splitlines())
    assert here("store", "reset", "--source", "daily")[0] == 0
    assert "articles   1" in here("store", "stats")[1]
    assert here("store", "reset")[0] == 0
    assert "urls       0" in here("store", "stats")[1]


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["dedup", "missing.jsonl", "-o", "out.jsonl"], None, "can't read missing.jsonl"),
        (["dedup", "bad.jsonl", "-o", "out.jsonl"], "{not json\n", "bad.jsonl:1: not JSON"),
        (["dedup", "bad.jsonl", "-o", "out.jsonl"], '{"source": "x"}\n', "no url"),
        (["dedup", "bad.jsonl", "-o", "nodir/out.jsonl"], "", "can't write"),
        (["store", "stats", "--store", "sqlite:///bad.jsonl"], "x" * 200, "not a SQLite file"),
        (["store", "stats", "--store", "mysql://db"], None, "unknown store URI"),
    ],
)
def test_bad_inputs_give_one_line_and_a_failure_status(
    workdir: Path,
    args: list[str],
    content: str | None,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if content is not None:
        (workdir / "bad.jsonl").write_text(content, encoding="utf-8")
    status, _, err = newsbot_here(*args, cwd=workdir, capsys=capsys, monkeypatch=monkeypatch)
    assert status != 0
    assert err.count("\n") == 1, err
    assert message in err
    assert not (workdir / "out.jsonl").exists()
