"""The JSON Schema every written item is valid against."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def article_schema() -> dict[str, Any]:
    """The article JSON Schema (draft 2020-12) shipped with the package."""
    text = files(__package__).joinpath("article.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
