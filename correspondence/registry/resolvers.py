"""Resolvers for the caller (`me`) and the registries."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from correspondence.access.context import Context
from correspondence.registry import service as registry_service
from correspondence.registry.types import (
    ContactInput,
    ContactType,
    DelegationInput,
    DelegationType,
    OrganizationInput,
    OrganizationNotificationAddressInput,
    OrganizationNotificationAddressType,
    OrganizationType,
    PersonInput,
    PersonType,
    ResourceInput,
    ResourceType,
    RoleInput,
    RoleType,
    UserNotificationAddressInput,
    UserNotificationAddressType,
    ViewerType,
)

# Input errors name their field by its path from the mutation's arguments.
INPUT = "input."


async def me(info: Info[Context, Any]) -> ViewerType:
    return ViewerType.from_actor(info.context.require_actor())


# --- admin mutations over the registries (administrators only: graphql/operations.py) ---


async def upsert_person(input: PersonInput) -> PersonType:
    person = await registry_service.upsert_person(
        national_identity_number=input.national_identity_number, name=input.name, prefix=INPUT
    )
    return PersonType.from_record(person)


async def remove_person(national_identity_number: str) -> bool:
    return await registry_service.remove_person(national_identity_number)


async def upsert_organization(input: OrganizationInput) -> OrganizationType:
    organization = await registry_service.upsert_organization(
        organization_number=input.organization_number,
        name=input.name,
        parent_organization_number=input.parent_organization_number,
        prefix=INPUT,
    )
    return OrganizationType.from_record(organization)


async def remove_organization(organization_number: str) -> bool:
    return await registry_service.remove_organization(organization_number)


async def upsert_resource(input: ResourceInput) -> ResourceType:
    resource = await registry_service.upsert_resource(
        resource_id=input.resource_id,
        owner_organization_number=input.owner_organization_number,
        title_nb=input.title_nb,
        title_nn=input.title_nn,
        title_en=input.title_en,
        is_confidential=input.is_confidential,
        retention_days=input.retention_days,
        prefix=INPUT,
    )
    return ResourceType.from_record(resource)


async def remove_resource(resource_id: str) -> bool:
    return await registry_service.remove_resource(resource_id)


async def add_role(input: RoleInput) -> RoleType:
    role = await registry_service.add_role(
        national_identity_number=input.national_identity_number,
        organization_number=input.organization_number,
        role_code=input.role_code,
        prefix=INPUT,
    )
    return RoleType.from_record(role)


async def remove_role(input: RoleInput) -> bool:
    return await registry_service.remove_role(
        national_identity_number=input.national_identity_number,
        organization_number=input.organization_number,
        role_code=input.role_code,
        prefix=INPUT,
    )


async def upsert_contact(input: ContactInput) -> ContactType:
    contact = await registry_service.upsert_contact(
        national_identity_number=input.national_identity_number,
        email=input.email,
        mobile=input.mobile,
        reserved=input.reserved,
        last_confirmed=input.last_confirmed,
        prefix=INPUT,
    )
    return ContactType.from_record(contact)


async def remove_contact(national_identity_number: str) -> bool:
    return await registry_service.remove_contact(national_identity_number)


async def add_organization_notification_address(
    input: OrganizationNotificationAddressInput,
) -> OrganizationNotificationAddressType:
    address = await registry_service.add_organization_address(
        organization_number=input.organization_number, email=input.email, mobile=input.mobile, prefix=INPUT
    )
    return OrganizationNotificationAddressType.from_record(address)


async def remove_organization_notification_address(input: OrganizationNotificationAddressInput) -> bool:
    return await registry_service.remove_organization_address(
        organization_number=input.organization_number, email=input.email, mobile=input.mobile, prefix=INPUT
    )


async def upsert_user_notification_address(
    info: Info[Context, Any], input: UserNotificationAddressInput
) -> UserNotificationAddressType:
    address = await registry_service.upsert_user_address(
        info.context.require_actor(),
        national_identity_number=input.national_identity_number,
        organization_number=input.organization_number,
        email=input.email,
        mobile=input.mobile,
        prefix=INPUT,
    )
    return UserNotificationAddressType.from_record(address)


async def remove_user_notification_address(
    info: Info[Context, Any], national_identity_number: str, organization_number: str
) -> bool:
    return await registry_service.remove_user_address(
        info.context.require_actor(),
        national_identity_number=national_identity_number,
        organization_number=organization_number,
    )


# --- delegations: administrators, or the organization's DAGL (the service decides) ---


async def grant_delegation(info: Info[Context, Any], input: DelegationInput) -> DelegationType:
    delegation = await registry_service.grant_delegation(
        info.context.require_actor(),
        national_identity_number=input.national_identity_number,
        organization_number=input.organization_number,
        resource_id=input.resource_id,
        prefix=INPUT,
    )
    return DelegationType.from_record(delegation)


async def revoke_delegation(info: Info[Context, Any], input: DelegationInput) -> bool:
    return await registry_service.revoke_delegation(
        info.context.require_actor(),
        national_identity_number=input.national_identity_number,
        organization_number=input.organization_number,
        resource_id=input.resource_id,
        prefix=INPUT,
    )


# --- the caller's own notification addresses ---


async def set_my_notification_address(
    info: Info[Context, Any], organization: str, email: str | None = None, mobile: str | None = None
) -> ViewerType:
    await registry_service.set_own_notification_address(
        info.context.require_actor(),
        await info.context.access(),
        organization=organization,
        email=email,
        mobile=mobile,
    )
    return await me(info)
