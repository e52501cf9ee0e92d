"""One contract for every store backend: SQLite, and Redis on a real redis-server."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.dedup.store import Decision, DocRecord, Store, open_store


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def store_uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    uri: str = request.getfixturevalue("redis_uri")
    return uri


@pytest.fixture
def store(store_uri: str) -> Iterator[Store]:
    opened = open_store(store_uri)
    yield opened
    opened.reset()
    opened.close()


def doc(
    url: str,
    *,
    fp: str | None = None,
    bands: Sequence[int] = (),
    story: str = "",
    source: str = "wire",
    aliases: Sequence[str] = (),
) -> DocRecord:
    return DocRecord(
        url=url,
        source=source,
        story_id=story or f"story-of-{url}",
        published=1_700_000_000.0,
        shingles=b"\x01\x00\x00\x00",
        fingerprint=fp,
        band_keys=tuple(bands),
        aliases=tuple(aliases),
    )


def never(doc: DocRecord, candidates: Sequence[DocRecord]) -> DocRecord | None:
    return None


def first(doc: DocRecord, candidates: Sequence[DocRecord]) -> DocRecord | None:
    return candidates[0] if candidates else None


def test_a_new_page_starts_its_story_and_its_urls_become_seen(store: Store) -> None:
    assert not store.has_url("https://a.example/1")
    decision = store.check_and_add(
        doc("https://a.example/1", fp="aa", aliases=["https://a.example/1?amp"]), never
    )
    assert (decision.kind, decision.story_id, decision.duplicate_of) == (
        "new",
        "story-of-https://a.example/1",
        None,
    )
    assert store.has_url("https://a.example/1")
    assert store.has_url("https://a.example/1?amp")
    assert not store.has_url("https://a.example/2")


def test_a_seen_url_is_a_url_duplicate_of_that_page(store: Store) -> None:
    store.check_and_add(doc("https://a.example/1", fp="aa"), never)
    again = store.check_and_add(doc("https://a.example/1", fp="aa", story="other"), never)
    assert (again.kind, again.story_id, again.duplicate_of) == (
        "url_duplicate",
        "story-of-https://a.example/1",
        "https://a.example/1",
    )


def test_a_known_fingerprint_is_an_exact_duplicate_and_its_url_is_recorded(store: Store) -> None:
    store.check_and_add(doc("https://a.example/1", fp="aa"), never)
    copy = store.check_and_add(doc("https://b.example/9", fp="aa", source="b"), never)
    assert (copy.kind, copy.story_id, copy.duplicate_of) == (
        "exact_duplicate",
        "story-of-https://a.example/1",
        "https://a.example/1",
    )
    assert store.has_url("https://b.example/9")


def test_candidates_share_a_band_and_a_chosen_one_makes_a_near_duplicate(store: Store) -> None:
    seen: list[list[str]] = []

    def spy(d: DocRecord, candidates: Sequence[DocRecord]) -> DocRecord | None:
        seen.append([c.url for c in candidates])
        return first(d, candidates)

    store.check_and_add(doc("https://a.example/1", fp="a1", bands=[1, 2]), spy)
    store.check_and_add(doc("https://a.example/2", fp="a2", bands=[7, 8]), spy)
    near = store.check_and_add(doc("https://c.example/3", fp="c3", bands=[2, 9]), spy)
    assert seen == [[], [], ["https://a.example/1"]]
    assert (near.kind, near.story_id, near.duplicate_of) == (
        "near_duplicate",
        "story-of-https://a.example/1",
        "https://a.example/1",
    )


def test_a_copy_of_a_copy_points_at_the_story_s_first_url(store: Store) -> None:
    store.check_and_add(doc("https://a.example/1", fp="a1", bands=[1]), first)
    store.check_and_add(doc("https://b.example/2", fp="b2", bands=[1, 5]), first)
    third = store.check_and_add(doc("https://c.example/3", fp="c3", bands=[5]), first)
    assert third.story_id == "story-of-https://a.example/1"
    assert third.duplicate_of == "https://a.example/1"


def test_a_candidate_that_is_not_chosen_leaves_a_new_story(store: Store) -> None:
    store.check_and_add(doc("https://a.example/1", fp="a1", bands=[1]), never)
    other = store.check_and_add(doc("https://b.example/2", fp="b2", bands=[1]), never)
    assert (other.kind, other.story_id) == ("new", "story-of-https://b.example/2")


def test_bodiless_pages_are_never_duplicates_of_each_other(store: Store) -> None:
    kinds = [store.check_and_add(doc(f"https://a.example/{i}"), first).kind for i in range(3)]
    assert kinds == ["new", "new", "new"]


def test_a_reused_url_with_another_article_is_not_a_url_duplicate(store: Store) -> None:
    store.check_and_add(doc("https://a.example/slug", fp="a1"), never)
    reused = store.check_and_add(doc("https://a.example/slug", fp="b2", story="s2"), never)
    same = store.check_and_add(doc("https://a.example/slug", fp="a1", story="s3"), never)
    assert (reused.kind, reused.story_id) == ("new", "s2")
    assert same.kind == "url_duplicate"


def test_state_survives_reopening(store_uri: str) -> None:
    with_state = open_store(store_uri)
    with_state.check_and_add(doc("https://a.example/1", fp="a1", bands=[3]), never)
    with_state.close()
    reopened = open_store(store_uri)
    try:
        assert reopened.has_url("https://a.example/1")
        near = reopened.check_and_add(doc("https://b.example/1", fp="b1", bands=[3]), first)
        assert near.story_id == "story-of-https://a.example/1"
    finally:
        reopened.reset()
        reopened.close()


def article(url: str, when: str, source: str = "wire", agencies: Sequence[str] = ()) -> dict:
    return {
        "url": url,
        "source": source,
        "articleBody": "x",
        "datePublished": when,
        "fetchedAt": "2024-06-01T00:00:00Z",
        "agencies": list(agencies),
    }


def test_articles_come_back_newest_first_and_filtered(store: Store) -> None:
    store.put_article(article("https://a.example/1", "2024-05-01T10:00:00Z", agencies=["AFP"]))
    store.put_article(article("https://a.example/2", "2024-05-03T10:00:00+02:00", "local"))
    store.put_article(article("https://a.example/3", "2024-05-02T10:00:00Z", agencies=["AP"]))
    urls = lambda **kw: [a["url"] for a in store.iter_articles(**kw)]  # noqa: E731
    assert urls() == ["https://a.example/2", "https://a.example/3", "https://a.example/1"]
    assert urls(limit=2) == ["https://a.example/2", "https://a.example/3"]
    assert urls(source="local") == ["https://a.example/2"]
    assert urls(agency="AFP") == ["https://a.example/1"]
    assert urls(since=datetime(2024, 5, 2, tzinfo=UTC)) == [
        "https://a.example/2",
        "https://a.example/3",
    ]


def test_putting_an_article_again_replaces_it(store: Store) -> None:
    store.put_article(article("https://a.example/1", "2024-05-01T10:00:00Z", agencies=["AFP"]))
    store.put_article(article("https://a.example/1", "2024-05-01T10:00:00Z", agencies=["AP"]))
    assert [a["agencies"] for a in store.iter_articles()] == [["AP"]]
    assert list(store.iter_articles(agency="AFP")) == []


def test_a_kept_article_is_stored_in_the_step_that_marks_its_url_seen(store: Store) -> None:
    def keep_new(decision: Decision) -> dict[str, object] | None:
        if decision.kind != "new":
            return None
        return {
            **article("https://a.example/1", "2024-05-01T10:00:00Z"),
            "storyId": decision.story_id,
        }

    first_copy = store.check_and_add(doc("https://a.example/1", fp="f1"), never, keep_new)
    again = store.check_and_add(doc("https://a.example/1", fp="f1"), never, keep_new)
    assert (first_copy.kind, again.kind) == ("new", "url_duplicate")
    assert store.has_url("https://a.example/1")
    assert [a["storyId"] for a in store.iter_articles()] == [first_copy.story_id]


def test_a_keeper_that_fails_leaves_neither_the_url_nor_the_article(store: Store) -> None:
    def broken(decision: Decision) -> dict[str, object] | None:
        raise RuntimeError("crash between the decision and the article")

    with pytest.raises(RuntimeError):
        store.check_and_add(doc("https://a.example/1", fp="f1"), never, broken)
    assert not store.has_url("https://a.example/1")
    assert list(store.iter_articles()) == []


def test_stats_count_per_source_and_reset_forgets_one_source(store: Store) -> None:
    store.check_and_add(doc("https://a.example/1", fp="a1", source="a", bands=[4]), never)
    store.check_and_add(doc("https://b.example/1", fp="b1", source="b", bands=[4]), never)
    store.put_article(article("https://a.example/1", "2024-05-01T10:00:00Z", source="a"))
    stats = store.stats()
    assert (stats.urls, stats.documents, stats.clusters, stats.articles) == (2, 2, 2, 1)
    assert stats.per_source["a"] == {"urls": 1, "documents": 1, "articles": 1}
    store.reset("a")
    assert not store.has_url("https://a.example/1")
    assert store.has_url("https://b.example/1")
    assert list(store.iter_articles()) == []
    again = store.check_and_add(doc("https://a.example/1", fp="a1", source="a", bands=[4]), first)
    assert again.duplicate_of == "https://b.example/1"
    store.reset()
    assert store.stats().documents == 0
    assert not store.has_url("https://b.example/1")


def test_two_writers_racing_on_the_same_pages_record_each_once(store_uri: str) -> None:
    stores = [open_store(store_uri) for _ in range(2)]
    pages = [doc(f"https://a.example/{i}", fp=f"{i:x}", bands=[i % 7]) for i in range(150)]
    kinds: list[list[str]] = [[], []]

    def add_all(index: int) -> None:
        kinds[index] = [stores[index].check_and_add(p, never).kind for p in pages]

    threads = [threading.Thread(target=add_all, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        per_page = [sorted(pair) for pair in zip(*kinds, strict=True)]
        assert per_page == [["new", "url_duplicate"]] * len(pages)
        assert stores[0].stats().documents == len(pages)
    finally:
        stores[0].reset()
        for opened in stores:
            opened.close()


def test_a_check_now_is_made_at_once_or_not_at_all(store: Store, store_uri: str) -> None:
    decision = store.check_and_add_now(doc("https://a.example/1"), never)
    if store_uri.startswith("redis://"):  # every check waits on the network: never at once
        assert decision is None
        assert not store.has_url("https://a.example/1")
    else:
        assert decision == Decision("new", "story-of-https://a.example/1", None)
        assert store.has_url("https://a.example/1")


def test_sqlite_checks_now_nothing_while_another_writer_holds_the_store(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = open_store(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    waited: list[Decision] = []
    try:
        other.execute("BEGIN IMMEDIATE")
        assert store.check_and_add_now(doc("https://a.example/1"), never) is None
        # A check that may wait still waits for the writer (the busy timeout is back).
        waiting = threading.Thread(
            target=lambda: waited.append(store.check_and_add(doc("https://b.example/1"), never))
        )
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive() and not waited
        other.execute("COMMIT")
        waiting.join(60)
        assert [d.kind for d in waited] == ["new"]
        assert not store.has_url("https://a.example/1")
        decided = store.check_and_add_now(doc("https://a.example/1"), never)
        assert decided is not None and decided.kind == "new"
    finally:
        other.close()
        store.close()
