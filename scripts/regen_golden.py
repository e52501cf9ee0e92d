"""Regenerate the golden expectations in tests/data/golden/ from the saved pages.

Usage::

    python scripts/regen_golden.py            # rewrite every <name>.json
    python scripts/regen_golden.py --add NAME FILE URL "where it came from"

``pages.json`` lists each page: its file, URL and origin. Review the diff of the
regenerated JSON before committing it: a golden file records behaviour someone checked.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
MANIFEST = GOLDEN / "pages.json"
FETCHED_AT = "2026-01-01T00:00:00Z"

sys.path.insert(0, str(ROOT))

from newsbot.extraction import extract_article  # noqa: E402


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def expected_item(name: str, entry: dict[str, str]) -> dict[str, object]:
    """The item newsbot extracts from one golden page, with a fixed ``fetchedAt``."""
    article = extract_article(
        read_page(GOLDEN / entry["file"]),
        entry["url"],
        source="golden",
        fetched_at=FETCHED_AT,
        strict=True,
    )
    return article.to_dict()


def add_page(name: str, source: Path, url: str, origin: str) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}
    target = GOLDEN / (f"{name}.html.gz" if source.suffix == ".gz" else f"{name}.html")
    shutil.copyfile(source, target)
    manifest[name] = {"file": target.name, "url": url, "origin": origin}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add", nargs=4, metavar=("NAME", "FILE", "URL", "ORIGIN"))
    args = parser.parse_args(argv)
    if args.add:
        name, source, url, origin = args.add
        add_page(name, Path(source), url, origin)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for name, entry in sorted(manifest.items()):
        item = expected_item(name, entry)
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(item, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
