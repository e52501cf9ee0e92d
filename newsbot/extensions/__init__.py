"""Scrapy extensions: live crawl progress, and the HTTP cache policy for incremental runs."""

from __future__ import annotations
