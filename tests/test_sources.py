"""Source files: what a valid one gives, and one clear error per kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.errors import SourceError
from newsbot.sources import BUNDLED_DIR, get_source, load_sources, read_source

VALID = """\
site_name = "Example Daily"
domains = ["example.com", "Example.ORG"]
max_age_days = 2
allow_loopback = false

[discovery]
sitemaps = ["https://example.com/sitemap.xml"]
feeds = ["https://www.example.com/rss.xml"]
sections = ["https://example.org/world/"]
article_urls = ['/\\d{4}/\\d{2}/\\d{2}/']

[settings]
DOWNLOAD_DELAY = 1.5
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_TIMEOUT = 20

[selectors]
byline = ".byline"
remove = [".related", ".newsletter"]
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_source_file(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "example-daily", VALID))
    assert source.name == "example-daily"
    assert source.site_name == "Example Daily"
    assert source.domains == ("example.com", "example.org")
    assert source.max_age_days == 2
    assert source.allow_loopback is False
    assert source.discovery.sitemaps == ("https://example.com/sitemap.xml",)
    assert source.discovery.feeds == ("https://www.example.com/rss.xml",)
    assert source.discovery.is_article_url("https://example.com/2026/11/26/story/")
    assert not source.discovery.is_article_url("https://example.com/about/")
    assert source.slot_settings() == {"delay": 1.5, "concurrency": 2}
    assert source.request_meta() == {"download_timeout": 20}
    assert source.selectors == {"byline": ".byline", "remove": (".related", ".newsletter")}


def test_optional_keys_have_defaults(tmp_path: Path) -> None:
    text = 'site_name = "X"\ndomains = ["x.com"]\n[discovery]\nfeeds = ["https://x.com/rss"]\n'
    source = read_source(write(tmp_path, "x", text))
    assert source.max_age_days is None
    assert source.allow_loopback is False
    assert source.settings == {} and source.selectors == {}


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


BAD = {
    "unknown top-level key": (replace("max_age_days = 2", "max_age = 2"), "'max_age'"),
    "unknown discovery key": (
        replace("feeds = [", "rss = ["),
        "'discovery.rss'",
    ),
    "missing site_name": (replace('site_name = "Example Daily"\n', ""), "'site_name': missing"),
    "domains not a list": (
        replace('domains = ["example.com", "Example.ORG"]', 'domains = "example.com"'),
        "'domains'",
    ),
    "domain with a scheme": (replace('"Example.ORG"', '"https://example.org"'), "'domains[1]'"),
    "max_age_days a string": (replace("max_age_days = 2", 'max_age_days = "2"'), "'max_age_days'"),
    "max_age_days a bool": (replace("max_age_days = 2", "max_age_days = true"), "'max_age_days'"),
    "max_age_days negative": (replace("max_age_days = 2", "max_age_days = -1"), "'max_age_days'"),
    "allow_loopback a string": (
        replace("allow_loopback = false", 'allow_loopback = "no"'),
        "'allow_loopback'",
    ),
    "bad regex": (
        replace("'/\\d{4}/\\d{2}/\\d{2}/'", "'/(\\d{4}/'"),
        "'discovery.article_urls[0]': bad regex",
    ),
    "sitemap URL off the domains": (
        replace("https://example.com/sitemap.xml", "https://elsewhere.net/sitemap.xml"),
        "'discovery.sitemaps[0]'",
    ),
    "feed URL not http": (
        replace("https://www.example.com/rss.xml", "ftp://example.com/rss.xml"),
        "'discovery.feeds[0]'",
    ),
    "sections without article_urls": (
        replace("article_urls = ['/\\d{4}/\\d{2}/\\d{2}/']", ""),
        "'discovery.article_urls': is required",
    ),
    "no discovery URL": (
        'site_name = "X"\ndomains = ["x.com"]\n[discovery]\nsitemaps = []\n',
        "'discovery': needs at least one",
    ),
    "unknown setting": (
        replace("DOWNLOAD_DELAY = 1.5", "ROBOTSTXT_OBEY = false"),
        "'settings.ROBOTSTXT_OBEY'",
    ),
    "setting of the wrong type": (
        replace("DOWNLOAD_DELAY = 1.5", 'DOWNLOAD_DELAY = "fast"'),
        "'settings.DOWNLOAD_DELAY'",
    ),
    "setting below its minimum": (
        replace("CONCURRENT_REQUESTS_PER_DOMAIN = 2", "CONCURRENT_REQUESTS_PER_DOMAIN = 0"),
        "'settings.CONCURRENT_REQUESTS_PER_DOMAIN'",
    ),
    "unknown selector": (replace('byline = ".byline"', 'author = ".byline"'), "'selectors.author'"),
    "selector not a string": (replace('byline = ".byline"', "byline = 3"), "'selectors.byline'"),
    "invalid TOML": (replace("max_age_days = 2", "max_age_days = = 2"), "not valid TOML"),
}


@pytest.mark.parametrize(("text", "expected"), BAD.values(), ids=BAD.keys())
def test_a_bad_source_file_names_the_file_and_the_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, "example", text)
    with pytest.raises(SourceError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_a_bad_file_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="file name"):
        read_source(write(tmp_path, "Bad Name", VALID))


def test_a_bad_file_in_a_sources_dir_fails_loading(tmp_path: Path) -> None:
    write(tmp_path, "good", VALID)
    write(tmp_path, "bad", replace("max_age_days = 2", "max_age = 2"))
    with pytest.raises(SourceError, match=r"bad\.toml: key 'max_age'"):
        load_sources([tmp_path])


def test_a_missing_sources_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        load_sources([tmp_path / "nowhere"])


def test_bundled_sources_load_and_each_has_discovery() -> None:
    sources = load_sources()
    assert {"reuters", "apnews", "france24", "aljazeera", "dawn", "thedailystar"} <= set(sources)
    for source in sources.values():
        assert source.path is not None and source.path.parent == BUNDLED_DIR
        assert source.discovery.urls
        assert not source.allow_loopback


def test_a_user_source_adds_to_and_overrides_the_bundled_ones(tmp_path: Path) -> None:
    write(tmp_path, "reuters", replace('site_name = "Example Daily"', 'site_name = "My Reuters"'))
    write(tmp_path, "example", VALID)
    sources = load_sources([tmp_path])
    assert sources["reuters"].site_name == "My Reuters"
    assert "example" in sources and "apnews" in sources


def test_an_unknown_source_lists_the_known_ones() -> None:
    with pytest.raises(SourceError, match=r"unknown source 'nope' \(known sources: .*reuters"):
        get_source("nope")


def test_the_readme_example_is_a_valid_source(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a source", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    source = read_source(write(tmp_path, "example", example))
    assert source.discovery.urls and source.selectors and source.settings
