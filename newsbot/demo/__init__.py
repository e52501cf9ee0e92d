"""The bundled demo newsroom: fictional wire and republisher pages served on 127.0.0.1.

``newsbot demo`` serves ``site/`` with :class:`~newsbot.demo.server.DemoServer`, writes
one source per outlet (``sources.py``) and crawls them through the same path as
``newsbot crawl`` (``run.py``). ``sitegen`` regenerates ``site/`` from
``sitegen/stories.toml``.
"""

from __future__ import annotations
