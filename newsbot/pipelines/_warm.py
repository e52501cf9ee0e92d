"""Imported by the extraction pool's forkserver (its preload): workers fork warm.

Importing it runs :func:`newsbot.pipelines.pool.warm_up` once, in the forkserver, so each
worker (and each replacement for a crashed one) starts with trafilatura, htmldate and their
lazily loaded data in memory shared copy-on-write, instead of loading them on a page.
"""

from __future__ import annotations

from newsbot.pipelines.pool import warm_up

warm_up()
