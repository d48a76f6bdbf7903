"""How much of a bare Starlette endpoint's throughput does an authenticated GraphQL `me` keep?

    uv run python bench/graphql_overhead.py [--duration 10] [--connections 32]

Starts `correspondence api` (one uvicorn process, dev mode with the dev JWKS, SQLite in a temporary data dir with
the demo world, the local Redis at BENCH_REDIS_URL, default redis://127.0.0.1:6379/15) pinned to CPU 0, loads
it with wrk pinned to CPU 1, then does the same against bench/bare_app.py, and prints both rates and their ratio
(target >= 0.12). Needs `taskset` and `wrk`; installs the Debian package `wrk` with apt-get when it is missing.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import UNLIMITED

from correspondence.adapters.local_ports import free_port
from correspondence.registry import demo

BIN = Path(sys.executable).parent
BENCH_DIR = Path(__file__).resolve().parent
QUERY = "{ me { actorType name } }"
# `me` of a person reads its roles, delegations, sub-units, addresses and name (SQLite); that of an end-user
# system only its organization's name: the two bracket what authentication, GraphQL and the database cost.
ACTORS = {
    "person": (["--person", demo.KARI], {"actorType": "PERSON", "name": "Kari Nordmann"}),
    "system": (["--system", demo.COMPANY], {"actorType": "SYSTEM", "name": "Bedrift AS"}),
}
TARGET_RATIO = 0.12
SERVER_CPU, LOAD_CPU = "0", "1"
WARMUP_SECONDS = 2


def ensure_tools() -> None:
    if shutil.which("taskset") is None:
        sys.exit("taskset is missing (Debian package util-linux).")
    if shutil.which("wrk") is not None:
        return
    print("wrk is missing: installing the Debian package `wrk` with apt-get …", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=False, stdin=subprocess.DEVNULL)
    if shutil.which("wrk") is None:
        sys.exit("Could not install wrk; install it (apt-get install wrk) and run again.")


def wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"The server exited with code {process.returncode}.")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    sys.exit("The server did not become ready within 60 s.")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wrk_script(directory: Path, token: str) -> Path:
    script = directory / "post_me.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(json.dumps({'query': QUERY}))}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    )
    return script


def load(url: str, script: Path, seconds: int, connections: int) -> float:
    command = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"wrk saw failed requests:\n{output}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None:
        sys.exit(f"Unexpected wrk output:\n{output}")
    return float(match.group(1))


def measure(
    command: list[str], env: dict[str, str], script: Path, args: argparse.Namespace, port: int, expected: object
) -> float:
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        ["taskset", "-c", SERVER_CPU, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_ready(base, process)
        token = script.read_text().split("Bearer ")[1].split('"')[0]
        answer = httpx.post(f"{base}/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"})
        if answer.status_code != 200 or (expected is not None and answer.json() != expected):
            sys.exit(f"Unexpected answer: {answer.text}")
        load(f"{base}/graphql", script, WARMUP_SECONDS, args.connections)
        return load(f"{base}/graphql", script, args.duration, args.connections)
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint")
    parser.add_argument("--connections", type=int, default=32, help="concurrent wrk connections")
    parser.add_argument("--actor", choices=sorted(ACTORS), default="person", help="whose `me` to ask for")
    args = parser.parse_args()
    ensure_tools()

    with tempfile.TemporaryDirectory(prefix="correspondence-bench-") as directory:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CORRESPONDENCE_")}
        env |= {
            **UNLIMITED,
            "CORRESPONDENCE_DATA_DIR": directory,
            "CORRESPONDENCE_DEV_MODE": "true",
            "CORRESPONDENCE_REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        }
        subprocess.run([str(BIN / "correspondence"), "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        token = (
            subprocess.run(
                [str(BIN / "correspondence"), "token", *ACTORS[args.actor][0]],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        script = wrk_script(Path(directory), token)

        port = free_port()
        api = [str(BIN / "correspondence"), "api", "--port", str(port)]
        graphql = measure(api, env, script, args, port, {"data": {"me": ACTORS[args.actor][1]}})
        port = free_port()
        bare = [
            str(BIN / "uvicorn"),
            "--app-dir",
            str(BENCH_DIR),
            "bare_app:app",
            "--port",
            str(port),
            "--log-level",
            "info",
        ]
        baseline = measure(bare, env, script, args, port, None)

    ratio = graphql / baseline
    print(f"GraphQL `{QUERY}` as {args.actor} (SQLite): {graphql:10.0f} req/s")
    print(f"bare Starlette JSON endpoint:               {baseline:10.0f} req/s")
    print(f"ratio: {ratio:.3f} (target >= {TARGET_RATIO}) -> {'OK' if ratio >= TARGET_RATIO else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
