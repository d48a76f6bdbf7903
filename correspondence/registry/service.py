"""The registries (contract §2): single-entry upserts and removals, user addresses and delegations.

Registries are independent copies (no foreign keys between them), so a removal removes that registry's entry
only. Every write goes through the repository's `upsert_many` (`INSERT … ON CONFLICT`), so the bulk import writes
exactly as the single entries do. Services never commit: the mutation or command around them does.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.scope import AccessScope
from correspondence.events.hub import invalidate_access
from correspondence.kit.errors import BadUserInput, Forbidden
from correspondence.kit.identifiers import organization_urn, person_urn
from correspondence.registry import party_names, repository
from correspondence.registry.models import Organization, Role
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
from correspondence.registry.repository import DELEGATION_ADMINISTRATOR_ROLE

R = TypeVar("R", bound=Record)


async def _store(record: R) -> R:
    """The entry as stored: an upsert replaces every column, so the stored row is the record itself."""
    await repository.upsert_many([record])
    return record


# --- persons and organizations (the register) ---


async def upsert_person(*, national_identity_number: str, name: str, prefix: str = "") -> PersonRecord:
    record = PersonRecord.parse({"nationalIdentityNumber": national_identity_number, "name": name}, prefix)
    party_names.forget(person_urn(record.national_identity_number))
    return await _store(record)


async def remove_person(national_identity_number: str, *, prefix: str = "") -> bool:
    f = Fields({"nationalIdentityNumber": national_identity_number}, prefix)
    pid = f.person("nationalIdentityNumber")
    f.done()
    party_names.forget(person_urn(pid))
    return await repository.remove(PersonRecord, pid)


async def upsert_organization(
    *, organization_number: str, name: str, parent_organization_number: str | None, prefix: str = ""
) -> OrganizationRecord:
    raw = {
        "organizationNumber": organization_number,
        "name": name,
        "parentOrganizationNumber": parent_organization_number,
    }
    invalidate_access()  # a new parent changes who reaches this sub-unit through roles
    record = OrganizationRecord.parse(raw, prefix)
    party_names.forget(organization_urn(record.organization_number))
    return await _store(record)


async def remove_organization(organization_number: str, *, prefix: str = "") -> bool:
    f = Fields({"organizationNumber": organization_number}, prefix)
    orgno = f.organization("organizationNumber")
    f.done()
    invalidate_access()
    party_names.forget(organization_urn(orgno))
    return await repository.remove(OrganizationRecord, orgno)


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
) -> ResourceRecord:
    raw = {
        "resourceId": resource_id,
        "ownerOrganizationNumber": owner_organization_number,
        "titleNb": title_nb,
        "titleNn": title_nn,
        "titleEn": title_en,
        "isConfidential": is_confidential,
        "retentionDays": retention_days,
    }
    return await _store(ResourceRecord.parse(raw, prefix))


async def remove_resource(resource_id: str, *, prefix: str = "") -> bool:
    f = Fields({"resourceId": resource_id}, prefix)
    resource = f.resource_id("resourceId")
    f.done()
    return await repository.remove(ResourceRecord, resource)


# --- roles ---


async def add_role(
    *, national_identity_number: str, organization_number: str, role_code: str, prefix: str = ""
) -> RoleRecord:
    record = _role(national_identity_number, organization_number, role_code, prefix)
    invalidate_access(record.national_identity_number)
    return await _store(record)


async def remove_role(
    *, national_identity_number: str, organization_number: str, role_code: str, prefix: str = ""
) -> bool:
    record = _role(national_identity_number, organization_number, role_code, prefix)
    invalidate_access(record.national_identity_number)
    return await repository.remove(RoleRecord, *record.key())


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
) -> ContactRecord:
    raw = {
        "nationalIdentityNumber": national_identity_number,
        "email": email,
        "mobile": mobile,
        "reserved": reserved,
        "lastConfirmed": last_confirmed,
    }
    return await _store(ContactRecord.parse(raw, prefix))


async def remove_contact(national_identity_number: str, *, prefix: str = "") -> bool:
    f = Fields({"nationalIdentityNumber": national_identity_number}, prefix)
    pid = f.person("nationalIdentityNumber")
    f.done()
    return await repository.remove(ContactRecord, pid)


# --- business notification addresses ---


async def add_organization_address(
    *, organization_number: str, email: str | None, mobile: str | None, prefix: str = ""
) -> OrganizationAddressRecord:
    record = _organization_address(organization_number, email, mobile, prefix)
    return await _store(record)


async def remove_organization_address(
    *, organization_number: str, email: str | None, mobile: str | None, prefix: str = ""
) -> bool:
    record = _organization_address(organization_number, email, mobile, prefix)
    return await repository.remove(OrganizationAddressRecord, *record.key())


def _organization_address(orgno: str, email: str | None, mobile: str | None, prefix: str) -> OrganizationAddressRecord:
    raw = {"organizationNumber": orgno, "email": email, "mobile": mobile}
    return OrganizationAddressRecord.parse(raw, prefix)


# --- user-registered notification addresses ---


# Foreign and unknown organizations are refused alike, with no hint of which it was.
ADDRESS_REFUSED = "You can register a notification address only for an organization you have a role or delegation in."


async def upsert_user_address(
    actor: Actor,
    *,
    national_identity_number: str,
    organization_number: str,
    email: str | None,
    mobile: str | None,
    prefix: str = "",
) -> UserAddressRecord:
    raw = {
        "nationalIdentityNumber": national_identity_number,
        "organizationNumber": organization_number,
        "email": email,
        "mobile": mobile,
    }
    return await _store_user_address(actor, UserAddressRecord.parse(raw, prefix))


async def remove_user_address(
    actor: Actor, *, national_identity_number: str, organization_number: str, prefix: str = ""
) -> bool:
    f = Fields({"nationalIdentityNumber": national_identity_number, "organizationNumber": organization_number}, prefix)
    pid, orgno = f.person("nationalIdentityNumber"), f.organization("organizationNumber")
    f.done()
    return await repository.remove_user_address(actor, pid, orgno)


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
        raise Forbidden(ADDRESS_REFUSED)
    if email is None and mobile is None:
        await repository.remove_user_address(actor, pid, orgno)
        return
    await _store_user_address(actor, UserAddressRecord(pid, orgno, email, mobile))


async def _store_user_address(actor: Actor, record: UserAddressRecord) -> UserAddressRecord:
    if not repository.may_keep_user_address(actor, record.national_identity_number):
        raise Forbidden(ADDRESS_REFUSED)
    return await _store(record)


# --- delegations: the service's user administration ---


async def grant_delegation(
    actor: Actor, *, national_identity_number: str, organization_number: str, resource_id: str, prefix: str = ""
) -> DelegationRecord:
    record = _delegation(national_identity_number, organization_number, resource_id, prefix)
    await _require_delegation_rights(actor, record.organization_number)
    if await repository.resource(record.resource_id) is None:
        raise BadUserInput.single(prefix + "resourceId", "No resource with this id exists.")
    invalidate_access(record.national_identity_number)
    return await _store(record)


async def revoke_delegation(
    actor: Actor, *, national_identity_number: str, organization_number: str, resource_id: str, prefix: str = ""
) -> bool:
    record = _delegation(national_identity_number, organization_number, resource_id, prefix)
    await _require_delegation_rights(actor, record.organization_number)
    invalidate_access(record.national_identity_number)  # live event subscriptions stop at once
    return await repository.revoke_delegation(actor, record)


def _delegation(pid: str, orgno: str, resource_id: str, prefix: str) -> DelegationRecord:
    raw = {"nationalIdentityNumber": pid, "organizationNumber": orgno, "resourceId": resource_id}
    return DelegationRecord.parse(raw, prefix)


async def _require_delegation_rights(actor: Actor, orgno: str) -> None:
    """Administrators always; a person who is DAGL of the organization, or of its main unit (roles reach
    sub-units, as for access)."""
    if actor.kind is ActorKind.ADMIN:
        return
    if actor.kind is ActorKind.PERSON and actor.national_identity_number:
        organizations = [orgno]
        parents = await Organization.filter(organization_number=orgno).values_list(
            "parent_organization_number", flat=True
        )
        organizations += [str(parent) for parent in parents if parent]
        if await Role.exists(
            national_identity_number=actor.national_identity_number,
            organization_number__in=organizations,
            role_code=DELEGATION_ADMINISTRATOR_ROLE,
        ):
            return
    raise Forbidden("Only an administrator or the organization's DAGL (daglig leder) may manage its delegations.")
