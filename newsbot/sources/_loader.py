"""Read and validate source TOML files; strict, so a typo fails loudly, naming file and key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsbot.errors import SourceError
from newsbot.sources._model import (
    REQUEST_SETTINGS,
    SELECTOR_KEYS,
    SLOT_SETTINGS,
    Discovery,
    Source,
)

BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"

_TOP_KEYS = {
    "site_name",
    "domains",
    "max_age_days",
    "allow_loopback",
    "discovery",
    "settings",
    "selectors",
}
_DISCOVERY_KEYS = {"sitemaps", "feeds", "sections", "article_urls"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LABEL = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
_HOST = re.compile(rf"^(\[[0-9a-f:.]+\]|{_LABEL}(\.{_LABEL})*)$")
# Per setting: accepted types, and the smallest value allowed.
_SETTING_TYPES: dict[str, tuple[tuple[type, ...], float]] = {
    "DOWNLOAD_DELAY": ((int, float), 0),
    "DOWNLOAD_DELAY_JITTER": ((int, float), 0),
    "CONCURRENT_REQUESTS_PER_DOMAIN": ((int,), 1),
    "DOWNLOAD_TIMEOUT": ((int, float), 0.001),
}
assert set(_SETTING_TYPES) == set(SLOT_SETTINGS) | set(REQUEST_SETTINGS)


class _Checker:
    """Type checks that raise :class:`SourceError` naming the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> SourceError:
        return SourceError(f"{self.path}: key {key!r}: {problem}")

    def unknown(self, table: dict[str, Any], allowed: Iterable[str], prefix: str = "") -> None:
        for key in table:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(prefix + key, f"unknown key (known keys: {known})")

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be a non-empty string, not {_show(value)}")
        return value

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of strings, not {_show(value)}")
        return tuple(self.string(v, f"{key}[{i}]") for i, v in enumerate(value))

    def url(self, value: Any, key: str, domains: tuple[str, ...]) -> str:
        url = self.string(value, key)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise self.fail(key, f"must be an absolute http(s) URL, not {url!r}")
        host = parts.hostname.lower()
        if not any(host == d or host.endswith("." + d) for d in domains):
            raise self.fail(key, f"{url!r} is not on the source's domains {list(domains)}")
        return url


def _is_number(value: Any, types: tuple[type, ...] = (int, float)) -> bool:
    return not isinstance(value, bool) and isinstance(value, types)


def _show(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def parse_source(path: Path, data: dict[str, Any]) -> Source:
    """Validate a source's TOML table; the source's name is the file's stem."""
    check = _Checker(path)
    name = path.stem
    if not _NAME.match(name):
        raise SourceError(f"{path}: the file name must be lower-case letters, digits, '-' or '_'")
    check.unknown(data, _TOP_KEYS)
    for required in ("site_name", "domains", "discovery"):
        if required not in data:
            raise check.fail(required, "missing")
    site_name = check.string(data["site_name"], "site_name")
    domains = tuple(d.lower().rstrip(".") for d in check.strings(data["domains"], "domains"))
    if not domains:
        raise check.fail("domains", "must list at least one domain")
    for i, domain in enumerate(domains):
        if not _HOST.match(domain):
            problem = f"must be a bare host name (no scheme, port or path), not {domain!r}"
            raise check.fail(f"domains[{i}]", problem)

    max_age = data.get("max_age_days")
    if max_age is not None and not (_is_number(max_age) and max_age > 0):
        raise check.fail("max_age_days", f"must be a positive number of days, not {_show(max_age)}")
    allow_loopback = data.get("allow_loopback", False)
    if not isinstance(allow_loopback, bool):
        raise check.fail("allow_loopback", f"must be true or false, not {_show(allow_loopback)}")

    return Source(
        name=name,
        site_name=site_name,
        domains=domains,
        discovery=_parse_discovery(check, data["discovery"], domains),
        max_age_days=max_age,
        allow_loopback=allow_loopback,
        settings=_parse_settings(check, data.get("settings", {})),
        selectors=_parse_selectors(check, data.get("selectors", {})),
        path=path,
    )


def _parse_discovery(check: _Checker, table: Any, domains: tuple[str, ...]) -> Discovery:
    if not isinstance(table, dict):
        raise check.fail("discovery", f"must be a table, not {_show(table)}")
    check.unknown(table, _DISCOVERY_KEYS, "discovery.")
    urls: dict[str, tuple[str, ...]] = {}
    for kind in ("sitemaps", "feeds", "sections"):
        key = f"discovery.{kind}"
        values = check.strings(table.get(kind, []), key)
        urls[kind] = tuple(check.url(v, f"{key}[{i}]", domains) for i, v in enumerate(values))
    if not any(urls.values()):
        raise check.fail("discovery", "needs at least one of sitemaps, feeds or sections")
    patterns = []
    for i, raw in enumerate(check.strings(table.get("article_urls", []), "discovery.article_urls")):
        try:
            patterns.append(re.compile(raw))
        except re.error as exc:
            raise check.fail(f"discovery.article_urls[{i}]", f"bad regex {raw!r}: {exc}") from None
    if urls["sections"] and not patterns:
        problem = "is required with sections (which links are articles?)"
        raise check.fail("discovery.article_urls", problem)
    return Discovery(
        sitemaps=urls["sitemaps"],
        feeds=urls["feeds"],
        sections=urls["sections"],
        article_urls=tuple(patterns),
    )


def _parse_settings(check: _Checker, table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise check.fail("settings", f"must be a table, not {_show(table)}")
    check.unknown(table, _SETTING_TYPES, "settings.")
    for key, value in table.items():
        types, minimum = _SETTING_TYPES[key]
        if not (_is_number(value, types) and value >= minimum):
            kind = "an integer" if types == (int,) else "a number"
            raise check.fail(f"settings.{key}", f"must be {kind} >= {minimum}, not {_show(value)}")
    return dict(table)


def _parse_selectors(check: _Checker, table: Any) -> dict[str, str | tuple[str, ...]]:
    if not isinstance(table, dict):
        raise check.fail("selectors", f"must be a table, not {_show(table)}")
    check.unknown(table, SELECTOR_KEYS, "selectors.")
    selectors: dict[str, str | tuple[str, ...]] = {}
    for key, value in table.items():
        if isinstance(value, list):
            selectors[key] = check.strings(value, f"selectors.{key}")
        else:
            selectors[key] = check.string(value, f"selectors.{key}")
    return selectors


def read_source(path: Path) -> Source:
    """Read and validate one source file."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise SourceError(f"{path}: can't read: {exc.strerror or exc}") from None
    return parse_source(path, data)


def load_sources(extra_dirs: Iterable[str | Path | None] = ()) -> dict[str, Source]:
    """The bundled sources, then those in ``extra_dirs`` (a later file wins on a name clash)."""
    sources: dict[str, Source] = {}
    for directory in (BUNDLED_DIR, *extra_dirs):
        if directory is None or directory == "":
            continue
        directory = Path(directory)
        if not directory.is_dir():
            raise SourceError(f"{directory}: sources directory does not exist")
        for path in sorted(directory.glob("*.toml")):
            source = read_source(path)
            sources[source.name] = source
    return dict(sorted(sources.items()))


def get_source(name: str, dirs: Iterable[str | Path | None] = ()) -> Source:
    """The source called ``name``, or :class:`SourceError` listing the known ones."""
    sources = load_sources(dirs)
    try:
        return sources[name]
    except KeyError:
        known = ", ".join(sources) or "none"
        raise SourceError(f"unknown source {name!r} (known sources: {known})") from None
