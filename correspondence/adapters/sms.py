"""Outgoing SMS through an HTTP gateway: a JSON POST to `CORRESPONDENCE_SMS_GATEWAY_URL` with the API key.

The request is `{"to": "+47…", "from": sender, "body": text, "reference": our notification id}`; a 2xx answer
means the gateway accepted the message (its `id`, if any, is kept for delivery reports). 429, 5xx, timeouts
and transport errors are transient; any other 4xx is permanent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from correspondence.settings import Settings

DEFAULT_TIMEOUT_SECONDS = 10.0


class SmsError(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the gateway's HTTP status, when it answered


class TransientSmsError(SmsError):
    pass


class PermanentSmsError(SmsError):
    pass


@dataclass(frozen=True, slots=True)
class SmsMessage:
    to: str
    sender: str
    body: str
    reference: str


class SmsGateway:
    def __init__(self, url: str, api_key: str | None, *, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.url = url
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            headers=headers,
            timeout=timeout,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=8),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> SmsGateway:
        if not settings.sms_gateway_url:
            raise RuntimeError("CORRESPONDENCE_SMS_GATEWAY_URL is not set")
        return cls(settings.sms_gateway_url, settings.sms_gateway_key)

    async def send(self, message: SmsMessage) -> str:
        """Hands the message to the gateway; returns the gateway's id for it (our reference if it gives none)."""
        payload = {"to": message.to, "from": message.sender, "body": message.body, "reference": message.reference}
        try:
            response = await self._client.post(self.url, json=payload)
        except httpx.HTTPError as error:
            raise TransientSmsError(f"{type(error).__name__}: {error}".rstrip(": ")) from error
        if response.is_success:
            return _gateway_id(response) or message.reference
        detail = f"SMS gateway answered {response.status_code}: {response.text[:200]}"
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientSmsError(detail, response.status_code)
        raise PermanentSmsError(detail, response.status_code)

    async def close(self) -> None:
        await self._client.aclose()


def _gateway_id(response: httpx.Response) -> str | None:
    try:
        body: Any = response.json()
    except ValueError:
        return None
    value = body.get("id") if isinstance(body, dict) else None
    return str(value) if value else None
