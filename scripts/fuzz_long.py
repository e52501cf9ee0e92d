"""A long fuzzing run over everything newsbot reads off the network; not part of the tests.

    python scripts/fuzz_long.py --minutes 5            # round-robin over every target
    python scripts/fuzz_long.py --minutes 2 --target sitemap-bytes --target extract

The same properties as ``tests/test_parsers_fuzz.py`` (and extraction's fuzz test), with
far more examples: any input gives a result or the documented error, within a deadline,
and every URL that comes out survives canonicalization and the safety check. Hypothesis
keeps what it finds in ``.hypothesis/`` so a re-run replays it first. Exits 1 and prints
the shrunk failing input of each target that failed.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from newsbot.errors import NoArticleError  # noqa: E402
from newsbot.extraction import extract_article  # noqa: E402
from newsbot.extraction.document import decode_html  # noqa: E402
from newsbot.paths import safe_name  # noqa: E402
from newsbot.spiders.feeds import NotAFeedError, parse_feed  # noqa: E402
from newsbot.spiders.sections import article_links  # noqa: E402
from newsbot.spiders.sitemaps import NotASitemapError, parse_sitemap  # noqa: E402
from newsbot.spiders.urls import canonicalize_url, refusal  # noqa: E402
from tests.support.xmlfuzz import discovery_documents, hostile_urls  # noqa: E402

BASE = "http://127.0.0.1:8000/"
PATTERNS = (re.compile(r"/news/"), re.compile(r"."))


def check_urls(urls: list[str]) -> None:
    for url in urls:
        assert isinstance(url, str)
        canonicalize_url(url)
        refusal(url, ["127.0.0.1"], allow_loopback=True)


def sitemap(body: bytes) -> None:
    with contextlib.suppress(NotASitemapError):
        check_urls([e.url for e in parse_sitemap(body, BASE).entries])


def feed(body: bytes) -> None:
    with contextlib.suppress(NotAFeedError):
        check_urls([e.url for e in parse_feed(body, BASE)])


def section(body: bytes) -> None:
    check_urls(article_links(body, BASE, PATTERNS))


def extract(body: bytes) -> None:
    with contextlib.suppress(NoArticleError):
        extract_article(body, "https://example.test/news/story")


def decode(args: tuple[bytes, str | None]) -> None:
    assert isinstance(decode_html(*args), str)


def name(text: str) -> None:
    result = safe_name(text)
    assert result and "/" not in result and not result.startswith(".")


def _html_soup() -> st.SearchStrategy[bytes]:
    tags = st.sampled_from(["p", "div", "article", "h1", "figure", "figcaption", "script",
                            "meta", "a", "time", "span", "table", "template", "svg"])  # fmt: skip
    piece = st.one_of(
        tags.map(lambda t: f"<{t}>"),
        tags.map(lambda t: f"</{t}>"),
        st.text(max_size=80),
        hostile_urls().map(lambda u: f'<a href="{u}">x</a>'),
        st.sampled_from(['<meta charset="windows-1251">', '<meta charset="\x00">',
                         '<script type="application/ld+json">{"@type":"NewsArticle",',
                         "<!--", "<![CDATA[", "&#xD800;", "\x00", "<div>" * 300]),
    )  # fmt: skip
    encodings = st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1"])
    return st.tuples(st.lists(piece, max_size=60), encodings).map(
        lambda p: "".join(p[0]).encode(p[1], errors="replace")
    )


TARGETS: dict[str, tuple[Callable[..., None], st.SearchStrategy[object]]] = {
    "sitemap-bytes": (sitemap, st.binary(max_size=8192)),
    "sitemap-docs": (sitemap, discovery_documents()),
    "feed-bytes": (feed, st.binary(max_size=8192)),
    "feed-docs": (feed, discovery_documents()),
    "section-bytes": (section, st.binary(max_size=8192)),
    "section-docs": (section, discovery_documents(html=True)),
    "urls": (check_urls, st.lists(hostile_urls(), max_size=5)),
    "decode": (decode, st.tuples(st.binary(max_size=4096), st.none() | st.text(max_size=20))),
    "extract": (extract, st.binary(max_size=4096) | _html_soup()),
    "safe-name": (name, st.text()),
}


def run_target(label: str, examples: int, database: Path) -> str | None:
    """Run one target for ``examples`` examples; the failure's report, or None."""
    function, strategy = TARGETS[label]

    @settings(
        max_examples=examples,
        deadline=3000,
        database=DirectoryBasedExampleDatabase(str(database)),
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(strategy)
    def prop(value: object) -> None:
        function(value)

    prop.__name__ = f"fuzz_{label.replace('-', '_')}"  # the database key
    try:
        prop()
    except Exception:
        return traceback.format_exc(limit=-6)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="time budget (default 5)")
    parser.add_argument("--examples", type=int, default=2000, help="examples per round")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS))
    parser.add_argument("--database", type=Path, default=ROOT / ".hypothesis" / "fuzz_long")
    args = parser.parse_args(argv)
    targets = args.target or list(TARGETS)
    deadline = time.monotonic() + args.minutes * 60
    failures: dict[str, str] = {}
    rounds: dict[str, int] = dict.fromkeys(targets, 0)
    while time.monotonic() < deadline and len(failures) < len(targets):
        for label in targets:
            if label in failures or time.monotonic() >= deadline:
                continue
            started = time.monotonic()
            report = run_target(label, args.examples, args.database)
            rounds[label] += 1
            took = time.monotonic() - started
            status = "FAILED" if report else "ok"
            print(f"{label:14} round {rounds[label]:3}  {args.examples} examples  "
                  f"{took:6.1f}s  {status}", flush=True)  # fmt: skip
            if report:
                failures[label] = report
    print()
    for label, report in failures.items():
        print(f"=== {label}\n{report}")
    total = sum(rounds.values()) * args.examples
    print(f"{len(failures)} of {len(targets)} targets failed; about {total} examples run")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
