"""atomic_write replaces a file in one step, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.feeds.atomic import atomic_write


def test_the_file_appears_only_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "feed.json"
    target.write_text("old")

    with atomic_write(target) as handle:
        handle.write(b"new")
        assert target.read_text() == "old"  # a reader still sees the previous file

    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["feed.json"]


def test_an_error_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "feed.json"
    target.write_text("old")

    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write(b"half")
        raise RuntimeError("crawl died")

    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.json"]
