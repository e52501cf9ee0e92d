"""Session-wide test set-up: the loopback-only network guard and the corpus location.

Fixture plugins live in ``tests/support/`` and are listed in ``pytest_plugins``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
SHARED = ROOT.parent / "shared"
GUARD = TESTS / "guard"

# Install the guard here and in every Python subprocess the tests start.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(GUARD), os.environ.get("PYTHONPATH", "")) if p
)
sys.path.insert(0, str(GUARD))
import sitecustomize  # noqa: E402, F401  (the guard: installs itself on import)

pytest_plugins: list[str] = ["tests.support.mockserver", "tests.support.redis_server"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``shared`` need ../shared; say so visibly when it is absent."""
    if SHARED.is_dir():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI must have the corpora at {SHARED}")
    skip = pytest.mark.skip(reason=f"../shared is absent ({SHARED}): corpus tests need it")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
