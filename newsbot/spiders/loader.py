"""Scrapy's spider loader for newsbot: one spider per source file, not per Python module.

``scrapy list`` lists every source and ``scrapy crawl SOURCE`` crawls one; sources come
from the bundled directory and ``NEWSBOT_SOURCES_DIR`` (one directory, or several separated
by ``os.pathsep`` or given as a list).
"""

from __future__ import annotations

import builtins
import os
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.settings import BaseSettings

from newsbot.sources import Source, load_sources
from newsbot.spiders.news import NewsSpider, spider_class
from newsbot.spiders.urls import host_matches


def sources_dirs(value: Any) -> list[str]:
    """The directories a ``NEWSBOT_SOURCES_DIR`` value names."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [part for part in str(value).split(os.pathsep) if part]


class SourceSpiderLoader:
    """Implements Scrapy's ``SpiderLoaderProtocol`` over source TOML files."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self._sources = sources
        self._classes: dict[str, type[NewsSpider]] = {}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SourceSpiderLoader:
        return cls(load_sources(sources_dirs(settings.get("NEWSBOT_SOURCES_DIR"))))

    def list(self) -> list[str]:
        return list(self._sources)

    def load(self, spider_name: str) -> type[NewsSpider]:
        if spider_name not in self._classes:
            try:
                source = self._sources[spider_name]
            except KeyError:
                raise KeyError(f"Spider not found: {spider_name}") from None
            self._classes[spider_name] = spider_class([source])
        return self._classes[spider_name]

    def find_by_request(self, request: Request) -> builtins.list[str]:
        host = urlsplit(request.url).hostname or ""
        return [name for name, s in self._sources.items() if host_matches(host, s.domains)]
