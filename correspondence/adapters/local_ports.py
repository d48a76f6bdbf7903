"""Free TCP ports on the loopback interface, for the services `correspondence run` embeds."""

from __future__ import annotations

import socket
import time

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    # The port is released again before the caller binds it: a small race, acceptable for local dev services.
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def accepts_connections(port: int, host: str = LOOPBACK) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(port: int, timeout: float, host: str = LOOPBACK) -> bool:
    deadline = time.monotonic() + timeout
    while not accepts_connections(port, host):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
