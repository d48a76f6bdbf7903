"""A small registry world and helpers for sending and publishing through the real API and job functions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from correspondence.correspondence.jobs import publish_correspondence
from correspondence.registry.models import Contact, Delegation, Organization, Person, Resource, Role
from tests.helpers import (
    ORG_AGENCY,
    ORG_COMPANY,
    ORG_OTHER,
    ORG_SUBUNIT,
    PERSON_A,
    PERSON_B,
    PERSON_C,
    PERSON_D,
    GraphQLClient,
    GraphQLResult,
    Tokens,
)

RESOURCE = "skatt-brev"
CONFIDENTIAL = "skatt-fortrolig"

SEND = """
mutation Send($input: SendCorrespondenceInput!) {
  sendCorrespondence(input: $input) {
    correspondences { id recipient status content { messageTitle } statusHistory { status statusText actor } }
  }
}"""

FULL = """
query One($id: ID!) {
  correspondence(id: $id) {
    id resourceId sender senderName recipient recipientName messageSender sendersReference status isArchived
    content { language messageTitle messageSummary messageBody } bodyHtml
    statusHistory { status statusText statusChanged actor }
    published requestedPublishTime dueDateTime isConfirmationNeeded isConfidential
    propertyList { key value } externalReferences { referenceType referenceValue } replyOptions { linkUrl linkText }
    activities { id type occurredAt actor text }
  }
}"""


def urn_person(pid: str) -> str:
    return f"urn:altinn:person:identifier-no:{pid}"


def urn_org(orgno: str) -> str:
    return f"urn:altinn:organization:identifier-no:{orgno}"


@dataclass
class World:
    client: GraphQLClient
    tokens: Tokens

    @property
    def agency(self) -> str:
        return self.tokens.service_owner(ORG_AGENCY)

    def person(self, pid: str) -> str:
        return self.tokens.person(pid)

    def input(self, **overrides: Any) -> dict[str, Any]:
        base: dict[str, Any] = {
            "resourceId": RESOURCE,
            "sendersReference": "ref-1",
            "recipients": [PERSON_A],
            "content": {"language": "nb", "messageTitle": "Skattemelding 2026", "messageBody": "Hei **Kari**"},
        }
        base.update(overrides)
        return base

    async def send(self, token: str | None = None, **overrides: Any) -> GraphQLResult:
        return await self.client(SEND, {"input": self.input(**overrides)}, token=token or self.agency)

    async def sent_ids(self, **overrides: Any) -> list[str]:
        result = await self.send(**overrides)
        return [c["id"] for c in result.data["sendCorrespondence"]["correspondences"]]

    async def publish(self, correspondence_id: str) -> str | None:
        return await publish_correspondence({}, correspondence_id)

    async def published_id(self, **overrides: Any) -> str:
        (correspondence_id,) = await self.sent_ids(**overrides)
        assert await self.publish(correspondence_id) == "PUBLISHED"
        return correspondence_id

    async def get(self, correspondence_id: str, token: str) -> Any:
        return (await self.client(FULL, {"id": correspondence_id}, token=token)).data["correspondence"]


@pytest.fixture
async def world(client: GraphQLClient, tokens: Tokens) -> World:
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Organization.create(organization_number=ORG_COMPANY, name="Bedrift AS")
    await Organization.create(
        organization_number=ORG_SUBUNIT, name="Bedrift AS Bergen", parent_organization_number=ORG_COMPANY
    )
    await Organization.create(organization_number=ORG_OTHER, name="Annen AS")
    for pid, name in (
        (PERSON_A, "Kari Nordmann"),
        (PERSON_B, "Ola Nordmann"),
        (PERSON_C, "Per Reservert"),
        (PERSON_D, "Siri Fullmakt"),
    ):
        await Person.create(national_identity_number=pid, name=name)
    await Contact.create(national_identity_number=PERSON_C, reserved=True)
    await Resource.create(
        resource_id=RESOURCE, owner_organization_number=ORG_AGENCY, title_nb="Brev fra Skatteetaten", retention_days=365
    )
    await Resource.create(
        resource_id=CONFIDENTIAL, owner_organization_number=ORG_AGENCY, title_nb="Fortrolig", is_confidential=True
    )
    await Role.create(national_identity_number=PERSON_B, organization_number=ORG_COMPANY, role_code="DAGL")
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    await Delegation.create(national_identity_number=PERSON_D, organization_number=ORG_OTHER, resource_id=RESOURCE)
    return World(client, tokens)
