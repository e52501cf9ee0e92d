"""Sources: one TOML file per site, bundled in ``bundled/`` or in a user's directory.

A source names the site, its domains, how its articles are discovered (sitemaps, feeds,
section pages) and optional politeness overrides and selectors. See the README's
"Adding a source".
"""

from __future__ import annotations

from newsbot.sources._loader import BUNDLED_DIR, get_source, load_sources, read_source
from newsbot.sources._model import Discovery, Source

__all__ = ["BUNDLED_DIR", "Discovery", "Source", "get_source", "load_sources", "read_source"]
