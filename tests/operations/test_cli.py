"""The operator commands (contract §9): what they refuse, and what they produce."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from correspondence.adapters.tokens import TokenVerifier
from correspondence.cli import app
from correspondence.settings import Settings
from tests.fixtures.s3 import REGION, S3Server
from tests.helpers import PERSON_A

runner = CliRunner()


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No CORRESPONDENCE_* variables and no .env file: only what each test sets."""
    for name in list(os.environ):
        if name.startswith("CORRESPONDENCE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CORRESPONDENCE_DATA_DIR", str(tmp_path / "var"))
    return tmp_path


def test_api_without_redis_and_jwks_stops_at_once_naming_both(environment: Path) -> None:
    result = runner.invoke(app, ["api"])
    assert result.exit_code != 0
    assert "CORRESPONDENCE_REDIS_URL" in result.output
    assert "CORRESPONDENCE_JWKS_URL" in result.output


def test_api_in_dev_mode_needs_only_redis(environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRESPONDENCE_DEV_MODE", "true")
    result = runner.invoke(app, ["api"])
    assert result.exit_code != 0
    assert "CORRESPONDENCE_REDIS_URL" in result.output
    assert "CORRESPONDENCE_JWKS_URL" not in result.output


def test_worker_without_redis_and_smtp_stops_at_once_naming_both(environment: Path) -> None:
    result = runner.invoke(app, ["worker"])
    assert result.exit_code != 0
    assert "CORRESPONDENCE_REDIS_URL" in result.output
    assert "CORRESPONDENCE_SMTP_HOST" in result.output


def test_worker_names_only_what_is_missing(environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRESPONDENCE_REDIS_URL", "redis://127.0.0.1:6379/11")
    result = runner.invoke(app, ["worker"])
    assert result.exit_code != 0
    assert "CORRESPONDENCE_SMTP_HOST" in result.output
    assert "CORRESPONDENCE_REDIS_URL" not in result.output


def test_invalid_setting_is_named(environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRESPONDENCE_MAX_GRAPHQL_BODY_BYTES", "ten megabytes")
    result = runner.invoke(app, ["api"])
    assert result.exit_code != 0
    assert "CORRESPONDENCE_MAX_GRAPHQL_BODY_BYTES" in result.output


async def test_token_output_verifies(environment: Path) -> None:
    result = runner.invoke(app, ["token", "--person", PERSON_A, "--ttl", "120"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    verifier = TokenVerifier(Settings(_env_file=None, data_dir=environment / "var", dev_mode=True))
    claims = await verifier.verify(token)
    assert claims["pid"] == PERSON_A
    assert claims["scope"] == "altinn:correspondence.read"
    assert claims["exp"] - claims["iat"] == 120


def test_migrate_creates_a_fresh_sqlite_database(environment: Path) -> None:
    first = runner.invoke(app, ["migrate"])
    assert first.exit_code == 0, first.output
    assert re.search(r"Applied [1-9]\d* migration\(s\): 0_", first.output), first.output
    database = environment / "var" / "correspondence.sqlite3"
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"person", "organization", "correspondence", "aerich"} <= tables
    again = runner.invoke(app, ["migrate"])
    assert again.exit_code == 0
    assert "up to date" in again.output


def test_demo_loads_the_world_repeatably_and_prints_tokens(environment: Path) -> None:
    for _ in range(2):
        result = runner.invoke(app, ["demo"])
        assert result.exit_code == 0, result.output
    assert "GraphiQL: http://127.0.0.1:8000/graphql" in result.output
    assert result.output.count("eyJ") >= 5
    with sqlite3.connect(environment / "var" / "correspondence.sqlite3") as connection:
        roles = connection.execute("SELECT COUNT(*) FROM role").fetchone()[0]
        reserved = connection.execute("SELECT COUNT(*) FROM contact WHERE reserved").fetchone()[0]
    assert roles == 2  # upserted, not duplicated by the second run
    assert reserved == 1


@pytest.mark.parametrize("command", ["api", "worker"])
def test_a_missing_bucket_stops_api_and_worker_naming_the_setting(
    environment: Path, monkeypatch: pytest.MonkeyPatch, s3_server: S3Server, command: str
) -> None:
    for name, value in {
        "CORRESPONDENCE_DEV_MODE": "true",
        "CORRESPONDENCE_REDIS_URL": "redis://127.0.0.1:6379/11",
        "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
        "CORRESPONDENCE_STORAGE_URL": "s3://no-such-bucket/attachments",
        "CORRESPONDENCE_S3_ENDPOINT_URL": s3_server.endpoint,
        "CORRESPONDENCE_S3_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, [command])
    assert result.exit_code != 0
    assert "CORRESPONDENCE_STORAGE_URL s3://no-such-bucket/attachments" in result.output
    assert "does not exist" in result.output
