"""Every read and write of the registries (contract §2); no other module queries a registry model.

Reads made for a caller start from a readable statement (`…_readable_by(actor)`), as correspondences do: a person
sees their own notification addresses and the delegations of the organizations they administer, an administrator
everything, anyone else nothing. What is not readable behaves as if it did not exist.

Lookups for other domains (resources, names, contacts, business addresses) serve work their own domain has already
authorised, or work done for no caller (jobs, the recipient lookup). They answer with records, never models, so
the models stay inside this module.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from correspondence.access.actor import Actor, ActorKind
from correspondence.registry.models import (
    Contact,
    Delegation,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
    Role,
    UserNotificationAddress,
)
from correspondence.registry.records import (
    ContactRecord,
    DelegationRecord,
    OrganizationAddressRecord,
    OrganizationRecord,
    PersonRecord,
    Record,
    ResourceRecord,
    RoleRecord,
    UserAddressRecord,
)

R = TypeVar("R", bound=Record)

# The role that administers an organization's delegations (its "daglig leder").
DELEGATION_ADMINISTRATOR_ROLE = "DAGL"

_MODELS: dict[type[Record], type[Model]] = {
    PersonRecord: Person,
    OrganizationRecord: Organization,
    ResourceRecord: Resource,
    RoleRecord: Role,
    DelegationRecord: Delegation,
    ContactRecord: Contact,
    OrganizationAddressRecord: OrganizationNotificationAddress,
    UserAddressRecord: UserNotificationAddress,
}


async def _records(kind: type[R], query: QuerySet[Any]) -> list[R]:
    """The rows as records: only the record's columns are read, and no model leaves this module."""
    columns = [f.name for f in fields(kind)]
    return [kind(**row) for row in await query.values(*columns)]


async def _record(kind: type[R], query: QuerySet[Any]) -> R | None:
    found = await _records(kind, query.limit(1))
    return found[0] if found else None


# --- writes ---


async def upsert_many(records: Sequence[Record]) -> None:
    """Insert or replace rows of one registry in one statement batch (`INSERT … ON CONFLICT`): concurrent upserts
    of one entry cannot race into a duplicate-key error; link rows (no columns to replace) are inserted or left."""
    if not records:
        return
    kind = type(records[0])
    model = _MODELS[kind]
    objects = [model(**record.values()) for record in records]
    if kind.UPDATE:
        await model.bulk_create(objects, on_conflict=kind.CONFLICT, update_fields=kind.UPDATE)
    else:
        await model.bulk_create(objects, ignore_conflicts=True)


async def remove(kind: type[Record], *key: object) -> bool:
    """Remove the entry of one registry whose identity (its `CONFLICT` columns, in order) is `key`."""
    identity = dict(zip(kind.CONFLICT, key, strict=True))
    return bool(await _MODELS[kind].filter(**identity).delete())


# --- readable statements: what a caller sees ---


def user_addresses_readable_by(actor: Actor) -> QuerySet[UserNotificationAddress]:
    """A person reads and keeps only their own addresses; an administrator all."""
    if actor.kind is ActorKind.ADMIN:
        return UserNotificationAddress.all()
    if actor.kind is ActorKind.PERSON and actor.national_identity_number:
        return UserNotificationAddress.filter(national_identity_number=actor.national_identity_number)
    return UserNotificationAddress.filter(id__in=[])


def may_keep_user_address(actor: Actor, national_identity_number: str) -> bool:
    """Whether the actor may write this person's addresses: the same rule as reading them."""
    return actor.kind is ActorKind.ADMIN or (
        actor.kind is ActorKind.PERSON and actor.national_identity_number == national_identity_number
    )


async def user_addresses_of(actor: Actor, national_identity_number: str) -> list[UserAddressRecord]:
    query = user_addresses_readable_by(actor).filter(national_identity_number=national_identity_number)
    return await _records(UserAddressRecord, query.order_by("organization_number"))


async def remove_user_address(actor: Actor, national_identity_number: str, organization_number: str) -> bool:
    """Someone else's address is, to a person, no address at all: nothing is removed."""
    query = user_addresses_readable_by(actor).filter(
        national_identity_number=national_identity_number, organization_number=organization_number
    )
    return bool(await query.delete())


def delegations_readable_by(actor: Actor) -> QuerySet[Delegation]:
    """An administrator reads every delegation; a person their own and those of the organizations they
    administer as DAGL, sub-units of such an organization included (roles reach sub-units)."""
    if actor.kind is ActorKind.ADMIN:
        return Delegation.all()
    pid = actor.national_identity_number
    if actor.kind is not ActorKind.PERSON or not pid:
        return Delegation.filter(id__in=[])
    administered = Role.filter(national_identity_number=pid, role_code=DELEGATION_ADMINISTRATOR_ROLE).values(
        "organization_number"
    )
    sub_units = Organization.filter(parent_organization_number__in=Subquery(administered)).values("organization_number")
    return Delegation.filter(
        Q(national_identity_number=pid)
        | Q(organization_number__in=Subquery(administered))
        | Q(organization_number__in=Subquery(sub_units))
    )


async def revoke_delegation(actor: Actor, delegation: DelegationRecord) -> bool:
    return bool(await delegations_readable_by(actor).filter(**delegation.identity()).delete())


# --- lookups for other domains and jobs ---


async def person(national_identity_number: str) -> PersonRecord | None:
    return await _record(PersonRecord, Person.filter(national_identity_number=national_identity_number))


async def organization(organization_number: str) -> OrganizationRecord | None:
    return await _record(OrganizationRecord, Organization.filter(organization_number=organization_number))


async def organizations(organization_numbers: Collection[str]) -> list[OrganizationRecord]:
    return await _records(OrganizationRecord, Organization.filter(organization_number__in=organization_numbers))


async def person_names(national_identity_numbers: Collection[str]) -> dict[str, str]:
    query = Person.filter(national_identity_number__in=national_identity_numbers)
    return {str(pid): str(name) for pid, name in await query.values_list("national_identity_number", "name")}


async def organization_names(organization_numbers: Collection[str]) -> dict[str, str]:
    query = Organization.filter(organization_number__in=organization_numbers)
    return {str(orgno): str(name) for orgno, name in await query.values_list("organization_number", "name")}


async def resource(resource_id: str) -> ResourceRecord | None:
    return await _record(ResourceRecord, Resource.filter(resource_id=resource_id))


async def resources_with_retention() -> list[ResourceRecord]:
    return await _records(ResourceRecord, Resource.filter(retention_days__isnull=False))


async def contact(national_identity_number: str) -> ContactRecord | None:
    return await _record(ContactRecord, Contact.filter(national_identity_number=national_identity_number))


async def contacts(national_identity_numbers: Collection[str]) -> list[ContactRecord]:
    return await _records(ContactRecord, Contact.filter(national_identity_number__in=national_identity_numbers))


async def reserved_persons(national_identity_numbers: Collection[str]) -> set[str]:
    """Those of the persons who reserved themselves against digital contact."""
    query = Contact.filter(national_identity_number__in=national_identity_numbers, reserved=True)
    return {str(pid) for pid in await query.values_list("national_identity_number", flat=True)}


async def organization_addresses(organization_numbers: Collection[str]) -> list[OrganizationAddressRecord]:
    query = OrganizationNotificationAddress.filter(organization_number__in=organization_numbers)
    return await _records(OrganizationAddressRecord, query)


async def user_addresses_in(organization_numbers: Collection[str]) -> list[UserAddressRecord]:
    """Every person's address for these organizations: for the recipient lookup, which acts for no caller."""
    query = UserNotificationAddress.filter(organization_number__in=organization_numbers)
    return await _records(UserAddressRecord, query)


async def roles_in(organization_numbers: Collection[str]) -> list[RoleRecord]:
    return await _records(RoleRecord, Role.filter(organization_number__in=organization_numbers))


async def delegations_of(organization_numbers: Collection[str], resource_id: str) -> list[DelegationRecord]:
    query = Delegation.filter(organization_number__in=organization_numbers, resource_id=resource_id)
    return await _records(DelegationRecord, query)
