"""Imported by the extraction pool's forkserver (its preload): workers fork warm.

Importing it runs :func:`newsbot.pipelines.pool.warm_up` once, in the forkserver, so each
worker (and each replacement for a crashed one) starts with trafilatura, htmldate and their
lazily loaded data in memory shared copy-on-write, instead of loading them on a page.

Then everything loaded so far is moved out of the garbage collector's sight
(``gc.freeze``): those modules and tables live as long as the worker, yet every full
collection in a worker would walk them all again (and write to their pages, unsharing
them). The crawl benchmark's profile found that a few percent of a worker's time.
"""

from __future__ import annotations

import gc

from newsbot.pipelines.pool import warm_up

warm_up()
gc.collect()
gc.freeze()
