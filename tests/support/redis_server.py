"""Pytest plugin: a real ``redis-server`` on a free loopback port for the whole session.

Started in a temporary directory with persistence off, torn down at the end. When the
binary is absent the Redis tests are skipped with a visible reason, except under
``CI=true``, where that is a failure: CI must run the contract suite on real Redis.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest

STARTUP_TIMEOUT_S = 10.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_ready(process: subprocess.Popen[bytes]) -> None:
    """Read the server's log on stdout until it says it accepts connections (no sleeping)."""
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    seen = b""
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([process.stdout], [], [], left)
        if not ready:
            break
        chunk = os.read(process.stdout.fileno(), 65536)  # unbuffered: select stays truthful
        if not chunk:
            raise RuntimeError(f"redis-server exited: {seen.decode(errors='replace')[-300:]}")
        seen += chunk
        if b"Ready to accept connections" in seen:
            return
    raise RuntimeError(f"redis-server did not start in {STARTUP_TIMEOUT_S} s")


def _drain(process: subprocess.Popen[bytes]) -> None:
    assert process.stdout is not None
    for _ in process.stdout:
        pass


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """The ``redis://127.0.0.1:PORT`` of a private server; skipped if there is no binary."""
    binary = shutil.which("redis-server")
    if binary is None:
        reason = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Redis tests: {reason}")
        pytest.skip(reason)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="newsbot-redis-") as workdir:
        command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--dir", workdir, "--logfile", ""]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        # Once the server is up its log is no longer read: drain it so the pipe never fills.
        drain = threading.Thread(target=_drain, args=(process,), daemon=True)
        try:
            _wait_until_ready(process)
            drain.start()
            yield f"redis://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if drain.is_alive():
                drain.join(timeout=10)
            if process.stdout is not None:
                process.stdout.close()


@pytest.fixture
def redis_uri(redis_server: str, request: pytest.FixtureRequest) -> str:
    """A store URI with a namespace of its own per test, so tests never share keys."""
    name = "".join(c if c.isalnum() else "-" for c in request.node.name)[:60]
    return f"{redis_server}/0?namespace=test-{name}-{os.getpid()}"
