"""Downloader middlewares: what newsbot refuses to fetch, and which responses it refuses."""
