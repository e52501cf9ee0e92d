"""Real crawls through Scrapy against a local static site (tests/data/sites/wire).

Each source below covers one way of discovering articles. For each crawl the tests check
which URLs the site was asked for (its request log, told apart by User-Agent) and which
items came out. The clock is pinned (``NEWSBOT_NOW``) so ``max_age_days = 2`` means "after
2026-11-24 12:00 UTC".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from newsbot.schema import article_schema
from tests.support.crawls import CrawlRun, newsbot_crawl, scrapy, settings_args
from tests.support.mockserver import MockServer

SITE = Path(__file__).parent / "data" / "sites" / "wire"
ARTICLE_PATTERN = r"/news/\d{4}/\d{2}/\d{2}/"

SUMMIT = "/news/2026/11/26/summit/"
MARKETS = "/news/2026/11/25/markets/"
FLOODS = "/news/2026/11/24/floods/"
ELECTION = "/news/2026/11/25/election/"


@dataclass
class Site:
    server: MockServer
    other: MockServer
    """The same files on another host (127.0.0.2): nothing may ever be fetched from it."""
    sources_dir: Path
    workdir: Path
    runs: dict[str, CrawlRun]

    def crawl(self, source: str) -> CrawlRun:
        """Crawl ``source`` once per module; its requests carry the agent ``test/<source>``."""
        if source not in self.runs:
            output = self.workdir / source / "items.jsonl"  # its own state: a first run
            output.parent.mkdir()
            self.runs[source] = newsbot_crawl([source], self.sources_dir, output, f"test/{source}")
            assert self.runs[source].returncode == 0, self.runs[source].stderr[-3000:]
        return self.runs[source]

    def fetched(self, source: str) -> list[str]:
        self.crawl(source)
        return self.server.paths(agent=f"test/{source}")

    def url(self, path: str) -> str:
        return self.server.url(path)


def source_toml(base: str, **discovery: list[str]) -> str:
    lines = [
        'site_name = "Wire Test Daily"',
        'domains = ["127.0.0.1"]',
        "max_age_days = 2",
        "allow_loopback = true",
        "[discovery]",
    ]
    for key, values in discovery.items():
        quoted = ", ".join(f"'{v}'" if key == "article_urls" else f'"{base}{v}"' for v in values)
        lines.append(f"{key} = [{quoted}]")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(
    module_mockserver: Callable[..., MockServer], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    other = module_mockserver(SITE, host="127.0.0.2")
    server = module_mockserver(SITE, other=other.base)
    sources_dir = tmp_path_factory.mktemp("sources")
    base = server.base
    sources = {
        "index": source_toml(base, sitemaps=["/sitemap-index.xml"]),
        "rss": source_toml(base, feeds=["/feeds/rss.xml"]),
        "atom": source_toml(base, feeds=["/feeds/atom.xml"]),
        "gzipped": source_toml(base, sitemaps=["/sitemaps/pages.xml.gz"]),
        "mixed": source_toml(
            base, sitemaps=["/feeds/atom.xml", "/world/"], feeds=["/sitemaps/pages.xml"]
        ),
        "world": source_toml(base, sections=["/world/"], article_urls=[ARTICLE_PATTERN]),
        "everything": source_toml(
            base,
            sitemaps=["/sitemap-index.xml"],
            feeds=["/feeds/rss.xml", "/feeds/atom.xml"],
            sections=["/world/"],
            article_urls=[ARTICLE_PATTERN],
        ),
    }
    for name, text in sources.items():
        (sources_dir / f"{name}.toml").write_text(text)
    yield Site(server, other, sources_dir, tmp_path_factory.mktemp("crawls"), {})


def test_sitemap_index_leads_to_its_sitemaps_and_their_articles(site: Site) -> None:
    fetched = site.fetched("index")
    discovery = ["/robots.txt", "/sitemap-index.xml", "/sitemaps/news.xml", "/sitemaps/pages.xml"]
    assert sorted(fetched) == sorted([*discovery, SUMMIT, MARKETS])
    run = site.crawl("index")
    assert run.item_urls == {site.url(SUMMIT), site.url(MARKETS)}
    assert run.stats["newsbot/discovery/sitemaps"] == 3


def test_a_sitemap_last_modified_before_the_cutoff_is_not_fetched(site: Site) -> None:
    assert "/sitemaps/old.xml" not in site.fetched("index")
    assert "/news/2019/01/01/ancient/" not in site.fetched("index")
    assert site.crawl("index").stats["newsbot/filtered/too_old_sitemap"] == 1


def test_a_news_sitemap_entry_older_than_max_age_is_not_fetched(site: Site) -> None:
    assert "/news/2019/05/01/archive/" not in site.fetched("index")
    run = site.crawl("index")
    assert run.stats["newsbot/filtered/too_old"] == 1
    summit = next(item for item in run.items if item["url"] == site.url(SUMMIT))
    assert summit["headline"] == "EU leaders agree on a joint plan for energy storage"
    assert summit["source"] == "index"
    assert summit["siteName"] == "Wire Test Daily"


def test_a_gzipped_sitemap_is_read(site: Site) -> None:
    fetched = site.fetched("gzipped")
    assert sorted(fetched) == sorted(["/robots.txt", "/sitemaps/pages.xml.gz", MARKETS])
    assert site.crawl("gzipped").item_urls == {site.url(MARKETS)}


def test_a_feed_listed_as_a_sitemap_and_the_reverse_are_read_anyway(site: Site) -> None:
    fetched = site.fetched("mixed")
    discovery = ["/robots.txt", "/feeds/atom.xml", "/world/", "/sitemaps/pages.xml"]
    assert sorted(fetched) == sorted([*discovery, ELECTION, MARKETS])
    run = site.crawl("mixed")
    assert run.item_urls == {site.url(ELECTION), site.url(MARKETS)}
    assert run.stats["newsbot/discovery/bad_document"] == 1  # /world/ is HTML
    assert "log_count/ERROR" not in run.stats


def test_robots_txt_disallow_is_obeyed(site: Site) -> None:
    assert "/private/2026/11/26/memo/" not in site.fetched("index")
    assert "/private/2026/11/26/memo/" not in site.fetched("world")
    assert site.crawl("index").stats["robotstxt/forbidden"] == 1
    assert site.fetched("index")[0] == "/robots.txt"


def test_rss_items_are_fetched_and_old_ones_skipped(site: Site) -> None:
    fetched = site.fetched("rss")
    assert sorted(fetched) == sorted(["/robots.txt", "/feeds/rss.xml", SUMMIT, FLOODS])
    run = site.crawl("rss")
    assert run.item_urls == {site.url(SUMMIT), site.url(FLOODS)}
    assert run.stats["newsbot/discovery/feed_urls"] == 4
    assert run.stats["newsbot/filtered/too_old"] == 1


def test_two_urls_differing_only_by_utm_source_are_fetched_once(site: Site) -> None:
    # The feed links the summit as ?utm_source=rss and ?utm_source=twitter#comments.
    fetched = site.fetched("rss")
    assert fetched.count(SUMMIT) == 1
    assert not [path for path in fetched if "utm_" in path]
    run = site.crawl("rss")
    assert [item["url"] for item in run.items].count(site.url(SUMMIT)) == 1
    assert run.stats["dupefilter/filtered"] == 1


def test_atom_entries_resolve_against_xml_base(site: Site) -> None:
    fetched = site.fetched("atom")
    assert sorted(fetched) == sorted(["/robots.txt", "/feeds/atom.xml", ELECTION])
    run = site.crawl("atom")
    assert run.item_urls == {site.url(ELECTION)}
    assert run.stats["newsbot/filtered/too_old"] == 1  # the port strike, Nov 20


def test_a_pdf_link_is_never_fetched(site: Site) -> None:
    assert "/news/2026/11/26/report.pdf" not in site.fetched("atom")
    assert "/news/2026/11/26/report.pdf" not in site.fetched("world")
    assert site.crawl("atom").stats["newsbot/filtered/non_html"] == 1
    assert site.crawl("world").stats["newsbot/filtered/non_html"] == 1


def test_section_page_links_matching_the_pattern_are_followed(site: Site) -> None:
    fetched = site.fetched("world")
    assert SUMMIT in fetched
    assert FLOODS in fetched  # linked as ../news/...#top
    assert "/about/" not in fetched  # doesn't match the pattern
    assert "/" not in fetched
    assert site.crawl("world").item_urls == {site.url(SUMMIT), site.url(FLOODS)}


def test_an_offsite_link_is_not_followed_nor_a_redirect_off_site(site: Site) -> None:
    # One link goes straight to 127.0.0.2; /moved answers with a 302 to it.
    assert "/news/2026/11/26/moved" in site.fetched("world")
    assert site.other.requests() == []
    assert site.crawl("world").stats["newsbot/filtered/offsite"] == 2


def test_a_page_without_article_text_yields_no_item(site: Site) -> None:
    assert "/news/2026/11/26/gallery/" in site.fetched("world")
    run = site.crawl("world")
    assert site.url("/news/2026/11/26/gallery/") not in run.item_urls
    assert run.stats["newsbot/extraction/no_article"] == 1
    assert "log_count/ERROR" not in run.stats


def test_a_non_html_response_yields_no_item(site: Site) -> None:
    # /data-export has no extension; the server says application/octet-stream.
    assert "/news/2026/11/26/data-export" in site.fetched("world")
    run = site.crawl("world")
    assert site.url("/news/2026/11/26/data-export") not in run.item_urls
    assert run.stats["newsbot/filtered/non_html_response"] == 1


def test_a_404_yields_no_item_and_no_error(site: Site) -> None:
    assert "/news/2026/11/26/missing/" in site.fetched("world")
    run = site.crawl("world")
    assert site.url("/news/2026/11/26/missing/") not in run.item_urls
    assert run.stats["httperror/response_ignored_status_count/404"] == 1
    assert "log_count/ERROR" not in run.stats


def test_every_way_together_yields_exactly_the_right_articles(site: Site) -> None:
    run = site.crawl("everything")
    assert sorted(item["url"] for item in run.items) == sorted(
        site.url(p) for p in (SUMMIT, MARKETS, FLOODS, ELECTION)
    )
    fetched = site.fetched("everything")
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice"
    assert "log_count/ERROR" not in run.stats
    assert site.other.requests() == []
    schema = article_schema()
    for item in run.items:
        jsonschema.validate(item, schema)


def test_scrapy_crawl_runs_a_source_like_any_spider(site: Site, tmp_path: Path) -> None:
    output = tmp_path / "items.jsonl"
    run = scrapy(
        "crawl",
        "rss",
        "-O",
        str(output),
        *settings_args("test/scrapy-rss"),
        sources_dir=site.sources_dir,
        state_dir=tmp_path,
        output=output,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.item_urls == {site.url(SUMMIT), site.url(FLOODS)}
    assert sorted(site.server.paths(agent="test/scrapy-rss")) == sorted(
        ["/robots.txt", "/feeds/rss.xml", SUMMIT, FLOODS]
    )


def test_newsbot_max_age_days_overrides_the_sources(site: Site, tmp_path: Path) -> None:
    output = tmp_path / "items.jsonl"
    agent = "test/rss-one-day"
    run = newsbot_crawl(["rss"], site.sources_dir, output, agent, NEWSBOT_MAX_AGE_DAYS="1")
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.item_urls == {site.url(SUMMIT)}  # the floods (Nov 24) are now too old
    assert FLOODS not in site.server.paths(agent=agent)
    assert run.stats["newsbot/filtered/too_old"] == 2


def test_several_sources_crawl_together_each_item_keeps_its_source(
    site: Site, tmp_path: Path
) -> None:
    output = tmp_path / "items.jsonl"
    run = newsbot_crawl(["rss", "atom"], site.sources_dir, output, "test/rss+atom")
    assert run.returncode == 0, run.stderr[-3000:]
    assert {(item["url"], item["source"]) for item in run.items} == {
        (site.url(SUMMIT), "rss"),
        (site.url(FLOODS), "rss"),
        (site.url(ELECTION), "atom"),
    }
    assert "newsbot crawl rss atom: pages 3, items 3" in run.stderr
