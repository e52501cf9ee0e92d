"""Scrapy settings for newsbot.

Every ``NEWSBOT_*`` setting is documented, with its default, in the README's
"Settings" table; keep the two in step.
"""

from __future__ import annotations

import os

BOT_NAME = "newsbot"

# One spider per source TOML file, not per Python module.
SPIDER_LOADER_CLASS = "newsbot.spiders.loader.SourceSpiderLoader"
SPIDER_MODULES: list[str] = []

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot/newsbot)"
ROBOTSTXT_OBEY = True

# Politeness: sources may override these per site.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
CONCURRENT_REQUESTS = 16
# Items processed in parallel per response. Scrapy creates this many asyncio tasks for every
# response's output, and newsbot's spiders yield one item per response (an article's page;
# discovery pages yield requests): 100 (the default) cost the reactor ~1 ms a page in the
# crawl benchmark's profile, and 8 still about 0.1 ms.
CONCURRENT_ITEMS = 1
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5  # articles redirect once or twice; longer chains are traps
# DNS answers pointing at private or link-local addresses fail the lookup (no connection).
TWISTED_DNS_RESOLVER = "newsbot.resolver.PublicAddressResolver"

FEED_EXPORT_ENCODING = "utf-8"
# Feeds are written to a temp file and renamed into place: readers never see half a file.
FEED_STORAGES = {
    "": "newsbot.feeds.storage.AtomicFileFeedStorage",
    "file": "newsbot.feeds.storage.AtomicFileFeedStorage",
}
# %(name)s in FEEDS URIs is the source's name, made a safe file name.
FEED_URI_PARAMS = "newsbot.paths.feed_uri_params"
FEED_EXPORTERS: dict[str, str] = {
    "jsonfeed": "newsbot.feeds.jsonfeed_exporter.JsonFeedItemExporter",
}

ITEM_PIPELINES: dict[str, int] = {
    "newsbot.pipelines.extraction.ExtractionPipeline": 300,
    # URL, exact and near-copy duplicates against the store (NEWSBOT_STORE); keeps articles.
    "newsbot.pipelines.dedup.DedupPipeline": 400,
}
SPIDER_MIDDLEWARES: dict[str, int] = {}
DOWNLOADER_MIDDLEWARES: dict[str, int | None] = {
    # Before robots.txt (100): an off-site or unsafe host never even gets a robots.txt request.
    "newsbot.middlewares.filters.RequestFilterMiddleware": 40,
    # Article requests whose URL the store has seen in an earlier run are never downloaded.
    "newsbot.middlewares.seen_urls.SeenUrlMiddleware": 50,
    # Low, so it sees the final response (after redirects and decompression).
    "newsbot.middlewares.filters.HtmlResponseMiddleware": 120,
    # Every request given up on, counted once under newsbot/failed/<reason>.
    "newsbot.middlewares.failures.FailureStatsMiddleware": 540,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newsbot.middlewares.failures.CountingHttpCompressionMiddleware": 590,
    # Scrapy's meta refresh (580) decodes every whole page to read its first 4 KB.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newsbot.middlewares.meta_refresh.HeadMetaRefreshMiddleware": 580,
}
EXTENSIONS: dict[str, int] = {
    # The crawl process's long-lived objects out of the garbage collector's walks.
    "newsbot.extensions.gcfreeze.GcFreeze": 100,
    "newsbot.extensions.statsdump.StatsDump": 900,  # on when NEWSBOT_STATS_FILE is set
    "newsbot.extensions.progress.ProgressExtension": 500,  # on when NEWSBOT_PROGRESS is set
    "newsbot.extensions.archive.WarcArchive": 600,  # on when NEWSBOT_ARCHIVE is set
    # After FeedExporter (0): a resumed job first delivers what a killed run kept.
    "newsbot.extensions.jobresume.JobResume": 550,  # on when JOBDIR is set
}
# A shared crawl over Redis when NEWSBOT_REDIS_URL is set: scrapy-redis's scheduler and dupe
# filter, the Redis store, seeding and termination (see newsbot/distributed/).
ADDONS: dict[str, int] = {"newsbot.distributed.settings.SharedCrawlAddon": 0}
# In memory only: JOBDIR/requests.seen would make a job killed with SIGKILL skip requests it
# scheduled but never downloaded (see newsbot/dupefilters.py).
DUPEFILTER_CLASS = "newsbot.dupefilters.CrawlDupeFilter"
# Scrapy's stats and log messages, minus per-page costs: a shim on every stats read, and a
# log record made for each page's DEBUG messages that LOG_LEVEL then drops.
STATS_CLASS = "newsbot.statscollectors.StatsCollector"
LOG_FORMATTER = "newsbot.logformatter.LogFormatter"

# Incremental runs: sitemaps, feeds, sections and robots.txt are cached and revalidated
# (If-None-Match / If-Modified-Since; a 304 is served from the cache). Article pages are
# never cached. The cache lives in the state directory, relative to the working directory.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "newsbot.extensions.httpcache.DiscoveryCachePolicy"
HTTPCACHE_STORAGE = "newsbot.extensions.httpcache.StateDirCacheStorage"
HTTPCACHE_DIR = ".newsbot/httpcache"

LOG_LEVEL = "INFO"

# --- newsbot ---------------------------------------------------------------
# More source directories (os.pathsep-separated). The environment variable of the same name
# sets it for deployments where settings are awkward to pass (Scrapyd lists spiders without
# the schedule call's settings, containers, cron).
NEWSBOT_SOURCES_DIR: str | None = os.environ.get("NEWSBOT_SOURCES_DIR") or None
# Extraction worker processes; None: one per core (os.cpu_count()); 0: in this process.
NEWSBOT_EXTRACT_WORKERS: int | None = None
# The workers' memory allocator: "jemalloc" where the system has it (libjemalloc2), else
# the system's; "system" always the system's (see newsbot/pipelines/allocator.py).
NEWSBOT_EXTRACT_ALLOCATOR = "jemalloc"
NEWSBOT_STRICT = False  # re-raise extraction errors instead of dropping the page
NEWSBOT_NOW: str | None = None  # the clock for max_age_days (ISO 8601); None: the real time
NEWSBOT_MAX_AGE_DAYS: float | None = None  # overrides every source's max_age_days
NEWSBOT_STATS_FILE: str | None = None  # write the final stats as JSON here; None: off
NEWSBOT_ARCHIVE: str | None = None  # write every response fetched to this WARC; None: off
NEWSBOT_ARCHIVE_MAX_SIZE = 1_000_000_000  # bytes per archive file before the next one; 0: no limit
NEWSBOT_STATE_DIR = ".newsbot"  # state across runs: httpcache/, jobs/ (newsbot crawl --job)
NEWSBOT_PROGRESS = False  # live progress table on a terminal (newsbot crawl/demo set it)
NEWSBOT_PROGRESS_INTERVAL = 0.5  # seconds between progress redraws
# The dedup store (seen URLs, fingerprints, story clusters, articles for export):
# sqlite:///relative/path (relative to the working directory), sqlite:////absolute/path
# or redis://host:port/db. Empty: dedup off.
NEWSBOT_STORE = "sqlite:///.newsbot/store.sqlite"
NEWSBOT_DEDUP_NEAR = "annotate"  # near-copies: "annotate" (storyId, duplicateOf) or "drop"
NEWSBOT_DEDUP_WINDOW_HOURS = 48.0  # near-copies are looked for within this many hours; 0: any
# Several machines (newsbot crawl --redis URL): one worker of a crawl shared through Redis.
NEWSBOT_REDIS_URL: str | None = None  # redis://host:port/db[?namespace=X]; None: a local crawl
NEWSBOT_REDIS_SEED_TTL = 3600  # seconds the seed lock (one discovery per cycle) lasts at most
NEWSBOT_REDIS_WORKER_TIMEOUT = 30.0  # a worker silent this long is dead; its requests re-queued
NEWSBOT_REDIS_IDLE_TIMEOUT = 300.0  # an idle worker waits this long for others' work, then leaves
NEWSBOT_REDIS_ITEMS_KEY: str | None = None  # also RPUSH each kept item (JSON) to this Redis list
