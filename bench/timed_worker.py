"""The service's worker (`correspondence worker`) for benchmarks, with each job's count and total run time written
to a JSON file when it stops: `python bench/timed_worker.py STATS.json` with CORRESPONDENCE_* set."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import uvloop
from arq.cron import CronJob
from arq.worker import Function, Worker, func

from correspondence.cli.environment import configure_logging
from correspondence.settings import Settings
from correspondence.worker import worker_settings

Job = Callable[..., Awaitable[Any]]
# name -> [count, total seconds]
STATS: dict[str, list[float]] = {}


def timed(name: str, coroutine: Job) -> Job:
    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await coroutine(ctx, *args, **kwargs)
        finally:
            entry = STATS.setdefault(name, [0, 0.0])
            entry[0] += 1
            entry[1] += time.perf_counter() - started

    return run


def timed_function(item: Function | Job) -> Function:
    function = item if isinstance(item, Function) else func(item)
    return func(
        timed(function.name, function.coroutine),
        name=function.name,
        timeout=function.timeout_s,
        keep_result=function.keep_result_s,
        max_tries=function.max_tries,
    )


def timed_cron(job: CronJob) -> CronJob:
    job.coroutine = timed(job.name, job.coroutine)
    return job


def save(path: Path) -> None:
    path.write_text(json.dumps(STATS))


def main(stats_path: Path) -> None:
    options = worker_settings(Settings())
    options["functions"] = [timed_function(f) for f in options["functions"]]
    options["cron_jobs"] = [timed_cron(j) for j in options["cron_jobs"]]
    shutdown = options["on_shutdown"]

    async def write_stats(ctx: dict[str, Any]) -> None:
        await shutdown(ctx)
        save(stats_path)

    options["on_shutdown"] = write_stats
    configure_logging()
    # uvloop, as `correspondence worker` runs: the figures are the service's own
    loop = uvloop.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        Worker(**options).run()
    finally:
        loop.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
