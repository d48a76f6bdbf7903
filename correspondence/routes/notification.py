"""`POST /delivery-reports/{sms|email}`: delivery reports from the SMS gateway and the mail relay (design §5).

Authenticated by the shared secret `CORRESPONDENCE_DELIVERY_REPORT_SECRET` (`Authorization: Bearer <secret>`).
The body is `{"messageId": "<…>", "status": "DELIVERED|BOUNCED|UNDELIVERED", "reason": "…"}` for e-mail and
`{"reference": "…", "status": "DELIVERED|UNDELIVERED|FAILED|EXPIRED", "reason": "…"}` for SMS (the gateway's id
or the `reference` we sent). Repeated and late reports answer 200 and change nothing.
"""

from __future__ import annotations

import json
import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from correspondence.errors import BadUserInput, DomainError
from correspondence.models import DeliveryChannel
from correspondence.services.notification_reports import apply_report
from correspondence.unit_of_work import unit_of_work

MAX_REPORT_BYTES = 64 * 1024
CHANNELS = {"sms": DeliveryChannel.SMS, "email": DeliveryChannel.EMAIL}
REFERENCE_KEYS = {DeliveryChannel.SMS: "reference", DeliveryChannel.EMAIL: "messageId"}


def _error(status: int, message: str, field: str | None = None) -> JSONResponse:
    body = {"error": message} | ({"field": field} if field else {})
    return JSONResponse(body, status_code=status)


async def delivery_report(request: Request) -> Response:
    secret = request.app.state.settings.delivery_report_secret
    given = request.headers.get("authorization", "")
    if not secret or not secrets.compare_digest(given.encode(), f"Bearer {secret}".encode()):
        return _error(401, "A valid delivery report secret is required (Authorization: Bearer …).")
    channel = CHANNELS.get(request.path_params["channel"])
    if channel is None:
        return _error(404, "Reports are accepted for sms and email.")
    try:
        body = json.loads(await request.body())
    except ValueError:
        return _error(400, "The body is not JSON.")
    key = REFERENCE_KEYS[channel]
    if not isinstance(body, dict) or not isinstance(body.get(key), str) or not isinstance(body.get("status"), str):
        return _error(400, f"Expected a JSON object with the strings {key} and status.", key)
    reason = body.get("reason")
    try:
        async with unit_of_work():
            outcome = await apply_report(
                channel, body[key], body["status"], reason if isinstance(reason, str) else None
            )
    except BadUserInput as error:
        return _error(error.http_status, error.message, error.errors[0].field)
    except DomainError as error:
        return _error(error.http_status, error.message)
    return JSONResponse({"outcome": outcome.value})
