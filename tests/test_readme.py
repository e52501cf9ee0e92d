"""The README's quick start: two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"


def quick_start_commands() -> list[str]:
    """The lines of the first ```sh block under the "Quick start" heading."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^##\s+Quick start\s*$(.*?)(?=^##\s|\Z)", text, re.M | re.S)
    assert section, "README.md has no '## Quick start' section"
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", section.group(1), re.M | re.S)
    assert len(blocks) == 1, "the quick start holds exactly one code block"
    lang, body = blocks[0]
    assert lang == "sh"
    return [line for line in body.splitlines() if line.strip()]


def test_quick_start_is_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert not any(c.rstrip().endswith("\\") for c in commands), "one command per line"


def test_quick_start_comes_first() -> None:
    headings = re.findall(r"^##\s+(.+?)\s*$", README.read_text(encoding="utf-8"), re.M)
    assert headings and headings[0] == "Quick start"


def test_first_command_runs_the_demo() -> None:
    setup_and_demo = quick_start_commands()[0]
    assert "pip install" in setup_and_demo
    assert re.search(r"newsbot demo\s*$", setup_and_demo)


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = quick_start_commands()[1]
    assert "pytest" in test_command
    ci_lines = [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]
    assert test_command.strip() in ci_lines
