from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def test_guard_refuses_a_non_loopback_connection() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s,
        pytest.raises(ConnectionRefusedError, match="test guard"),
    ):
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: would leave the machine


def test_guard_allows_loopback() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.2", 0))
        server.listen(1)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
            client.connect(server.getsockname())
            conn, _ = server.accept()
            conn.close()


def test_guard_is_installed_in_subprocesses() -> None:
    code = (
        "import socket\n"
        "s = socket.socket()\n"
        "try:\n"
        "    s.connect(('198.51.100.7', 443))\n"
        "except ConnectionRefusedError as e:\n"
        "    print('refused:', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "refused: test guard" in out.stdout
