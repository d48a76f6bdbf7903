"""The registries (design §2): single-entry upserts and removals, delegations, and the lookups other domains need.

Registries are independent copies (no foreign keys between them), so a removal removes that registry's entry
only. Every write goes through `upsert_many` (`INSERT … ON CONFLICT`): concurrent upserts of the same entry cannot
race into a duplicate-key error, and the bulk import writes exactly as the single entries do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from tortoise.models import Model

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.cache import invalidate_access
from correspondence.access.grants import AccessScope
from correspondence.access.scope import require_delegation_rights
from correspondence.kit.errors import BadUserInput, Forbidden
from correspondence.kit.identifiers import organization_urn, person_urn
from correspondence.registry import party_names
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
    Fields,
    OrganizationAddressRecord,
    OrganizationRecord,
    PersonRecord,
    Record,
    ResourceRecord,
    RoleRecord,
    UserAddressRecord,
)

M = TypeVar("M", bound=Model)


async def upsert_many(records: Sequence[Record]) -> None:
    """Insert or replace rows of one registry; link rows (no columns to replace) are inserted or left alone."""
    if not records:
        return
    kind = type(records[0])
    model = kind.MODEL
    objects = [model(**record.values()) for record in records]
    if kind.UPDATE:
        await model.bulk_create(objects, on_conflict=kind.CONFLICT, update_fields=kind.UPDATE)
    else:
        await model.bulk_create(objects, ignore_conflicts=True)


async def _store(record: Record, model: type[M]) -> M:
    await upsert_many([record])
    return await model.get(**record.identity())


async def _remove(model: type[Model], **identity: object) -> bool:
    return bool(await model.filter(**identity).delete())


async def user_addresses_of(pid: str) -> list[UserNotificationAddress]:
    return await UserNotificationAddress.filter(national_identity_number=pid).order_by("organization_number")


# --- persons and organizations (the register) ---


async def upsert_person(*, national_identity_number: str, name: str, prefix: str = "") -> Person:
    record = PersonRecord.parse({"nationalIdentityNumber": national_identity_number, "name": name}, prefix)
    party_names.forget(person_urn(record.national_identity_number))
    return await _store(record, Person)


async def remove_person(national_identity_number: str, *, prefix: str = "") -> bool:
    f = Fields({"nationalIdentityNumber": national_identity_number}, prefix)
    pid = f.person("nationalIdentityNumber")
    f.done()
    party_names.forget(person_urn(pid))
    return await _remove(Person, national_identity_number=pid)


async def upsert_organization(
    *, organization_number: str, name: str, parent_organization_number: str | None, prefix: str = ""
) -> Organization:
    raw = {
        "organizationNumber": organization_number,
        "name": name,
        "parentOrganizationNumber": parent_organization_number,
    }
    invalidate_access()  # a new parent changes who reaches this sub-unit through roles
    record = OrganizationRecord.parse(raw, prefix)
    party_names.forget(organization_urn(record.organization_number))
    return await _store(record, Organization)


async def remove_organization(organization_number: str, *, prefix: str = "") -> bool:
    f = Fields({"organizationNumber": organization_number}, prefix)
    orgno = f.organization("organizationNumber")
    f.done()
    invalidate_access()
    party_names.forget(organization_urn(orgno))
    return await _remove(Organization, organization_number=orgno)


# --- resources ---


async def upsert_resource(
    *,
    resource_id: str,
    owner_organization_number: str,
    title_nb: str,
    title_nn: str | None,
    title_en: str | None,
    is_confidential: bool,
    retention_days: int | None,
    prefix: str = "",
) -> Resource:
    raw = {
        "resourceId": resource_id,
        "ownerOrganizationNumber": owner_organization_number,
        "titleNb": title_nb,
        "titleNn": title_nn,
        "titleEn": title_en,
        "isConfidential": is_confidential,
        "retentionDays": retention_days,
    }
    return await _store(ResourceRecord.parse(raw, prefix), Resource)


async def remove_resource(resource_id: str, *, prefix: str = "") -> bool:
    f = Fields({"resourceId": resource_id}, prefix)
    resource = f.resource_id("resourceId")
    f.done()
    return await _remove(Resource, resource_id=resource)


# --- roles ---


async def add_role(
    *, national_identity_number: str, organization_number: str, role_code: str, prefix: str = ""
) -> Role:
    record = _role(national_identity_number, organization_number, role_code, prefix)
    invalidate_access(record.national_identity_number)
    return await _store(record, Role)


async def remove_role(
    *, national_identity_number: str, organization_number: str, role_code: str, prefix: str = ""
) -> bool:
    record = _role(national_identity_number, organization_number, role_code, prefix)
    invalidate_access(record.national_identity_number)
    return await _remove(Role, **record.identity())


def _role(pid: str, orgno: str, role_code: str, prefix: str) -> RoleRecord:
    raw = {"nationalIdentityNumber": pid, "organizationNumber": orgno, "roleCode": role_code}
    return RoleRecord.parse(raw, prefix)


# --- the contact and reservation register (KRR) ---


async def upsert_contact(
    *,
    national_identity_number: str,
    email: str | None,
    mobile: str | None,
    reserved: bool,
    last_confirmed: datetime | None,
    prefix: str = "",
) -> Contact:
    raw = {
        "nationalIdentityNumber": national_identity_number,
        "email": email,
        "mobile": mobile,
        "reserved": reserved,
        "lastConfirmed": last_confirmed,
    }
    return await _store(ContactRecord.parse(raw, prefix), Contact)


async def remove_contact(national_identity_number: str, *, prefix: str = "") -> bool:
    f = Fields({"nationalIdentityNumber": national_identity_number}, prefix)
    pid = f.person("nationalIdentityNumber")
    f.done()
    return await _remove(Contact, national_identity_number=pid)


# --- business notification addresses ---


async def add_organization_address(
    *, organization_number: str, email: str | None, mobile: str | None, prefix: str = ""
) -> OrganizationNotificationAddress:
    record = _organization_address(organization_number, email, mobile, prefix)
    return await _store(record, OrganizationNotificationAddress)


async def remove_organization_address(
    *, organization_number: str, email: str | None, mobile: str | None, prefix: str = ""
) -> bool:
    record = _organization_address(organization_number, email, mobile, prefix)
    return await _remove(OrganizationNotificationAddress, **record.identity())


def _organization_address(orgno: str, email: str | None, mobile: str | None, prefix: str) -> OrganizationAddressRecord:
    raw = {"organizationNumber": orgno, "email": email, "mobile": mobile}
    return OrganizationAddressRecord.parse(raw, prefix)


# --- user-registered notification addresses ---


async def upsert_user_address(
    *, national_identity_number: str, organization_number: str, email: str | None, mobile: str | None, prefix: str = ""
) -> UserNotificationAddress:
    raw = {
        "nationalIdentityNumber": national_identity_number,
        "organizationNumber": organization_number,
        "email": email,
        "mobile": mobile,
    }
    return await _store(UserAddressRecord.parse(raw, prefix), UserNotificationAddress)


async def remove_user_address(*, national_identity_number: str, organization_number: str, prefix: str = "") -> bool:
    f = Fields({"nationalIdentityNumber": national_identity_number, "organizationNumber": organization_number}, prefix)
    pid, orgno = f.person("nationalIdentityNumber"), f.organization("organizationNumber")
    f.done()
    return await _remove(UserNotificationAddress, national_identity_number=pid, organization_number=orgno)


async def set_own_notification_address(
    actor: Actor, scope: AccessScope, *, organization: str, email: str | None, mobile: str | None
) -> None:
    """A person keeps their own address for an organization whose inbox they can read; no address removes it."""
    f = Fields({"organization": organization, "email": email, "mobile": mobile})
    orgno = f.organization("organization")
    email, mobile = f.email("email"), f.mobile("mobile")
    f.done()
    pid = actor.national_identity_number
    if pid is None or actor.kind is not ActorKind.PERSON or organization_urn(orgno) not in scope.grants:
        raise Forbidden(
            "You can register a notification address only for an organization you have a role or delegation in."
        )
    if email is None and mobile is None:
        await _remove(UserNotificationAddress, national_identity_number=pid, organization_number=orgno)
        return
    await upsert_many([UserAddressRecord(pid, orgno, email, mobile)])


# --- delegations: the service's user administration ---


async def grant_delegation(
    actor: Actor, *, national_identity_number: str, organization_number: str, resource_id: str, prefix: str = ""
) -> Delegation:
    record = _delegation(national_identity_number, organization_number, resource_id, prefix)
    await require_delegation_rights(actor, record.organization_number)
    if not await Resource.exists(resource_id=record.resource_id):
        raise BadUserInput.single(prefix + "resourceId", "No resource with this id exists.")
    invalidate_access(record.national_identity_number)
    return await _store(record, Delegation)


async def revoke_delegation(
    actor: Actor, *, national_identity_number: str, organization_number: str, resource_id: str, prefix: str = ""
) -> bool:
    record = _delegation(national_identity_number, organization_number, resource_id, prefix)
    await require_delegation_rights(actor, record.organization_number)
    invalidate_access(record.national_identity_number)  # live event subscriptions stop at once
    return await _remove(Delegation, **record.identity())


def _delegation(pid: str, orgno: str, resource_id: str, prefix: str) -> DelegationRecord:
    raw = {"nationalIdentityNumber": pid, "organizationNumber": orgno, "resourceId": resource_id}
    return DelegationRecord.parse(raw, prefix)
