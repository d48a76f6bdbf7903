"""Runtime configuration, read from `CORRESPONDENCE_*` environment variables and an optional `.env` file."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from limits import RateLimitItem
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from correspondence.kit.fair_use import DEFAULT_RATE_LIMITS, LimitClass, parse_rate_limits

MEGABYTE = 1024 * 1024


def parse_pauses(text: str) -> list[float]:
    """`5,300,1800` → [5.0, 300.0, 1800.0]: comma-separated seconds, none negative (none at all: no retries)."""
    pauses = [float(part) for part in text.split(",") if part.strip()]
    if any(pause < 0 for pause in pauses):
        raise ValueError("retry pauses must not be negative")
    return pauses


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CORRESPONDENCE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("./var")
    database_url: str | None = None
    redis_url: str | None = None

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_tls: Literal["none", "starttls", "tls"] = "none"
    mail_from: str = "no-reply@correspondence.local"
    sms_gateway_url: str | None = None
    sms_gateway_key: str | None = None
    delivery_report_secret: str | None = None
    # Scrapers of /metrics send it as a bearer token; without it, /metrics answers only in dev mode.
    metrics_token: str | None = None
    # The service's address as clients reach it (behind a proxy, say): links it hands out start with it.
    public_url: str | None = None

    jwks_url: str | None = None
    jwt_issuer: str = "correspondence-dev"
    jwt_audience: str = "correspondence"
    jwks_refresh_seconds: float = Field(default=30.0, gt=0)  # the most often the keys are fetched again
    jwks_retry_seconds: float = Field(default=1.0, gt=0)  # after a failed fetch; doubles up to the refresh interval
    jwks_timeout_seconds: float = Field(default=5.0, gt=0)  # one whole fetch
    dev_mode: bool = False

    master_keys: str | None = None
    active_key_id: str | None = None
    max_attachment_bytes: int = Field(default=250 * MEGABYTE, gt=0)
    # Where attachment bytes live: file:///path (default: <data dir>/attachments) or s3://bucket/prefix.
    storage_url: str | None = None
    s3_endpoint_url: str | None = None  # any S3-compatible store (MinIO, Ceph, moto); unset: AWS itself
    s3_region: str | None = None
    s3_part_bytes: int = Field(default=8 * MEGABYTE, ge=5 * MEGABYTE)  # S3 refuses parts under 5 MiB (but the last)
    # ClamAV's clamd (tcp://host:3310 or unix:///path): every upload is scanned before it is published.
    clamd_url: str | None = None
    max_graphql_body_bytes: int = Field(default=10 * MEGABYTE, gt=0)
    reminder_delay_seconds: int = Field(default=7 * 24 * 3600, ge=0)
    allow_private_endpoints: bool = False
    # A condition check's whole exchange (lookup, connect, answer) ends within this: well below the 60 s job timeout.
    condition_endpoint_deadline_seconds: float = Field(default=10.0, gt=0, le=30)
    condition_endpoint_slots_per_host: int = Field(default=2, gt=0)  # a worker's concurrent checks of one host
    condition_endpoint_slots: int = Field(default=8, gt=0)  # and of all hosts: fewer than the worker's 20 job slots
    ws_keepalive_seconds: float = Field(default=15.0, gt=0)  # server pings on idle websockets
    http_header_timeout_seconds: float = Field(default=10.0, gt=0)  # to send a request head, from connect
    http_body_timeout_seconds: float = Field(default=30.0, gt=0)  # the longest pause inside a request body
    http_keepalive_seconds: int = Field(default=5, gt=0)  # an idle keep-alive connection is closed after it
    http_max_connections: int = Field(default=1000, gt=0)  # per process; above it requests are answered 503
    event_queue_size: int = Field(default=256, gt=0)  # events a subscriber may lag behind before it is dropped
    ws_max_operations_per_connection: int = Field(default=10, gt=0)  # subscriptions (and queries) at once
    ws_max_connections_per_principal: int = Field(default=10, gt=0)  # open websockets of one caller, per process
    # Webhooks (contract §12): the pauses before each retry of a failed delivery, then FAILED.
    webhook_retry_seconds: str = "5,300,1800,7200,18000,36000"
    webhook_disable_after_seconds: int = Field(default=5 * 24 * 3600, gt=0)  # every attempt failing this long
    webhook_attempt_timeout_seconds: float = Field(default=10.0, gt=0, le=30)  # one attempt, connect to answer
    # host:port where a worker serves its Prometheus metrics (webhook deliveries); none by default.
    worker_metrics_address: str | None = None

    # Fair use per caller organization or person, shared by every API process (design §15).
    rate_limits: str = DEFAULT_RATE_LIMITS

    @field_validator("rate_limits")
    @classmethod
    def _parsable_limits(cls, value: str) -> str:
        parse_rate_limits(value)  # a ValueError naming CORRESPONDENCE_RATE_LIMITS stops the start
        return value

    @property
    def parsed_rate_limits(self) -> dict[LimitClass, RateLimitItem]:
        return parse_rate_limits(self.rate_limits)

    @field_validator("public_url")
    @classmethod
    def _http_base(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("CORRESPONDENCE_PUBLIC_URL must be an http(s) URL")
        return value

    @field_validator("webhook_retry_seconds")
    @classmethod
    def _pauses(cls, value: str) -> str:
        parse_pauses(value)
        return value

    @property
    def webhook_retry_pauses(self) -> list[float]:
        return parse_pauses(self.webhook_retry_seconds)

    @field_validator("worker_metrics_address")
    @classmethod
    def _host_and_port(cls, value: str | None) -> str | None:
        if value is not None:
            host, _, port = value.rpartition(":")
            if not host or not port.isdigit():
                raise ValueError("CORRESPONDENCE_WORKER_METRICS_ADDRESS must be host:port")
        return value

    @field_validator("storage_url")
    @classmethod
    def _storage_scheme(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("file:///", "s3://")):
            raise ValueError("CORRESPONDENCE_STORAGE_URL must be file:///path or s3://bucket/prefix")
        return value

    @field_validator("clamd_url")
    @classmethod
    def _clamd_scheme(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("tcp://", "unix:///")):
            raise ValueError("CORRESPONDENCE_CLAMD_URL must be tcp://host:port or unix:///path")
        return value

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @cached_property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.data_dir / 'correspondence.sqlite3'}"

    @property
    def effective_storage_url(self) -> str:
        return self.storage_url or (self.data_dir / "attachments").as_uri()

    @property
    def dev_key_dir(self) -> Path:
        return self.data_dir / "dev-keys"

    @property
    def effective_jwks_url(self) -> str | None:
        """Dev mode falls back to the generated dev key set, so a fresh `run` needs no configuration."""
        if self.jwks_url:
            return self.jwks_url
        if self.dev_mode:
            return (self.dev_key_dir / "jwks.json").as_uri()
        return None
