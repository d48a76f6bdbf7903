"""Registry entries and job drivers shared by the notification tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from correspondence.kit import clock
from correspondence.notification import dispatch as dispatch
from correspondence.notification import jobs as jobs
from correspondence.notification import processing as processing
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.registry.models import (
    AddressType,
    Contact,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
)
from tests.helpers import ORG_AGENCY, ORG_COMPANY, PERSON_A, PERSON_B, GraphQLClient

CREATE = """
mutation Create($input: NotificationOrderInput!) {
  createNotificationOrder(input: $input) {
    id status sendersReference requestedSendTime isReminder channel
    recipientLookup { status isReserved missingContact }
    notifications { id channel address status statusReason plannedSendTime sentTime messageId }
  }
}
"""

ORDER = """
query Order($id: ID!) {
  notificationOrder(id: $id) {
    id status statusReason isReminder
    recipientLookup { status isReserved missingContact }
    notifications { id channel address status statusReason plannedSendTime sentTime messageId attemptCount
      attempts { attemptedAt outcome transient reason messageId gatewayId } }
  }
}
"""

CANCEL = "mutation Cancel($id: ID!) { cancelNotificationOrder(id: $id) { id status } }"

AGENCY_URN = f"urn:altinn:organization:identifier-no:{ORG_AGENCY}"


async def seed_world(*, confirmed: datetime | None = None) -> None:
    """The agency that orders, a company with business addresses, and two persons in the contact register."""
    confirmed = confirmed or clock.now() - timedelta(days=30)
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Organization.create(organization_number=ORG_COMPANY, name="Bedrift AS")
    await Person.create(national_identity_number=PERSON_A, name="Kari Nordmann")
    await Person.create(national_identity_number=PERSON_B, name="Ola Nordmann")
    await Contact.create(
        national_identity_number=PERSON_A, email="kari@example.no", mobile="91234567", last_confirmed=confirmed
    )
    await Contact.create(national_identity_number=PERSON_B, email=None, mobile="41234567", last_confirmed=confirmed)
    await OrganizationNotificationAddress.create(
        organization_number=ORG_COMPANY, address_type=AddressType.EMAIL, address="post@bedrift.no"
    )
    await Resource.create(resource_id="tax-letter", owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")


def order_input(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "idempotencyId": "order-1",
        "sendersReference": "ref-1",
        "recipients": [{"emailAddress": "someone@example.no"}],
        "channel": "EMAIL",
        "emailTemplate": {"subject": "Hei $recipientName$", "body": "Melding fra $sendersName$"},
        "smsTemplate": {"body": "Melding fra $sendersName$"},
    }
    base.update(overrides)
    return base


async def drain(ctx: dict[str, Any], rounds: int = 10) -> None:
    """Runs every due job the way the worker would (the sweep's view of what is due), until nothing is left."""
    for _ in range(rounds):
        now = clock.now()
        orders = await NotificationOrder.filter(processing.due_orders(now)).values_list("id", flat=True)
        for order_id in orders:
            await jobs.process_order(ctx, str(order_id))
        dues = await dispatch.due_dispatches(now)
        for due in dues:
            await (jobs.dispatch_email if due.channel.value == "EMAIL" else jobs.dispatch_sms)(ctx, due.order_id)
        if not orders and not dues:
            return


async def notifications_of(order_id: str) -> list[Notification]:
    return await Notification.filter(order_id=order_id).order_by("channel", "address")


async def ordered_and_sent(client: GraphQLClient, token: str, ctx: dict[str, Any], **overrides: Any) -> str:
    """Creates a standalone order and runs its jobs until nothing is due (processed, sent, failed); its id."""
    created = await client(CREATE, {"input": order_input(**overrides)}, token)
    order_id: str = created.data["createNotificationOrder"]["id"]
    await drain(ctx)
    return order_id
