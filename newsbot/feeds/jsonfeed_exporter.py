"""The ``jsonfeed`` feed-export format: ``scrapy crawl SOURCE -O feed.json:jsonfeed``.

Registered in ``FEED_EXPORTERS`` (newsbot/settings.py). A thin adapter: the conversion is
:mod:`newsbot.feeds.jsonfeed`, the streaming is :class:`~newsbot.feeds.writers.JsonFeedWriter`.
Feed options: ``item_export_kwargs: {"feed_title": "..."}`` sets the title; without it the
title names the sources of the items written.
"""

from __future__ import annotations

from typing import IO, Any

from scrapy.exporters import BaseItemExporter
from scrapy.utils.serialize import ScrapyJSONEncoder

from newsbot.feeds.writers import JsonFeedWriter


class JsonFeedItemExporter(BaseItemExporter):
    """Writes the items as one JSON Feed 1.1 document."""

    def __init__(self, file: IO[bytes], *, feed_title: str | None = None, **kwargs: Any):
        super().__init__(dont_fail=True, **kwargs)
        indent = self.indent if self.indent is not None and self.indent > 0 else None
        self._kwargs.setdefault("indent", indent)
        self._kwargs.setdefault("ensure_ascii", False)
        encoder = ScrapyJSONEncoder(**self._kwargs)
        self._writer = JsonFeedWriter(file, title=feed_title, encode=encoder.encode)

    def start_exporting(self) -> None:
        self._writer.start()

    def export_item(self, item: Any) -> None:
        fields = dict(self.get_serialized_fields(item))
        self._writer.write(fields)

    def finish_exporting(self) -> None:
        self._writer.finish()
