"""What a webhook receives (contract §12): a CloudEvents 1.0 event in structured JSON, signed by the Standard Webhooks
scheme with the subscription's secret.

The event says what happened to which correspondence, never what the letter says: the receiving system fetches the
content with its own token. The body is built once, when the delivery is made, and every attempt sends (and signs)
exactly those bytes; only the signature's timestamp changes between attempts.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

import orjson
from standardwebhooks import Webhook

from correspondence.correspondence.repository import LoggedActivity

CONTENT_TYPE = "application/cloudevents+json"
TYPE_PREFIX = "correspondence."
SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # the scheme asks for 24 to 64


def event_type(activity_type: str) -> str:
    """`PUBLISHED` → `correspondence.published`."""
    return TYPE_PREFIX + activity_type.lower()


def cloud_event(logged: LoggedActivity, source: str) -> str:
    """The event as JSON text: `id` is the event id, `subject` the recipient, the extension attributes name the
    resource, the correspondence and (a notification's outcome) the notification order; CloudEvents allows only
    [a-z0-9] in their names. A standalone notification order's event (contract §11) has no correspondence:
    `correspondenceId` is null, `subject` the party notified (left out for a raw address), `resourceid` the order's
    resource (left out when it names none), and `status` the order's."""
    activity, correspondence, order = logged.activity, logged.correspondence, logged.order
    event: dict[str, object] = {
        "specversion": "1.0",
        "id": str(activity.id),
        "type": event_type(activity.type.value),
        "source": source,
        "time": activity.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
    }
    if correspondence is not None:
        event["subject"] = correspondence.recipient
        event["resourceid"] = correspondence.resource_id
        event["correspondenceid"] = str(correspondence.id)
        data: dict[str, object] = {
            "correspondenceId": str(correspondence.id),
            "resourceId": correspondence.resource_id,
            "recipient": correspondence.recipient,
            "sender": correspondence.sender,
            "sendersReference": correspondence.senders_reference,
            "status": correspondence.status.value,
        }
    elif order is not None:
        if logged.notified is not None:
            event["subject"] = logged.notified
        if order.resource_id is not None:
            event["resourceid"] = order.resource_id
        data = {
            "correspondenceId": None,
            "resourceId": order.resource_id,
            "recipient": logged.notified,
            "sender": order.creator,
            "sendersReference": order.senders_reference,
            "status": order.status,
        }
    else:
        raise ValueError(f"Activity {activity.id} has neither a correspondence nor a notification order")
    if order is not None:
        event["notificationorderid"] = str(order.id)
        data["notificationOrderId"] = str(order.id)
    event["data"] = data
    return orjson.dumps(event).decode()


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def signer(secret: str) -> Webhook:
    return Webhook(secret)


def signed_headers(signer: Webhook, webhook_id: str, body: str) -> dict[str, str]:
    """The Standard Webhooks headers for one attempt, signed by `signer` (the subscription's secret). The timestamp
    is the real time, never the service's clock (which tests move): receivers compare it with their own clocks to
    refuse replays."""
    now = datetime.now(UTC)
    return {
        "content-type": CONTENT_TYPE,
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signer.sign(webhook_id, now, body),
    }
