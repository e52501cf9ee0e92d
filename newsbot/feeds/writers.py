"""Stream articles to a binary file as a JSON Feed document or as JSON Lines.

:class:`JsonFeedWriter` writes one item at a time, so an export or a crawl never holds the
whole feed in memory. Without an explicit title the ``title`` key comes last, named after
the sources seen; JSON objects are unordered, so the document is the same feed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

from newsbot.feeds.jsonfeed import EXTENSION, feed_header, feed_item, feed_title

Encode = Callable[[Any], str]


def _default_encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class JsonFeedWriter:
    """Writes ``{"version": ..., "items": [...], "title": ...}`` item by item."""

    def __init__(
        self, file: IO[bytes], title: str | None = None, encode: Encode = _default_encode
    ) -> None:
        self.file = file
        self.title = title
        self.encode = encode
        self.count = 0
        self._sources: set[str] = set()

    def start(self) -> None:
        header = feed_header(self.title or "")
        if self.title is None:
            del header["title"]
        self._write(self.encode(header)[:-1] + ',"items":[')

    def write(self, article: Mapping[str, Any]) -> None:
        item = feed_item(article)
        source = item[EXTENSION].get("source")
        if source:
            self._sources.add(source)
        self._write(("," if self.count else "") + "\n" + self.encode(item))
        self.count += 1

    def finish(self) -> None:
        self._write("\n]")
        if self.title is None:
            self._write(',"title":' + self.encode(feed_title(self._sources)))
        self._write("}\n")

    def _write(self, text: str) -> None:
        self.file.write(text.encode("utf-8"))


def write_jsonfeed(
    file: IO[bytes], articles: Iterable[Mapping[str, Any]], title: str | None = None
) -> int:
    """Write a whole JSON Feed document; returns the number of items."""
    writer = JsonFeedWriter(file, title)
    writer.start()
    for article in articles:
        writer.write(article)
    writer.finish()
    return writer.count


def write_jsonlines(file: IO[bytes], articles: Iterable[Mapping[str, Any]]) -> int:
    """Write one JSON object per line; returns the number of lines."""
    count = 0
    for article in articles:
        file.write((_default_encode(dict(article)) + "\n").encode("utf-8"))
        count += 1
    return count
