"""``newsbot demo`` end to end: a real crawl of the bundled newsroom, in a subprocess.

One run (module fixture) is shared by the assertions; a second run in the same
directory, without ``-o``, checks that a repeated demo gives the full set again.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsbot.dedup.stage import DedupStage
from newsbot.dedup.store import open_store
from newsbot.demo.sources import OUTLETS
from newsbot.schema import article_schema

SUMMARY = re.compile(
    r"^newsbot demo: pages (\d+), items (\d+), duplicates dropped (\d+), errors (\d+) -> (\S+)$",
    re.M,
)
BIKE_LANES = "/ledger/news/council-approves-riverfront-bike-lanes/"
EXACT_COPIES = [
    # One page under two URLs: its permalink and the old numeric one (same canonical).
    (BIKE_LANES, "/ledger/archives/2291/"),
    # One AP story, word for word, on two outlets under their own URLs.
    (
        "/wire/ap/kenya-rangers-count-record-number-of-black-rhinos-idCP9W3E6/",
        "/herald/en/news/kenya-counts-record-number-of-black-rhinos",
    ),
]
SYNDICATED = {
    "eu-grid": [
        "/wire/reuters/eu-energy-ministers-back-grid-battery-fund-idCP4K8Q2/",
        "/harbour/news/europe-puts-40-billion-euros-behind-grid-batteries-10482.html",
        "/dispatch/world/482913",
    ],
    "stl-fire": [
        "/metro/nation/warehouse-fire-forces-evacuations-along-st-louis-riverfront/",
        "/herald/en/news/st-louis-warehouse-blaze-drives-900-from-homes",
    ],
    "mindoro-ferry": [
        "/wire/afp/ferry-with-160-aboard-runs-aground-off-mindoro-all-rescued-idCP7M2D9/",
        "/ledger/world/ferry-runs-aground-in-philippines-160-rescued/",
    ],
}


@dataclass
class DemoRun:
    returncode: int
    stdout: str
    stderr: str
    items: list[dict[str, Any]]
    requests: list[str]
    """``METHOD PATH STATUS`` lines of the demo server's access log."""

    def summary(self) -> tuple[int, int, int, int, str]:
        match = SUMMARY.search(self.stdout)
        assert match, self.stdout + self.stderr
        pages, items, dups, errors, output = match.groups()
        return int(pages), int(items), int(dups), int(errors), output

    def paths(self) -> list[str]:
        return [re.sub(r"^https?://[^/]+", "", item["url"]) for item in self.items]


def run_demo(cwd: Path, *args: str) -> DemoRun:
    log = cwd / "access.log"
    proc = subprocess.run(
        [sys.executable, "-m", "newsbot", "demo", *args, "--access-log", str(log)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = Path(args[args.index("-o") + 1]) if "-o" in args else cwd / "items.jsonl"
    items = []
    if output.exists():
        items = [json.loads(line) for line in output.read_text("utf-8").splitlines() if line]
    requests = log.read_text("utf-8").splitlines() if log.exists() else []
    return DemoRun(proc.returncode, proc.stdout, proc.stderr, items, requests)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    cwd = tmp_path_factory.mktemp("demo")
    return run_demo(cwd, "-o", str(cwd / "items.jsonl"))


def test_demo_succeeds_and_prints_its_summary(demo: DemoRun) -> None:
    assert demo.returncode == 0, demo.stderr
    pages, items, _dups, errors, output = demo.summary()
    assert output.endswith("items.jsonl")
    assert items == len(demo.items)
    assert pages >= items >= 20
    assert errors == 0


def test_demo_items_are_valid_against_the_schema(demo: DemoRun) -> None:
    validator = jsonschema.Draft202012Validator(article_schema())
    assert len(demo.items) >= 20
    for item in demo.items:
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(item)]
        assert errors == [], item["url"]
        outlet = OUTLETS[re.sub(r"^https?://[^/]+/([^/]+)/.*", r"\1", item["url"])]
        assert (item["source"], item["siteName"]) == (outlet.name, outlet.site_name)


def test_demo_items_carry_the_wire_fields(demo: DemoRun) -> None:
    by_path = dict(zip(demo.paths(), demo.items, strict=True))
    wire = by_path[SYNDICATED["eu-grid"][0]]
    assert wire["dateline"]["agency"] == "Reuters"
    assert wire["dateline"]["place"] == "BRUSSELS"
    assert [a["name"] for a in wire["authors"]] == ["Jane Roe", "John Doe"]
    assert wire["agencies"] == ["Reuters"]
    assert wire["captions"] and wire["captions"][0]["credit"] == "REUTERS/Sam Poe"
    assert "(Reporting by" not in wire["articleBody"]
    reprint = by_path[SYNDICATED["eu-grid"][2]]
    assert reprint["dateline"]["raw"].startswith("Reuters, Brussels")
    assert "Reuters, Brussels" not in reprint["articleBody"]
    assert "Also Read" not in reprint["articleBody"]
    assert len(reprint["captions"]) == 1  # the caption is printed twice on the page
    german = by_path["/herald/de/nachrichten/leipzig-bestellt-40-neue-strassenbahnen"]
    assert german["inLanguage"] == "de"


def test_demo_never_fetches_what_it_must_not(demo: DemoRun) -> None:
    fetched = [line.split()[1] for line in demo.requests]
    assert "/robots.txt" in fetched
    assert not [p for p in fetched if p.startswith("/ledger/preview/")]  # robots.txt
    assert not [p for p in fetched if "regatta" in p]  # older than max_age_days
    assert not [p for p in fetched if "utm_" in p]  # canonicalized to the plain URL
    assert fetched.count(BIKE_LANES) == 1
    assert all(line.endswith(" 200") for line in demo.requests)


def test_demo_drops_the_exact_duplicates(demo: DemoRun) -> None:
    paths = demo.paths()
    fetched = [line.split()[1] for line in demo.requests]
    for first, second in EXACT_COPIES:
        assert first in fetched and second in fetched
        assert (first in paths) != (second in paths), (first, second)
    assert demo.summary()[2] == len(EXACT_COPIES)


def test_demo_syndicated_copies_share_a_story_id(demo: DemoRun) -> None:
    by_path = dict(zip(demo.paths(), demo.items, strict=True))
    story_ids = {}
    for story, paths in SYNDICATED.items():
        ids = {by_path[p]["storyId"] for p in paths}
        assert len(ids) == 1 and None not in ids, (story, ids)
        story_ids[story] = ids.pop()
    assert len(set(story_ids.values())) == len(SYNDICATED)
    for paths in SYNDICATED.values():  # the first copy crawled is the story's first URL
        items = [by_path[p] for p in paths]
        firsts = [item["url"] for item in items if item["duplicateOf"] is None]
        assert len(firsts) == 1, paths
        assert {item["duplicateOf"] for item in items} == {None, firsts[0]}


def test_a_second_demo_run_gives_the_full_set_again(demo: DemoRun, tmp_path: Path) -> None:
    first = demo.items
    (tmp_path / "items.jsonl").write_text("stale\n", encoding="utf-8")
    again = run_demo(tmp_path)  # default output: items.jsonl in the working directory
    assert again.returncode == 0, again.stderr
    assert len(again.items) == len(first)
    assert not (tmp_path / ".newsbot").exists()  # the demo's state lives in a temp dir


def test_demo_copies_are_what_the_dedup_stage_recognizes(demo: DemoRun, tmp_path: Path) -> None:
    """The demo's data, through the dedup stage itself: every copy is recognized."""
    stage = DedupStage(open_store(f"sqlite:///{(tmp_path / 'store.sqlite').as_posix()}"))
    pairs = zip(demo.paths(), demo.items, strict=True)
    verdicts = {path: stage.check(item) for path, item in pairs}
    for paths in SYNDICATED.values():
        assert len({verdicts[p].story_id for p in paths}) == 1, paths
        kinds = sorted(verdicts[p].kind for p in paths)
        assert kinds == ["near_duplicate"] * (len(paths) - 1) + ["new"], paths
    for pair in EXACT_COPIES:
        kinds = sorted(verdicts[p].kind for p in pair if p in verdicts)
        assert kinds in (["new"], ["exact_duplicate", "new"], ["new", "url_duplicate"]), pair
