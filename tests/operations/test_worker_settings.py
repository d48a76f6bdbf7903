"""The worker's registry of jobs: every job and cron slot reachable under its own name."""

from __future__ import annotations

from arq.worker import Worker

from correspondence.settings import Settings
from correspondence.worker import WorkerSettings, worker_settings


def test_every_function_and_cron_job_has_its_own_name(redis_url: str) -> None:
    settings = Settings(_env_file=None, redis_url=redis_url, smtp_host="127.0.0.1")
    worker = Worker(**worker_settings(settings), handle_signals=False)
    cron_names = [job.name for job in WorkerSettings.cron_jobs]
    function_names = [getattr(f, "__qualname__", str(f)) for f in WorkerSettings.functions]
    assert len(set(cron_names)) == len(cron_names), cron_names
    # arq keys every job by name: a clash would silently drop one of them.
    assert len(worker.functions) == len(function_names) + len(cron_names)
    assert {"cron:correspondence_sweep", "cron:notification_sweep"} <= set(worker.functions)
