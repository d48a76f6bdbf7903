"""Who may read, cancel and name what in notification orders: an order names only its organization's resources,
a confidential resource notifies only persons with access to it, and a foreign order answers like none at all."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from correspondence.registry.models import AddressType, OrganizationNotificationAddress, UserNotificationAddress
from tests.fixtures.mail import SmtpSink
from tests.fixtures.world import CONFIDENTIAL, RESOURCE, World
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, PERSON_A, PERSON_B
from tests.notification.world import CANCEL, CREATE, ORDER, drain, order_input


async def test_an_order_names_only_its_own_organizations_resources(world: World) -> None:
    other_agency = world.tokens.service_owner(ORG_AGENCY_2)
    foreign = await world.client(CREATE, {"input": order_input(resourceId=RESOURCE)}, other_agency)
    unknown = await world.client(CREATE, {"input": order_input(resourceId="no-such-resource")}, other_agency)
    assert foreign.codes == ["BAD_USER_INPUT"]
    assert foreign.fields == ["input.resourceId"]
    assert foreign.body == unknown.body  # the same code, field and message: nothing tells them apart
    owned = await world.client(CREATE, {"input": order_input(resourceId=RESOURCE)}, world.agency)
    assert owned.data["createNotificationOrder"]["status"] == "REGISTERED"


@pytest.mark.parametrize(
    ("resource", "notified"),
    [
        (RESOURCE, ["kari@bedrift.no", "ola@bedrift.no", "post@bedrift.no", "someone@example.no"]),
        (CONFIDENTIAL, ["ola@bedrift.no"]),  # Ola is DAGL; Kari's REGN opens no confidential letter
    ],
)
async def test_a_confidential_resource_notifies_only_persons_with_access_to_it(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, resource: str, notified: list[str]
) -> None:
    await OrganizationNotificationAddress.create(
        organization_number=ORG_COMPANY, address_type=AddressType.EMAIL, address="post@bedrift.no"
    )
    for pid, email in ((PERSON_A, "kari@bedrift.no"), (PERSON_B, "ola@bedrift.no")):
        await UserNotificationAddress.create(national_identity_number=pid, organization_number=ORG_COMPANY, email=email)
    recipients = [{"organizationNumber": ORG_COMPANY}, {"emailAddress": "someone@example.no"}]
    created = await world.client(
        CREATE, {"input": order_input(resourceId=resource, recipients=recipients)}, world.agency
    )
    order_id = created.data["createNotificationOrder"]["id"]
    await drain(ctx)
    assert sorted(m["To"] for m in smtp_sink.messages) == notified
    shown = (await world.client(ORDER, {"id": order_id}, world.agency)).data["notificationOrder"]
    assert sorted(n["address"] for n in shown["notifications"]) == notified


@pytest.mark.parametrize("operation", [ORDER, CANCEL], ids=["notificationOrder", "cancelNotificationOrder"])
async def test_a_foreign_order_answers_exactly_like_an_unknown_one(world: World, operation: str) -> None:
    foreign = await world.client(CREATE, {"input": order_input()}, world.tokens.service_owner(ORG_AGENCY_2))
    foreign_id = foreign.data["createNotificationOrder"]["id"]
    answers = [
        (await world.client(operation, {"id": order_id}, world.agency)).body
        for order_id in (foreign_id, str(uuid.uuid4()), "not-an-id")
    ]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0].get("data") in (None, {"notificationOrder": None})
    if operation == CANCEL:
        assert [e["extensions"]["code"] for e in answers[0]["errors"]] == ["NOT_FOUND"]
        assert answers[0]["errors"][0]["message"] == "The notification order was not found."
