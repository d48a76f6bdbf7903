"""Real API processes (uvicorn) on free ports, sharing the test database and Redis."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ApiProcess:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    async def subscribers(self) -> int:
        async with httpx.AsyncClient() as http:
            text = (await http.get(f"{self.url}/metrics")).text
        match = re.search(r"^correspondence_event_subscribers (\S+)$", text, re.MULTILINE)
        return int(float(match.group(1))) if match else 0

    async def subscribers_reach(self, count: int, within: float = 10.0) -> None:
        deadline = time.monotonic() + within
        while (current := await self.subscribers()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{current} subscribers on {self.url}, expected {count}")
            await asyncio.sleep(0.05)

    def stop(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)


def start_api(environment: dict[str, str], log_dir: Path, name: str) -> ApiProcess:
    port = free_port()
    log = log_dir / f"api-{name}-{port}.log"
    env = {**os.environ, "CORRESPONDENCE_DEV_MODE": "true", **environment}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "correspondence.app:app_from_environment",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--timeout-graceful-shutdown",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return ApiProcess(process, port, log)


async def ready(api: ApiProcess, within: float = 30.0) -> None:
    """Until /readyz answers 200: database, Redis and the event listener are up."""
    deadline = time.monotonic() + within
    async with httpx.AsyncClient() as http:
        while True:
            if api.process.poll() is not None:
                raise RuntimeError(f"API process exited: {api.log.read_text()}")
            try:
                if (await http.get(f"{api.url}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"API process not ready: {api.log.read_text()}")
            await asyncio.sleep(0.1)
