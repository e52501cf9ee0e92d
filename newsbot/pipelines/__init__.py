"""Item pipelines: extraction first (FetchedPage -> Article), then dedup."""
