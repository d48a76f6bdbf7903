"""One delivery attempt: POST the signed CloudEvent to the subscriber's endpoint, and say how it went (contract §12).

The endpoint is untrusted: its URL is judged again (the settings may have changed since it was registered), its
name resolved and every address judged (`adapters/url_guard.py`), and the request goes to the address that was
judged. No redirect is followed. The whole attempt, lookup included, has one deadline, and at most a few KB of the
answer are read (only the status counts). A 2xx is success; 410 Gone means the subscriber wants no more.

The request goes straight to an httpx transport, not through a client: a client's layers are for what an attempt
must not do (follow redirects, keep cookies one answer set, authenticate), and they cost a third of a request's CPU.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from enum import StrEnum

import httpx

from correspondence.adapters import url_guard

MAX_ANSWER_BYTES = 16 * 1024
MAX_ERROR = 1024
USER_AGENT = "Correspondence-Webhooks/1"


class Outcome(StrEnum):
    DELIVERED = "delivered"
    GONE = "gone"  # 410: the subscription is disabled at once
    FAILED = "failed"  # anything else: retried on the schedule, then FAILED


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    response_status: int | None
    error: str | None
    seconds: float


def _outcome(status: int) -> Outcome:
    if 200 <= status < 300:
        return Outcome.DELIVERED
    return Outcome.GONE if status == 410 else Outcome.FAILED


async def post(
    transport: httpx.AsyncBaseTransport,
    url: str,
    body: str,
    headers: dict[str, str],
    *,
    allow_private: bool,
    deadline_seconds: float,
) -> Result:
    started = time.perf_counter()
    status: int | None = None
    try:
        async with asyncio.timeout(deadline_seconds):
            target = httpx.URL(url)
            address = await url_guard.checked_address(target, allow_private=allow_private, what="The webhook URL")
            direct = url_guard.direct_request(target, address)
            request = httpx.Request(
                "POST",
                direct.url,
                content=body.encode(),
                headers={"User-Agent": USER_AGENT, **headers, **direct.headers},
                extensions={"timeout": httpx.Timeout(deadline_seconds).as_dict(), **direct.extensions},
            )
            response = await transport.handle_async_request(request)
            status = response.status_code
            await _drain(response)
    except TimeoutError:
        if status is not None and _outcome(status) is not Outcome.FAILED:
            return _answered(status, started)  # the answer came; only its body was slow
        return _failed(status, f"No answer within {deadline_seconds:g} s.", started)
    except url_guard.UnsafeEndpoint as error:
        return _failed(None, str(error), started)
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
        return _failed(status, f"{type(error).__name__}: {error}" if str(error) else type(error).__name__, started)
    return _answered(status, started)


def _answered(status: int, started: float) -> Result:
    outcome = _outcome(status)
    error = None if outcome is Outcome.DELIVERED else f"The endpoint answered HTTP {status}."
    return Result(outcome, status, error, time.perf_counter() - started)


def _failed(status: int | None, error: str, started: float) -> Result:
    return Result(Outcome.FAILED, status, error[:MAX_ERROR], time.perf_counter() - started)


async def _drain(response: httpx.Response) -> None:
    """Reads the answer up to MAX_ANSWER_BYTES, so a small one leaves the connection reusable; a larger one is
    cut off (its connection closed)."""
    try:
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > MAX_ANSWER_BYTES:
                break
    finally:
        await response.aclose()
