"""Reading the labelled corpora (layouts in ../shared/corpus/README.md) into plain pages."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbot.errors import InputError


@dataclass
class LabelledPage:
    """One corpus page: its HTML bytes, URL and labels (corpus-specific keys)."""

    id: str
    html: bytes
    url: str
    labels: dict[str, Any] = field(default_factory=dict)


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def require(directory: Path) -> Path:
    """The directory, or an :class:`InputError` naming it."""
    if not directory.is_dir():
        raise InputError(f"corpus not found: {directory}")
    return directory


def aeb_pages(root: Path) -> Iterator[LabelledPage]:
    """aeb/: ``html/<id>.html.gz`` and ``ground-truth.json`` (``articleBody``, ``url``)."""
    base = require(root / "aeb")
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = base / "html" / f"{page_id}.html.gz"
        if path.is_file():
            label = truth[page_id]
            yield LabelledPage(page_id, _read(path), label.get("url") or "", label)


def wcxb_pages(root: Path) -> Iterator[LabelledPage]:
    """wcxb-dev/: ``html/<id>.html.gz`` and ``ground-truth/<id>.json`` (``ground_truth``)."""
    base = require(root / "wcxb-dev")
    for truth_path in sorted((base / "ground-truth").glob("*.json")):
        page_id = truth_path.stem
        path = base / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue
        data = json.loads(truth_path.read_text(encoding="utf-8"))
        yield LabelledPage(
            page_id, _read(path), data.get("url") or "", data.get("ground_truth") or {}
        )


def wire_pages(root: Path) -> Iterator[LabelledPage]:
    """wire-dev/: ``NNN.html`` with ``NNN.json`` labels."""
    base = require(root / "wire-dev")
    for label_path in sorted(base.glob("*.json")):
        html_path = label_path.with_suffix(".html")
        if html_path.is_file():
            labels = json.loads(label_path.read_text(encoding="utf-8"))
            yield LabelledPage(
                label_path.stem, html_path.read_bytes(), labels.get("url") or "", labels
            )


def seed_page(root: Path) -> LabelledPage:
    """../seed/seed-page.html with seed-page.json, beside the corpus directory."""
    base = require(root.parent / "seed")
    labels = json.loads((base / "seed-page.json").read_text(encoding="utf-8"))
    return LabelledPage("seed", (base / "seed-page.html").read_bytes(), labels["url"], labels)
