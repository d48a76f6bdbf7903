"""End to end: `correspondence run` as an operator starts it, on a fresh data dir, until Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import httpx

from correspondence.adapters.local_ports import accepts_connections, free_port

STARTUP_TIMEOUT = 60.0  # migrations, demo world and imports on a shared 2-core machine
SHUTDOWN_TIMEOUT = 30.0


def _wait_until_ready(base: str, process: subprocess.Popen[bytes], stdout: Path, stderr: Path) -> None:
    """Ready means answering /readyz and having printed the instructions (they follow the worker's start)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"`run` exited early:\n{stderr.read_text()}"
        try:
            ready = httpx.get(f"{base}/readyz", timeout=1).status_code == 200
            if ready and "Press Ctrl-C to stop." in stdout.read_text():
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"`run` was not ready within {STARTUP_TIMEOUT} s:\n{stderr.read_text()}")


def _token_after(output: str, actor: str) -> str:
    lines = output.splitlines()
    index = next(i for i, line in enumerate(lines) if actor in line)
    return lines[index + 1].strip()


ORDER = """mutation($input: NotificationOrderInput!) { createNotificationOrder(input: $input) { id status } }"""


def _order_email_and_sms(base: str, token: str) -> None:
    """A standalone order through the API; the embedded worker delivers it to the mail and SMS sinks."""
    order = {
        "idempotencyId": "smoke-1",
        "channel": "EMAIL_AND_SMS",
        "sendingTimePolicy": "ANYTIME",
        "recipients": [{"emailAddress": "kari@example.no", "mobileNumber": "+4791234567"}],
        "emailTemplate": {"subject": "Ny melding", "body": "Du har en ny melding."},
        "smsTemplate": {"body": "Du har en ny melding."},
    }
    response = httpx.post(
        f"{base}/graphql",
        json={"query": ORDER, "variables": {"input": order}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert "errors" not in response.json(), response.json()


def _wait_for_files(directory: Path, pattern: str, count: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if len(list(directory.glob(pattern))) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"expected {count} {pattern} in {directory}, found {sorted(directory.glob(pattern))}")


def test_run_serves_the_demo_world_and_stops_cleanly_on_sigint(tmp_path: Path) -> None:
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORRESPONDENCE_")}
    environment["CORRESPONDENCE_DATA_DIR"] = str(tmp_path / "var")
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    command = [str(Path(sys.executable).with_name("correspondence")), "run", "--port", str(port)]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, cwd=tmp_path, env=environment, stdout=out, stderr=err)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_ready(base, process, stdout, stderr)
        output = stdout.read_text()
        assert f"GraphiQL: {base}/graphql" in output

        token = _token_after(output, "person Kari Nordmann")
        response = httpx.post(
            f"{base}/graphql",
            json={"query": "{ me { actorType name } }"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert response.json() == {"data": {"me": {"actorType": "PERSON", "name": "Kari Nordmann"}}}

        sink = re.search(r"Mail sink: smtp://127\.0\.0\.1:(\d+)", output)
        assert sink is not None
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.com", "b@example.com", "Hei"
        message.set_content("Hei.")
        with smtplib.SMTP("127.0.0.1", int(sink.group(1)), timeout=10) as smtp:
            smtp.send_message(message)
        assert len(list((tmp_path / "var" / "mail").glob("*.eml"))) == 1

        _order_email_and_sms(base, _token_after(output, "service owner Demoetaten"))
        assert "SMS sink: http://127.0.0.1:" in output
        _wait_for_files(tmp_path / "var" / "sms", "*.json", 1)
        _wait_for_files(tmp_path / "var" / "mail", "*.eml", 2)

        redis = re.search(r"Embedded Redis: redis://127\.0\.0\.1:(\d+)/0 \(pid (\d+)", output)
        assert redis is not None
        redis_port, redis_pid = int(redis.group(1)), int(redis.group(2))
        assert Path(f"/proc/{redis_pid}").exists()

        process.send_signal(signal.SIGINT)
        assert process.wait(SHUTDOWN_TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    errors = stderr.read_text()
    assert "Traceback" not in errors, errors
    assert "Application shutdown complete" in errors
    assert not Path(f"/proc/{redis_pid}").exists()
    assert not accepts_connections(redis_port)
