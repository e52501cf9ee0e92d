"""``python -m newsbot.demo.sitegen [DEST]``: regenerate the demo site (default: ../site)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from newsbot.demo.sitegen import write_site

dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "site"
if dest.exists():
    shutil.rmtree(dest)
files = write_site(dest)
print(f"wrote {len(files)} files to {dest}")
