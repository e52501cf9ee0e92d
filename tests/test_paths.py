"""Names become file names through one function, and never escape their directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy.extensions.feedexport import apply_uri_params

from newsbot.paths import feed_uri_params, safe_join, safe_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reuters", "reuters"),
        ("ap-news_2.world", "ap-news_2.world"),
        ("../../x", "_._.._x"),
        ("/etc/passwd", "_etc_passwd"),
        ("..", "_."),
        (".", "_"),
        ("", "_"),
        ("a\\b", "a_b"),
        ("C:\\Windows", "C_Windows"),
        ("le monde", "le_monde"),
        ("süddeutsche", "suddeutsche"),
        ("x\x00y", "x_y"),
        ("CON", "_CON"),
        ("nul.jsonl", "_nul.jsonl"),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_safe_name_bounds_the_length() -> None:
    assert len(safe_name("a" * 10_000)) == 120


@given(st.text())
def test_safe_name_is_always_one_harmless_component(name: str) -> None:
    result = safe_name(name)
    assert result
    assert "/" not in result and "\\" not in result and "\x00" not in result
    assert not result.startswith(".")
    assert Path(result).name == result
    assert safe_name(result) == result  # idempotent


@given(st.text())
def test_safe_join_stays_inside_the_directory(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    base = tmp_path_factory.getbasetemp() / "out"
    assert safe_join(base, name).parent == base.resolve()


def test_feed_uri_template_with_a_hostile_source_name(tmp_path: Path) -> None:
    params = feed_uri_params({"name": "../../x", "time": "t"}, object())
    uri = apply_uri_params(str(tmp_path / "out" / "%(name)s.jsonl"), params)
    assert Path(uri).resolve().parent == (tmp_path / "out").resolve()
    assert Path(uri).name == "_._.._x.jsonl"


def test_the_project_settings_sanitize_feed_uri_names() -> None:
    from newsbot import settings

    assert settings.FEED_URI_PARAMS == "newsbot.paths.feed_uri_params"


def test_a_path_as_a_source_name_is_an_unknown_source(tmp_path: Path) -> None:
    """Source names are file stems checked by the loader; a path never reaches the disk."""
    import subprocess
    import sys

    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "newsbot", "crawl", "../../x", "-o", str(out / "%(name)s.jsonl")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("newsbot: error: unknown source '../../x'")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
