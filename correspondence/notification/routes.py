"""`POST /delivery-reports/{sms|email}`: delivery reports from the SMS gateway and the mail relay (contract §5).

Authenticated by the shared secret `CORRESPONDENCE_DELIVERY_REPORT_SECRET` (`Authorization: Bearer <secret>`).
The body is `{"messageId": "<…>", "status": "DELIVERED|BOUNCED|UNDELIVERED", "reason": "…"}` for e-mail and
`{"reference": "…", "status": "DELIVERED|UNDELIVERED|FAILED|EXPIRED", "reason": "…"}` for SMS (the gateway's id
or the `reference` we sent). Repeated and late reports answer 200 and change nothing.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from correspondence.access.http import error_response, has_shared_secret
from correspondence.kit.errors import BadUserInput, DomainError, NotFound, Unauthenticated
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification.enums import DeliveryChannel
from correspondence.notification.reports import apply_report

MAX_REPORT_BYTES = 64 * 1024
CHANNELS = {"sms": DeliveryChannel.SMS, "email": DeliveryChannel.EMAIL}
REFERENCE_KEYS = {DeliveryChannel.SMS: "reference", DeliveryChannel.EMAIL: "messageId"}


async def delivery_report(request: Request) -> Response:
    if not has_shared_secret(request, request.app.state.settings.delivery_report_secret):
        return error_response(Unauthenticated("A valid delivery report secret is required (Authorization: Bearer …)."))
    channel = CHANNELS.get(request.path_params["channel"])
    if channel is None:
        return error_response(NotFound("A delivery report channel (sms or email)"))
    try:
        body = json.loads(await request.body())
    except ValueError:
        return error_response(BadUserInput.single("body", "The body is not JSON."))
    key = REFERENCE_KEYS[channel]
    if not isinstance(body, dict) or not isinstance(body.get(key), str) or not isinstance(body.get("status"), str):
        return error_response(BadUserInput.single(key, f"Expected a JSON object with the strings {key} and status."))
    reason = body.get("reason")
    try:
        async with unit_of_work():
            outcome = await apply_report(
                channel, body[key], body["status"], reason if isinstance(reason, str) else None
            )
    except DomainError as error:
        return error_response(error)
    return JSONResponse({"outcome": outcome.value})
