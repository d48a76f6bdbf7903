"""Attachment transfer benchmark (issue: attachments).

Uploads a 250 MB file through the running service (`initializeAttachment` + `PUT /attachments/{id}/content`:
counted, MD5 + SHA-256, AES-256-GCM in chunks, fsynced) and downloads it again (decrypting), and in the same run
streams the same file through a bare starlette endpoint that only writes it to disk while computing the same
checksums, and reads it back. Prints MB/s for each, the ratios (target >= 0.5 for upload and download) and the
service process's peak RSS growth while transferring (target <= 64 MB).

With `--storage s3` the service stores in a bucket of moto's S3 server, and the baseline is the same transfer
through obstore alone (`bare_s3.py`): targets >= 0.8 of that rate each way, peak RSS growth <= 64 MB. Three
parties share two cores, so the S3 server stands in for a remote store on a core of its own (core 1), the service
and then the baseline run on core 0, and the service's client is curl on core 1 (C: a few percent of a core,
as a remote client costs this machine nothing; a Python client there slowed moto down and measured httpx).
Each process's CPU seconds per phase are printed beside the wall-clock time.

Without `--storage s3`, servers run pinned to core 0 and the client (httpx) to core 1. The download is the
sender's own (allowed until publishing), so no worker is needed.
Usage: uv run python bench/attachments.py [--megabytes 250] [--storage s3] (needs Redis on 127.0.0.1).
Never part of CI.

`--zip` (issue 17) instead measures `GET /correspondences/{id}/attachments.zip`: a letter with ten attachments of
`--megabytes` (default there 25) downloaded as one ZIP against the same ten downloaded one by one from the same
service, taking turns for `--rounds` rounds. Targets: ZIP rate >= 0.8 of the one-by-one rate; the service's peak
RSS growth while zipping <= 32 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token  # noqa: E402
from correspondence.kit import db  # noqa: E402
from correspondence.settings import Settings  # noqa: E402

REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
DATA_DIR = ROOT / "bench" / ".data" / "attachments"
AGENCY = "974760673"
BLOCK = 1024 * 1024
MB = 1024 * 1024
SERVICE_PORT, BARE_PORT, MOTO_PORT = 8821, 8822, 8823
BUCKET, REGION, PART_BYTES = "bench-attachments", "eu-north-1", 8 * MB
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench-secret"}
console = Console()


def prepare(megabytes: int) -> tuple[Path, str]:
    """A fresh data dir with a migrated SQLite database, the sender's resource, and the test file."""
    shutil.rmtree(DATA_DIR / "service", ignore_errors=True)
    (DATA_DIR / "service").mkdir(parents=True)
    (DATA_DIR / "bare").mkdir(parents=True, exist_ok=True)
    database = DATA_DIR / "service" / "bench.sqlite3"
    db.migrate(f"sqlite://{database}")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO organization (organization_number, name) VALUES (?, 'Benchmark-etaten')", [AGENCY]
        )
        connection.execute(
            "INSERT INTO resource (resource_id, owner_organization_number, title_nb, is_confidential) "
            "VALUES ('bench-letter', ?, 'Benchmark', 0)",
            [AGENCY],
        )
    source = DATA_DIR / f"source-{megabytes}mb.bin"
    if not source.exists() or source.stat().st_size != megabytes * MB:
        with source.open("wb") as file:
            for _ in range(megabytes):
                file.write(os.urandom(MB))
    md5 = hashlib.md5(usedforsecurity=False)
    with source.open("rb") as file:
        while block := file.read(BLOCK):
            md5.update(block)
    return source, md5.hexdigest()


def start(command: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(["taskset", "-c", "0", *command], env={**os.environ, **env}, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=0.5)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server on port {port} did not start")


class PeakRss:
    """Samples a process's resident set every 20 ms from a thread."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.baseline = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self) -> PeakRss:
        self.baseline = self.peak = self.process.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / MB


async def file_blocks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as file:
        while block := await asyncio.to_thread(file.read, BLOCK):
            yield block


async def timed_upload(http: httpx.AsyncClient, url: str, source: Path, headers: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    response = await http.put(url, content=file_blocks(source), headers=headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text[:300]
    return elapsed, response.text


async def timed_download(http: httpx.AsyncClient, url: str, headers: dict[str, str]) -> tuple[float, str, int]:
    md5, size = hashlib.md5(usedforsecurity=False), 0
    started = time.perf_counter()
    async with http.stream("GET", url, headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        async for block in response.aiter_raw(BLOCK):
            md5.update(block)
            size += len(block)
    return time.perf_counter() - started, md5.hexdigest(), size


async def curl(*arguments: str) -> tuple[float, str]:
    """One transfer by curl (C, a few percent of a core at these rates), as a remote client would cost the machine
    nothing: with `--storage s3` the client shares core 1 with the S3 server, and must not slow it down."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        "curl", "--silent", "--show-error", "--fail-with-body", *arguments, stdout=asyncio.subprocess.PIPE
    )
    output, _ = await process.communicate()
    elapsed = time.perf_counter() - started
    assert process.returncode == 0, output[:300]
    return elapsed, output.decode()


async def curl_upload(url: str, source: Path, headers: dict[str, str]) -> tuple[float, str]:
    return await curl("--upload-file", str(source), *header_arguments(headers), url)


async def curl_download(url: str, headers: dict[str, str]) -> tuple[float, str, int]:
    """Timed to the last byte on disk; the MD5 is computed afterwards, outside the timing."""
    target = DATA_DIR / "downloaded.bin"
    elapsed, _ = await curl("--output", str(target), *header_arguments(headers), url)
    md5 = hashlib.md5(usedforsecurity=False)
    with target.open("rb") as file:
        while block := file.read(BLOCK):
            md5.update(block)
    size = target.stat().st_size
    target.unlink()
    return elapsed, md5.hexdigest(), size


def header_arguments(headers: dict[str, str]) -> list[str]:
    return [argument for name, value in headers.items() for argument in ("--header", f"{name}: {value}")]


async def graphql(http: httpx.AsyncClient, token: str, query: str, variables: dict[str, object]) -> dict[str, object]:
    response = await http.post(
        f"http://127.0.0.1:{SERVICE_PORT}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    body = response.json()
    assert not body.get("errors"), body
    return dict(body["data"])


INITIALIZE = "mutation($input: AttachmentInput!) { initializeAttachment(input: $input) { id } }"
SEND = """mutation($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) { correspondences { id } } }"""


class CpuSeconds:
    """CPU seconds (user + system) that processes spend, per phase: where a transfer's time goes."""

    def __init__(self, *, curl: bool = False, **pids: int) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.curl = curl
        self.phases: dict[str, dict[str, float]] = {}
        self._started: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        now = {name: sum(process.cpu_times()[:2]) for name, process in self.processes.items()}
        if self.curl:  # the finished curl processes (the servers are children too, but not yet waited for)
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            now["curl"] = children.ru_utime + children.ru_stime
        return now

    def start(self) -> None:
        self._started = self._now()

    def stop(self, phase: str) -> None:
        self.phases[phase] = {name: now - self._started[name] for name, now in self._now().items()}


async def service_round(
    http: httpx.AsyncClient, token: str, source: Path, md5: str, cpu: CpuSeconds, *, by_curl: bool
) -> tuple[float, float]:
    created = await graphql(
        http,
        token,
        INITIALIZE,
        {"input": {"resourceId": "bench-letter", "fileName": "big.bin", "sendersReference": "bench", "checksum": md5}},
    )
    attachment_id = created["initializeAttachment"]["id"]  # type: ignore[index]
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"}
    upload_url = f"http://127.0.0.1:{SERVICE_PORT}/attachments/{attachment_id}/content"
    cpu.start()
    if by_curl:
        upload_seconds, body = await curl_upload(upload_url, source, auth)
    else:
        upload_seconds, body = await timed_upload(http, upload_url, source, auth)
    cpu.stop("upload")
    assert '"PUBLISHED"' in body, body
    sent = await graphql(
        http,
        token,
        SEND,
        {
            "input": {
                "resourceId": "bench-letter",
                "sendersReference": "bench",
                "recipients": [AGENCY],
                "requestedPublishTime": "2999-01-01T00:00:00Z",  # stays unpublished: the sender may download
                "content": {"language": "nb", "messageTitle": "Stort vedlegg", "messageBody": "Se vedlegg."},
                "existingAttachments": [attachment_id],
            }
        },
    )
    correspondence_id = sent["sendCorrespondence"]["correspondences"][0]["id"]  # type: ignore[index]
    download_url = f"http://127.0.0.1:{SERVICE_PORT}/correspondences/{correspondence_id}/attachments/{attachment_id}"
    cpu.start()
    if by_curl:
        download_seconds, downloaded_md5, _ = await curl_download(download_url, {"Authorization": f"Bearer {token}"})
    else:
        download_seconds, downloaded_md5, _ = await timed_download(
            http, download_url, {"Authorization": f"Bearer {token}"}
        )
    cpu.stop("download")
    assert downloaded_md5 == md5
    return upload_seconds, download_seconds


async def bare_round(http: httpx.AsyncClient, source: Path, md5: str, cpu: CpuSeconds) -> tuple[float, float]:
    cpu.start()
    upload_seconds, body = await timed_upload(http, f"http://127.0.0.1:{BARE_PORT}/upload", source, {})
    cpu.stop("upload")
    assert md5 in body
    cpu.start()
    download_seconds, downloaded_md5, _ = await timed_download(http, f"http://127.0.0.1:{BARE_PORT}/download", {})
    cpu.stop("download")
    assert downloaded_md5 == md5
    return upload_seconds, download_seconds


class MotoServer:
    """moto's S3 server with one bucket, for `--storage s3`."""

    def __init__(self) -> None:
        self.endpoint = f"http://127.0.0.1:{MOTO_PORT}"
        self.process = subprocess.Popen(
            ["taskset", "-c", "1", sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(MOTO_PORT)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.endpoint}/moto-api/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("moto's server did not start") from None
                time.sleep(0.2)
        location = (
            f"<CreateBucketConfiguration><LocationConstraint>{REGION}</LocationConstraint></CreateBucketConfiguration>"
        )
        httpx.put(f"{self.endpoint}/{BUCKET}", content=location).raise_for_status()

    def environment(self) -> dict[str, str]:
        return {
            "CORRESPONDENCE_STORAGE_URL": f"s3://{BUCKET}/attachments",
            "CORRESPONDENCE_S3_ENDPOINT_URL": self.endpoint,
            "CORRESPONDENCE_S3_REGION": REGION,
            "CORRESPONDENCE_S3_PART_BYTES": str(PART_BYTES),
        }

    def bare_round(self, source: Path, cpu: CpuSeconds) -> tuple[float, float]:
        """Upload and download through obstore alone, pinned to the service's core."""
        command = ["taskset", "-c", "0", sys.executable, "bench/bare_s3.py", self.endpoint, BUCKET, "bare.bin"]
        arguments = [str(source), str(PART_BYTES), str(self.process.pid)]
        output = subprocess.run([*command, *arguments], cwd=ROOT, capture_output=True, check=True)
        measured = json.loads(output.stdout)
        for phase in ("upload", "download"):
            client, server = measured[f"{phase}_cpu"]
            cpu.phases[phase] = {"obstore alone": float(client), "moto": float(server)}
        return float(measured["upload"]), float(measured["download"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


async def main(megabytes: int, storage: str) -> None:
    os.sched_setaffinity(0, {1})  # the client on the other core
    source, md5 = prepare(megabytes)
    settings = Settings(_env_file=None, data_dir=DATA_DIR / "service", dev_mode=True)  # type: ignore[call-arg]
    ensure_dev_keys(settings.dev_key_dir)
    token = mint_dev_token(
        settings, {"consumer": f"0192:{AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"}, 3600
    )
    env = {
        "CORRESPONDENCE_DATABASE_URL": f"sqlite://{DATA_DIR / 'service' / 'bench.sqlite3'}",
        "CORRESPONDENCE_REDIS_URL": REDIS,
        "CORRESPONDENCE_DEV_MODE": "true",
        "CORRESPONDENCE_DATA_DIR": str(DATA_DIR / "service"),
        "CORRESPONDENCE_MAX_ATTACHMENT_BYTES": str(max(megabytes, 250) * MB),
    }
    os.environ.update(S3_CREDENTIALS)  # read by the service's store and by bare_s3.py
    moto = MotoServer() if storage == "s3" else None
    if moto is not None:
        env.update(moto.environment())
    timeout = httpx.Timeout(600)
    service = start([sys.executable, "bench/serve.py", str(SERVICE_PORT)], SERVICE_PORT, env)
    store_pid = {"moto": moto.process.pid} if moto is not None else {}
    service_cpu = CpuSeconds(curl=moto is not None, service=service.pid, client=os.getpid(), **store_pid)
    try:
        async with httpx.AsyncClient(timeout=timeout) as http:
            with PeakRss(service.pid) as rss:
                service_up, service_down = await service_round(
                    http, token, source, md5, service_cpu, by_curl=moto is not None
                )
    finally:
        service.terminate()
        service.wait()
    if moto is not None:
        bare_cpu = CpuSeconds()
        try:
            bare_up, bare_down = moto.bare_round(source, bare_cpu)
        finally:
            moto.stop()
        bare_growth, baseline, target = "—", "obstore alone", 0.8
    else:
        bare = start(
            [sys.executable, "bench/bare_attachments.py", str(BARE_PORT), str(DATA_DIR / "bare")], BARE_PORT, env
        )
        bare_cpu = CpuSeconds(bare=bare.pid, client=os.getpid())
        try:
            async with httpx.AsyncClient(timeout=timeout) as http:
                with PeakRss(bare.pid) as bare_rss:
                    bare_up, bare_down = await bare_round(http, source, md5, bare_cpu)
        finally:
            bare.terminate()
            bare.wait()
        bare_growth, baseline, target = f"{bare_rss.growth_mb:.1f}", "bare", 0.5

    table = Table(title=f"{megabytes} MB file, one transfer each, storage: {storage}")
    for column in ("run", "upload MB/s", "download MB/s", "peak RSS growth MB"):
        table.add_column(column)
    table.add_row("service", f"{megabytes / service_up:.0f}", f"{megabytes / service_down:.0f}", f"{rss.growth_mb:.1f}")
    table.add_row(baseline, f"{megabytes / bare_up:.0f}", f"{megabytes / bare_down:.0f}", bare_growth)
    console.print(table)
    print_cpu(megabytes, {"service": (service_cpu, service_up, service_down), baseline: (bare_cpu, bare_up, bare_down)})
    console.print(f"upload ratio {bare_up / service_up:.2f} (target >= {target})")
    console.print(f"download ratio {bare_down / service_down:.2f} (target >= {target})")
    console.print(f"service peak RSS growth {rss.growth_mb:.1f} MB (target <= 64 MB)")


def print_cpu(megabytes: int, runs: dict[str, tuple[CpuSeconds, float, float]]) -> None:
    """Each process's CPU seconds per phase beside the phase's wall-clock seconds: where the time went."""
    table = Table(title="CPU seconds per process (wall-clock seconds in brackets)")
    for column in ("run", "upload", "download"):
        table.add_column(column)
    for run, (cpu, upload, download) in runs.items():
        cells = [
            ", ".join(f"{name} {seconds:.2f}" for name, seconds in cpu.phases[phase].items()) + f" ({wall:.2f})"
            for phase, wall in (("upload", upload), ("download", download))
        ]
        table.add_row(run, *cells)
    console.print(table)


# --- ZIP of every attachment (issue 17) -------------------------------------------------------------------------

ZIP_FILES = 10


async def zip_letter(http: httpx.AsyncClient, token: str, source: Path, md5: str) -> tuple[str, list[str]]:
    """A letter (unpublished: its sender may download) carrying ZIP_FILES uploads of the source file."""
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"}
    attachment_ids = []
    for number in range(ZIP_FILES):
        attachment = {"resourceId": "bench-letter", "fileName": f"vedlegg-{number}.bin", "sendersReference": "bench"}
        created = await graphql(http, token, INITIALIZE, {"input": {**attachment, "checksum": md5}})
        attachment_id = created["initializeAttachment"]["id"]  # type: ignore[index]
        url = f"http://127.0.0.1:{SERVICE_PORT}/attachments/{attachment_id}/content"
        await timed_upload(http, url, source, auth)
        attachment_ids.append(attachment_id)
    sent = await graphql(
        http,
        token,
        SEND,
        {
            "input": {
                "resourceId": "bench-letter",
                "sendersReference": "bench-zip",
                "recipients": [AGENCY],
                "requestedPublishTime": "2999-01-01T00:00:00Z",
                "content": {"language": "nb", "messageTitle": "Mange vedlegg", "messageBody": "Se vedlegg."},
                "existingAttachments": attachment_ids,
            }
        },
    )
    return sent["sendCorrespondence"]["correspondences"][0]["id"], attachment_ids  # type: ignore[index]


async def one_by_one(http: httpx.AsyncClient, token: str, letter: str, attachment_ids: list[str], md5: str) -> float:
    seconds = 0.0
    for attachment_id in attachment_ids:
        url = f"http://127.0.0.1:{SERVICE_PORT}/correspondences/{letter}/attachments/{attachment_id}"
        elapsed, downloaded_md5, _ = await timed_download(http, url, {"Authorization": f"Bearer {token}"})
        assert downloaded_md5 == md5
        seconds += elapsed
    return seconds


async def zip_main(megabytes: int, rounds: int) -> None:
    os.sched_setaffinity(0, {1})
    source, md5 = prepare(megabytes)
    settings = Settings(_env_file=None, data_dir=DATA_DIR / "service", dev_mode=True)  # type: ignore[call-arg]
    ensure_dev_keys(settings.dev_key_dir)
    token = mint_dev_token(
        settings, {"consumer": f"0192:{AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"}, 3600
    )
    env = {
        "CORRESPONDENCE_DATABASE_URL": f"sqlite://{DATA_DIR / 'service' / 'bench.sqlite3'}",
        "CORRESPONDENCE_REDIS_URL": REDIS,
        "CORRESPONDENCE_DEV_MODE": "true",
        "CORRESPONDENCE_DATA_DIR": str(DATA_DIR / "service"),
    }
    total_mb = megabytes * ZIP_FILES
    singles, zips, growth = [], [], []
    service = start([sys.executable, "bench/serve.py", str(SERVICE_PORT)], SERVICE_PORT, env)
    try:
        async with httpx.AsyncClient(timeout=httpx.Timeout(600)) as http:
            letter, attachment_ids = await zip_letter(http, token, source, md5)
            zip_url = f"http://127.0.0.1:{SERVICE_PORT}/correspondences/{letter}/attachments.zip"
            for _ in range(rounds):  # taking turns: drift in a shared machine weighs on both
                singles.append(await one_by_one(http, token, letter, attachment_ids, md5))
                with PeakRss(service.pid) as rss:
                    seconds, _, size = await timed_download(http, zip_url, {"Authorization": f"Bearer {token}"})
                assert size > total_mb * MB, size  # every byte of every file, plus the ZIP's headers
                zips.append(seconds)
                growth.append(rss.growth_mb)
    finally:
        service.terminate()
        service.wait()

    table = Table(title=f"{ZIP_FILES} attachments of {megabytes} MB, {rounds} rounds")
    for column in ("round", "one by one MB/s", "ZIP MB/s", "ratio", "peak RSS growth while zipping MB"):
        table.add_column(column)
    for number, (single, zipped, grown) in enumerate(zip(singles, zips, growth, strict=True), 1):
        row = (str(number), f"{total_mb / single:.0f}", f"{total_mb / zipped:.0f}", f"{single / zipped:.2f}")
        table.add_row(*row, f"{grown:.1f}")
    console.print(table)
    console.print(f"ZIP ratio {sum(singles) / sum(zips):.2f} (target >= 0.8)")
    console.print(f"service peak RSS growth while zipping {max(growth):.1f} MB (target <= 32 MB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=None, help="per file (default 250; 25 with --zip)")
    parser.add_argument("--storage", choices=["file", "s3"], default="file", help="where the service stores (issue 15)")
    parser.add_argument("--zip", action="store_true", help="measure the ZIP of every attachment (issue 17)")
    parser.add_argument("--rounds", type=int, default=3, help="with --zip")
    arguments = parser.parse_args()
    if arguments.zip:
        asyncio.run(zip_main(arguments.megabytes or 25, arguments.rounds))
    else:
        asyncio.run(main(arguments.megabytes or 250, arguments.storage))
