"""Helpers shared by the benchmark scripts (imported as `common`: each script runs with bench/ on sys.path)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import aiosmtplib
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from correspondence.adapters.mail import compose  # noqa: E402
from correspondence.kit import clock  # noqa: E402
from correspondence.kit.identifiers import _PID_WEIGHTS_1, _PID_WEIGHTS_2, _mod11  # noqa: E402

BIN = Path(sys.executable).parent
# The benchmarks measure the service's pace, not the fair-use limits (contract §15): the limiter still counts every
# request in Redis, as in production, but with ceilings a single benchmark client never reaches.
UNLIMITED = {"CORRESPONDENCE_RATE_LIMITS": "send=1000000000/minute;order=1000000000/minute;graphql=1000000/second"}
# Words of correspondence titles and bodies, and of searches for them.
WORDS = [
    "skatt",
    "vedtak",
    "melding",
    "frist",
    "barnetrygd",
    "søknad",
    "påminnelse",
    "faktura",
    "innkalling",
    "brev",
    "svar",
    "klage",
]


def national_identity_numbers(count: int) -> list[str]:
    """Valid numbers (date part and both check digits), distinct, deterministic."""

    def candidates() -> Iterator[str]:
        for year in range(50, 100):
            for month in range(1, 13):
                for day in range(1, 29):
                    for individual in range(100, 500):
                        yield f"{day:02d}{month:02d}{year:02d}{individual:03d}"

    numbers: list[str] = []
    for nine in candidates():
        first = _mod11(nine, _PID_WEIGHTS_1)
        if first is None:
            continue
        second = _mod11(nine + str(first), _PID_WEIGHTS_2)
        if second is None:
            continue
        numbers.append(f"{nine}{first}{second}")
        if len(numbers) == count:
            return numbers
    raise RuntimeError("not enough numbers")


def start(args: list[str], environment: dict[str, str], log: Path, cpu: int | None = None) -> subprocess.Popen[bytes]:
    """`correspondence <args>` with its output in `log`; pinned to one CPU (taskset) when `cpu` is given."""
    pinned = ["taskset", "-c", str(cpu)] if cpu is not None else []
    with log.open("wb") as out:
        return subprocess.Popen(
            [*pinned, str(BIN / "correspondence"), *args], env=environment, stdout=out, stderr=subprocess.STDOUT
        )


async def wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(600):
            if process.poll() is not None:
                sys.exit(f"{base} exited with {process.returncode}")
            try:
                if (await http.get(f"{base}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    sys.exit(f"{base} did not become ready")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of `values` (not empty), `fraction` in [0, 1]."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def bare_smtp_rate(port: int, count: int, subject: str, body: str) -> float:
    """Messages a second of the baseline: `count` e-mails composed as the service composes them, sent in a plain
    loop over one reused connection to the SMTP server on `port`."""
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port)
    await smtp.connect()
    started = time.perf_counter()
    for number in range(count):
        mail = compose(
            sender="varsel@correspondence.local",
            recipient=f"bare{number}@example.no",
            subject=subject,
            body=body,
            html=False,
            message_id=f"<{uuid.uuid4()}@correspondence.local>",
            date=clock.now(),
        )
        await smtp.sendmail(mail.sender, [mail.recipient], mail.data)
    elapsed = time.perf_counter() - started
    await smtp.quit()
    return count / elapsed
