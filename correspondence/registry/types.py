"""GraphQL types of the caller and the registries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.context import Context
from correspondence.kit.identifiers import organization_urn, person_urn
from correspondence.registry import repository
from correspondence.registry.loaders import PartyNameLoader
from correspondence.registry.records import (
    AddressType,
    ContactRecord,
    DelegationRecord,
    OrganizationAddressRecord,
    OrganizationRecord,
    PersonRecord,
    ResourceRecord,
    RoleRecord,
    UserAddressRecord,
)

ActorTypeEnum = strawberry.enum(ActorKind, name="ActorType")


@strawberry.type(name="ActingParty")
class ActingPartyType:
    """A party whose inbox the caller can read, and why."""

    party: str
    roles: list[str]
    delegated_resources: list[str]
    can_read_confidential: bool
    via_parent: str | None = strawberry.field(
        description="The main unit whose roles open this sub-unit's inbox, when that is the reason."
    )

    @strawberry.field
    async def name(self, info: Info[Context, Any]) -> str | None:
        return await info.context.loaders.get(PartyNameLoader).load(self.party)


@strawberry.type(name="MyNotificationAddress")
class MyNotificationAddressType:
    organization: str
    email: str | None
    mobile: str | None


@strawberry.type(name="Viewer")
class ViewerType:
    """The caller. Parties and addresses are looked up only when a query asks for them."""

    actor: strawberry.Private[Actor]
    actor_type: ActorTypeEnum  # type: ignore[valid-type]
    party: str | None
    scopes: list[str]

    @classmethod
    def from_actor(cls, actor: Actor) -> ViewerType:
        return cls(actor=actor, actor_type=actor.kind, party=actor.party, scopes=sorted(actor.scopes))

    @strawberry.field
    async def parties(self, info: Info[Context, Any]) -> list[ActingPartyType]:
        access = await info.context.access()
        return [
            ActingPartyType(
                party=grant.party,
                roles=list(grant.roles),
                delegated_resources=sorted(grant.resources),
                can_read_confidential=grant.confidential,
                via_parent=grant.via_parent,
            )
            for grant in access.grants.values()
        ]

    @strawberry.field
    async def notification_addresses(self) -> list[MyNotificationAddressType]:
        pid = self.actor.national_identity_number
        if not pid:
            return []
        return [
            MyNotificationAddressType(
                organization=organization_urn(a.organization_number), email=a.email, mobile=a.mobile
            )
            for a in await repository.user_addresses_of(self.actor, pid)
        ]

    @strawberry.field
    async def name(self, info: Info[Context, Any]) -> str | None:
        if self.party is None:
            return None
        return await info.context.loaders.get(PartyNameLoader).load(self.party)


# --- the registries, as the admin mutations return them; parties as URNs (contract §2) ---


@strawberry.type(name="Person")
class PersonType:
    party: str
    name: str

    @classmethod
    def from_record(cls, person: PersonRecord) -> PersonType:
        return cls(party=person_urn(person.national_identity_number), name=person.name)


@strawberry.type(name="Organization")
class OrganizationType:
    party: str
    name: str
    parent_organization: str | None

    @classmethod
    def from_record(cls, organization: OrganizationRecord) -> OrganizationType:
        parent = organization.parent_organization_number
        return cls(
            party=organization_urn(organization.organization_number),
            name=organization.name,
            parent_organization=organization_urn(parent) if parent else None,
        )


@strawberry.type(name="Resource")
class ResourceType:
    resource_id: str
    owner: str
    title_nb: str
    title_nn: str | None
    title_en: str | None
    is_confidential: bool
    retention_days: int | None

    @classmethod
    def from_record(cls, resource: ResourceRecord) -> ResourceType:
        return cls(
            resource_id=resource.resource_id,
            owner=organization_urn(resource.owner_organization_number),
            title_nb=resource.title_nb,
            title_nn=resource.title_nn,
            title_en=resource.title_en,
            is_confidential=resource.is_confidential,
            retention_days=resource.retention_days,
        )


@strawberry.type(name="Role")
class RoleType:
    person: str
    organization: str
    role_code: str

    @classmethod
    def from_record(cls, role: RoleRecord) -> RoleType:
        return cls(
            person=person_urn(role.national_identity_number),
            organization=organization_urn(role.organization_number),
            role_code=role.role_code,
        )


@strawberry.type(name="Delegation")
class DelegationType:
    person: str
    organization: str
    resource_id: str

    @classmethod
    def from_record(cls, delegation: DelegationRecord) -> DelegationType:
        return cls(
            person=person_urn(delegation.national_identity_number),
            organization=organization_urn(delegation.organization_number),
            resource_id=delegation.resource_id,
        )


@strawberry.type(name="Contact", description="An entry of the contact and reservation register (KRR).")
class ContactType:
    person: str
    email: str | None
    mobile: str | None
    reserved: bool
    last_confirmed: datetime | None

    @classmethod
    def from_record(cls, contact: ContactRecord) -> ContactType:
        return cls(
            person=person_urn(contact.national_identity_number),
            email=contact.email,
            mobile=contact.mobile,
            reserved=contact.reserved,
            last_confirmed=contact.last_confirmed,
        )


@strawberry.type(name="OrganizationNotificationAddress", description="One business notification address.")
class OrganizationNotificationAddressType:
    organization: str
    email: str | None
    mobile: str | None

    @classmethod
    def from_record(cls, address: OrganizationAddressRecord) -> OrganizationNotificationAddressType:
        is_email = address.address_type is AddressType.EMAIL
        return cls(
            organization=organization_urn(address.organization_number),
            email=address.address if is_email else None,
            mobile=None if is_email else address.address,
        )


@strawberry.type(name="UserNotificationAddress")
class UserNotificationAddressType:
    person: str
    organization: str
    email: str | None
    mobile: str | None

    @classmethod
    def from_record(cls, address: UserAddressRecord) -> UserNotificationAddressType:
        return cls(
            person=person_urn(address.national_identity_number),
            organization=organization_urn(address.organization_number),
            email=address.email,
            mobile=address.mobile,
        )


# Inputs take a person as the national identity number or its URN, an organization as the number, `0192:<orgno>`
# or its URN. Field names are the import columns of contract §9.


@strawberry.input
class PersonInput:
    national_identity_number: str
    name: str


@strawberry.input
class OrganizationInput:
    organization_number: str
    name: str
    parent_organization_number: str | None = None


@strawberry.input
class ResourceInput:
    resource_id: str
    owner_organization_number: str
    title_nb: str
    title_nn: str | None = None
    title_en: str | None = None
    is_confidential: bool = False
    retention_days: int | None = None


@strawberry.input
class RoleInput:
    national_identity_number: str
    organization_number: str
    role_code: str


@strawberry.input
class DelegationInput:
    national_identity_number: str
    organization_number: str
    resource_id: str


@strawberry.input
class ContactInput:
    national_identity_number: str
    email: str | None = None
    mobile: str | None = None
    reserved: bool = False
    last_confirmed: datetime | None = None


@strawberry.input(description="One address: an e-mail address or a mobile number.")
class OrganizationNotificationAddressInput:
    organization_number: str
    email: str | None = None
    mobile: str | None = None


@strawberry.input
class UserNotificationAddressInput:
    national_identity_number: str
    organization_number: str
    email: str | None = None
    mobile: str | None = None
