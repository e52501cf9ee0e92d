"""Builds the egg that ``scrapyd-deploy`` uploads to Scrapyd; pip installs use pyproject.toml.

Metadata (name, version, dependencies, the ``scrapy`` settings entry point Scrapyd needs)
comes from pyproject.toml; this file only says what goes in the egg: the package with its
data files (bundled sources, the item schema, the demo site).
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["newsbot", "newsbot.*"]),
    package_data={"newsbot": ["**/*.toml", "**/*.json", "**/*.html", "**/*.xml", "**/*.txt"]},
)
