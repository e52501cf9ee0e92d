"""Every ``NEWSBOT_*`` setting is in the README's Settings table, with its default."""

from __future__ import annotations

from pathlib import Path

from newsbot import settings

README = Path(__file__).resolve().parents[1] / "README.md"


def settings_table() -> dict[str, str]:
    section = README.read_text(encoding="utf-8").split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| `")]
    return {cells[1].strip().strip("`"): cells[2].strip() for cells in rows}


def test_every_newsbot_setting_is_documented_in_the_readme() -> None:
    names = {name for name in vars(settings) if name.startswith("NEWSBOT_")}
    assert names, "no NEWSBOT_ settings found"
    missing = names - set(settings_table())
    assert not missing, f"add these to the README's Settings table: {sorted(missing)}"


def test_no_documented_setting_is_gone() -> None:
    names = {name for name in vars(settings) if name.startswith("NEWSBOT_")}
    assert set(settings_table()) <= names
