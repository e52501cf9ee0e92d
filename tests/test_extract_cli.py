"""`newsbot extract`: one JSON line per input, in input order; failures are lines too."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from newsbot.schema import article_schema

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
SEED = GOLDEN / "seed-page.html"
SEED_URL = (
    "https://daily-example.test/international/2014/12/04/jt-airstrikes-inflict-heavy-damage-on-is"
)


def run_extract(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbot", "extract", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_a_saved_page_gives_one_valid_item_with_its_input() -> None:
    result = run_extract(str(SEED), "--url", SEED_URL)
    assert result.returncode == 0, result.stderr
    [item] = lines(result.stdout)
    assert item.pop("input") == str(SEED)
    assert item["headline"] == "Jt airstrikes inflict heavy damage on IS"
    assert item["url"] == SEED_URL
    jsonschema.validate(item, article_schema())


def test_without_url_a_saved_page_takes_its_canonical_url() -> None:
    result = run_extract(str(SEED))
    assert result.returncode == 0, result.stderr
    [item] = lines(result.stdout)
    assert item["url"] == SEED_URL


def test_a_gzipped_page_reads_like_the_plain_one(tmp_path: Path) -> None:
    packed = tmp_path / "seed.html.gz"
    packed.write_bytes(gzip.compress(SEED.read_bytes()))
    plain, gz = run_extract(str(SEED)), run_extract(str(packed))
    assert gz.returncode == 0, gz.stderr
    [a], [b] = lines(plain.stdout), lines(gz.stdout)
    assert a["articleBody"] == b["articleBody"]


def test_a_missing_file_is_an_error_line_and_exit_status_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    result = run_extract(str(missing))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = lines(result.stdout)
    assert line["input"] == str(missing)
    assert "cannot read" in str(line["error"])


def test_lines_keep_input_order_and_failures_do_not_stop_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    inputs = [str(empty), str(SEED), str(broken), str(SEED)]
    result = run_extract(*inputs)
    assert result.returncode == 1
    out = lines(result.stdout)
    assert [line["input"] for line in out] == inputs
    assert ["error" in line for line in out] == [True, False, True, False]


def test_output_file_gets_the_lines(tmp_path: Path) -> None:
    target = tmp_path / "items.jsonl"
    result = run_extract(str(SEED), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    [item] = lines(target.read_text(encoding="utf-8"))
    assert item["input"] == str(SEED)


def test_an_unreachable_url_is_an_error_line() -> None:
    # Port 9 on loopback: nothing listens there, and the test guard allows loopback.
    result = run_extract("http://127.0.0.1:9/article.html")
    assert result.returncode == 1
    [line] = lines(result.stdout)
    assert "cannot fetch" in str(line["error"])
