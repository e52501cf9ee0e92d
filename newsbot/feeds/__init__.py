"""Feeds: turning articles into files readers consume.

``jsonfeed`` converts articles to JSON Feed 1.1 (pure, no Scrapy), ``jsonfeed_exporter``
plugs that into Scrapy's ``FEEDS`` as the ``jsonfeed`` format, ``writers`` streams a feed
to a file object for ``newsbot export``, and ``atomic`` writes a file so a reader never
sees half of it.
"""

from __future__ import annotations
