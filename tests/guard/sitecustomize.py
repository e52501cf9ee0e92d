"""Refuse every connection to a non-loopback address.

The test session puts this directory on ``PYTHONPATH``, so the guard is installed in
pytest itself and in every Python subprocess it starts (crawls, Scrapyd, workers):
a bug can never send traffic off the machine.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _is_loopback(family: int, address: Any) -> bool:
    if family not in (socket.AF_INET, socket.AF_INET6):
        return True  # AF_UNIX and friends never leave the machine
    host = address[0] if isinstance(address, tuple) else address
    try:
        ip = ipaddress.ip_address(str(host).split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


class OffMachineConnection(ConnectionRefusedError):
    """Raised by the guard instead of connecting off the machine."""


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_loopback(self.family, address):
        raise OffMachineConnection(f"test guard: refused connection to {address!r}")
    _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_loopback(self.family, address):
        raise OffMachineConnection(f"test guard: refused connection to {address!r}")
    return _connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
