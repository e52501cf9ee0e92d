"""The exceptions newsbot raises.

Hierarchy::

    NewsbotError         a user-facing problem: one line on stderr, exit status ``exit_code``
    ├── SourceError      a source is unknown, or its TOML file is invalid (names file and key)
    ├── StoreError       the store can't be opened: corrupt, foreign, newer schema, unreachable
    ├── InputError       an input file or URL can't be read
    └── UsageError       a bad option value (``--since``, ``--format``, an output path)

    ExtractionError      a page yields no article (not a user mistake: counted, page dropped)
    └── NoArticleError   the page has no article text
"""

from __future__ import annotations


class NewsbotError(Exception):
    """A problem the user can fix; reported as one line on stderr."""

    exit_code = 2


class SourceError(NewsbotError):
    """A source is unknown, or its file is invalid."""


class StoreError(NewsbotError):
    """The store can't be opened or used."""


class InputError(NewsbotError):
    """An input can't be read."""

    exit_code = 1


class UsageError(NewsbotError):
    """A command-line option has a bad value."""


class ExtractionError(Exception):
    """A page could not be turned into an article."""


class NoArticleError(ExtractionError):
    """The page holds no article text."""
