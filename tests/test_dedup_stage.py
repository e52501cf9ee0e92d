"""The dedup decision on wire copy: exact copies, syndicated near-copies, hard negatives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from newsbot.dedup.stage import DedupStage, Verdict
from newsbot.dedup.store import Store, open_store

STORY = [
    "A fire tore through a six-storey garment factory in Gazipur on Sunday, killing at least "
    "10 workers and injuring 21, firefighters said, in the latest deadly industrial accident.",
    "The fire started on the ground floor, where chemicals and fabric were stored, and spread "
    "quickly up a single staircase, according to Sohel Sheikh, a senior fire official.",
    '"Our teams could not get the ladders close because of the narrow lane outside," Sheikh '
    "said at the scene as crews cooled the smouldering building.",
    "Seventeen fire engines took more than three hours to bring the blaze under control. Some "
    "workers jumped from windows to escape and were taken to hospital with broken bones.",
    "The industrial belt around Gazipur is home to hundreds of factories that supply "
    "international brands, and has a long history of deadly fires and building collapses.",
    "Survivors said an alarm had sounded but that supervisors told workers to keep working, "
    "believing it was a false alarm, a claim the factory owners could not be reached about.",
    "Industry associations said they would inspect member factories in the area and called "
    "for tougher penalties for owners who break safety rules.",
]
OTHER_EVENT = [
    "Fire gutted a chemical warehouse in Gazipur on Thursday, forcing the evacuation of two "
    "nearby schools, though no one was hurt, officials said after the blaze was contained.",
    "Residents reported a series of explosions shortly before dawn, and thick black smoke "
    "drifted across the highway for several hours, slowing traffic towards the capital.",
    '"Our teams could not get the ladders close because of the narrow lane outside," Sheikh '
    "said at the scene as crews cooled the smouldering building.",
    "The warehouse stored solvents for dyeing mills, and inspectors had flagged its storage "
    "practices twice last year, according to documents seen by reporters.",
    "The industrial belt around Gazipur is home to hundreds of factories that supply "
    "international brands, and has a long history of deadly fires and building collapses.",
    "Police said they had opened an investigation and detained the warehouse manager for "
    "questioning over the licences held for the stored materials.",
]
WHEN = "2024-05-12T09:30:00+06:00"


def item(url: str, paragraphs: list[str], when: str | None = WHEN, **extra: Any) -> dict:
    return {
        "url": url,
        "source": url.split("/")[2],
        "articleBody": "\n\n".join(paragraphs),
        "datePublished": when,
        "fetchedAt": "2024-05-12T12:00:00Z",
        **extra,
    }


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield opened
    opened.close()


@pytest.fixture
def stage(store: Store) -> DedupStage:
    return DedupStage(store)


def check(stage: DedupStage, *items: dict) -> list[Verdict]:
    return [stage.check(i) for i in items]


def test_the_first_copy_is_new_and_kept(stage: DedupStage) -> None:
    (first,) = check(stage, item("https://wire.example/a", STORY))
    assert (first.kind, first.duplicate_of, first.keep) == ("new", None, True)
    assert len(first.story_id) == 16


def test_a_restyled_exact_copy_is_dropped(stage: DedupStage) -> None:
    restyled = [p.replace('"', "\u201c").upper() for p in STORY]
    first, copy = check(
        stage, item("https://wire.example/a", STORY), item("https://outlet.example/b", restyled)
    )
    assert (copy.kind, copy.story_id, copy.duplicate_of, copy.keep) == (
        "exact_duplicate",
        first.story_id,
        "https://wire.example/a",
        False,
    )


def test_a_trimmed_copy_with_a_local_paragraph_joins_the_story(stage: DedupStage) -> None:
    local = "Officials in Tongi said they would review fire exits at factories in the town."
    syndicated = [*STORY[:5], local]
    first, copy = check(
        stage, item("https://wire.example/a", STORY), item("https://outlet.example/b", syndicated)
    )
    assert (copy.kind, copy.story_id, copy.duplicate_of, copy.keep) == (
        "near_duplicate",
        first.story_id,
        "https://wire.example/a",
        True,
    )


def test_near_copies_are_dropped_under_the_drop_policy(store: Store) -> None:
    stage = DedupStage(store, near_policy="drop")
    _, copy = check(
        stage, item("https://wire.example/a", STORY), item("https://outlet.example/b", STORY[:-1])
    )
    assert (copy.kind, copy.keep) == ("near_duplicate", False)


def test_another_event_sharing_place_quote_and_background_is_a_new_story(
    stage: DedupStage,
) -> None:
    first, other = check(
        stage, item("https://wire.example/a", STORY), item("https://wire.example/b", OTHER_EVENT)
    )
    assert other.kind == "new"
    assert other.story_id != first.story_id


def test_copies_outside_the_time_window_are_not_merged(stage: DedupStage) -> None:
    _, late = check(
        stage,
        item("https://wire.example/a", STORY),
        item("https://outlet.example/b", STORY[:-1], when="2024-05-19T09:30:00Z"),
    )
    assert late.kind == "new"


def test_without_a_window_any_date_matches(store: Store) -> None:
    stage = DedupStage(store, window=None)
    _, late = check(
        stage,
        item("https://wire.example/a", STORY),
        item("https://outlet.example/b", STORY[:-1], when="2025-01-01T00:00:00Z"),
    )
    assert late.kind == "near_duplicate"


def test_items_without_a_body_are_never_duplicates(stage: DedupStage) -> None:
    verdicts = check(stage, *(item(f"https://x.example/{i}", []) for i in range(3)))
    assert [v.kind for v in verdicts] == ["new"] * 3
    assert len({v.story_id for v in verdicts}) == 3


def test_the_canonical_url_and_the_fetched_url_both_count_as_seen(stage: DedupStage) -> None:
    first = item(
        "https://outlet.example/amp/a?utm_source=x", STORY, canonicalUrl="https://outlet.example/a"
    )
    again = item("https://OUTLET.example/a#top", STORY[:2])
    _, repeat = check(stage, first, again)
    assert (repeat.kind, repeat.duplicate_of) == ("url_duplicate", "https://outlet.example/a")
    assert stage.store.has_url("https://outlet.example/amp/a")


def test_story_ids_are_stable_across_runs_and_stores(tmp_path: Path) -> None:
    ids = []
    for run in ("one", "two"):
        store = open_store(f"sqlite:///{tmp_path / run / 'store.sqlite'}")
        ids.append(DedupStage(store).check(item("https://wire.example/a", STORY)).story_id)
        store.close()
    assert ids[0] == ids[1]
    reopened = open_store(f"sqlite:///{tmp_path / 'one' / 'store.sqlite'}")
    later = DedupStage(reopened).check(item("https://outlet.example/b", STORY[:-1]))
    reopened.close()
    assert (later.kind, later.story_id) == ("near_duplicate", ids[0])


def test_a_bad_policy_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="near_policy"):
        DedupStage(store, near_policy="merge")
    assert DedupStage(store, window=timedelta(hours=1)).window == 3600
