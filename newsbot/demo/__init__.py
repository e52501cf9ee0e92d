"""The bundled demo newsroom: fictional wire and republisher pages served on 127.0.0.1.

``newsbot demo`` serves ``site/`` with :class:`~newsbot.demo.server.DemoServer` and
crawls it through the same path as ``newsbot crawl``. ``sitegen`` regenerates the site
from ``sitegen/stories.toml``.
"""

from __future__ import annotations
