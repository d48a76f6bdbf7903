"""The registry repository: readable statements per actor, and records (never models) out of it."""

from __future__ import annotations

import pytest

from correspondence.access.actor import SCOPE_ADMIN, SCOPE_READ, Actor, ActorKind
from correspondence.kit.errors import Forbidden
from correspondence.registry import repository, service
from correspondence.registry.models import Delegation, Organization, UserNotificationAddress
from correspondence.registry.records import (
    AddressType,
    DelegationRecord,
    OrganizationAddressRecord,
    ResourceRecord,
    RoleRecord,
    UserAddressRecord,
)
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, ORG_SUBUNIT, PERSON_A, PERSON_B, PERSON_C

KARI = Actor(ActorKind.PERSON, frozenset({SCOPE_READ}), national_identity_number=PERSON_A)
OLA = Actor(ActorKind.PERSON, frozenset({SCOPE_READ}), national_identity_number=PERSON_B)
ADMIN = Actor(ActorKind.ADMIN, frozenset({SCOPE_ADMIN}))
SYSTEM = Actor(ActorKind.SYSTEM, frozenset({SCOPE_READ}), organization_number=ORG_COMPANY)
SERVICE_OWNER = Actor(ActorKind.SERVICE_OWNER, frozenset(), organization_number=ORG_AGENCY)


async def _addresses() -> None:
    await repository.upsert_many(
        [
            UserAddressRecord(PERSON_A, ORG_COMPANY, "kari@bedrift.no", None),
            UserAddressRecord(PERSON_A, ORG_OTHER, "kari@annen.no", None),
            UserAddressRecord(PERSON_B, ORG_COMPANY, "ola@bedrift.no", None),
        ]
    )


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (KARI, {(PERSON_A, ORG_COMPANY), (PERSON_A, ORG_OTHER)}),
        (OLA, {(PERSON_B, ORG_COMPANY)}),
        (ADMIN, {(PERSON_A, ORG_COMPANY), (PERSON_A, ORG_OTHER), (PERSON_B, ORG_COMPANY)}),
        (SYSTEM, set()),
        (SERVICE_OWNER, set()),
    ],
    ids=["person", "another person", "admin", "system", "service owner"],
)
async def test_user_addresses_readable_by(db_clean: str, actor: Actor, expected: set[tuple[str, str]]) -> None:
    await _addresses()
    readable = repository.user_addresses_readable_by(actor)
    assert set(await readable.values_list("national_identity_number", "organization_number")) == expected


async def test_a_person_lists_their_own_addresses_only(db_clean: str) -> None:
    await _addresses()
    assert [a.organization_number for a in await repository.user_addresses_of(KARI, PERSON_A)] == [
        ORG_COMPANY,
        ORG_OTHER,
    ]
    assert await repository.user_addresses_of(KARI, PERSON_B) == []
    assert len(await repository.user_addresses_of(ADMIN, PERSON_B)) == 1


async def test_another_persons_address_is_removed_as_one_that_does_not_exist(db_clean: str) -> None:
    await _addresses()
    assert await repository.remove_user_address(KARI, PERSON_B, ORG_COMPANY) is False
    assert await repository.remove_user_address(KARI, PERSON_B, ORG_SUBUNIT) is False
    assert await UserNotificationAddress.all().count() == 3
    assert await repository.remove_user_address(KARI, PERSON_A, ORG_OTHER) is True
    assert await repository.remove_user_address(ADMIN, PERSON_B, ORG_COMPANY) is True


async def test_a_person_may_not_keep_another_persons_address(db_clean: str) -> None:
    with pytest.raises(Forbidden) as refused:
        await service.upsert_user_address(
            KARI,
            national_identity_number=PERSON_B,
            organization_number=ORG_COMPANY,
            email="kari@bedrift.no",
            mobile=None,
        )
    assert refused.value.message == service.ADDRESS_REFUSED
    assert await UserNotificationAddress.all().count() == 0
    stored = await service.upsert_user_address(
        ADMIN, national_identity_number=PERSON_B, organization_number=ORG_COMPANY, email="ola@bedrift.no", mobile=None
    )
    assert stored == UserAddressRecord(PERSON_B, ORG_COMPANY, "ola@bedrift.no", None)


async def _delegations() -> None:
    await Organization.create(organization_number=ORG_SUBUNIT, name="Avd.", parent_organization_number=ORG_COMPANY)
    await repository.upsert_many([RoleRecord(PERSON_A, ORG_COMPANY, "DAGL"), RoleRecord(PERSON_C, ORG_OTHER, "REGN")])
    await repository.upsert_many(
        [
            DelegationRecord(PERSON_B, ORG_COMPANY, "tax-letter"),
            DelegationRecord(PERSON_B, ORG_SUBUNIT, "tax-letter"),
            DelegationRecord(PERSON_B, ORG_OTHER, "tax-letter"),
            DelegationRecord(PERSON_A, ORG_OTHER, "tax-letter"),
            DelegationRecord(PERSON_C, ORG_OTHER, "tax-letter"),
        ]
    )


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        # DAGL of the company: its delegations, its sub-unit's, and her own elsewhere.
        (KARI, {(PERSON_B, ORG_COMPANY), (PERSON_B, ORG_SUBUNIT), (PERSON_A, ORG_OTHER)}),
        (OLA, {(PERSON_B, ORG_COMPANY), (PERSON_B, ORG_SUBUNIT), (PERSON_B, ORG_OTHER)}),  # his own only
        (ADMIN, None),  # every one
        (SYSTEM, set()),
        (SERVICE_OWNER, set()),
    ],
    ids=["dagl", "person", "admin", "system", "service owner"],
)
async def test_delegations_readable_by(db_clean: str, actor: Actor, expected: set[tuple[str, str]] | None) -> None:
    await _delegations()
    readable = repository.delegations_readable_by(actor)
    found = set(await readable.values_list("national_identity_number", "organization_number"))
    every = set(await Delegation.all().values_list("national_identity_number", "organization_number"))
    assert found == (every if expected is None else expected)


async def test_a_delegation_that_is_not_readable_is_not_revoked(db_clean: str) -> None:
    await _delegations()
    foreign = DelegationRecord(PERSON_C, ORG_OTHER, "tax-letter")
    assert await repository.revoke_delegation(KARI, foreign) is False
    assert await repository.revoke_delegation(KARI, DelegationRecord(PERSON_C, ORG_AGENCY, "tax-letter")) is False
    assert await Delegation.all().count() == 5
    assert await repository.revoke_delegation(KARI, DelegationRecord(PERSON_B, ORG_SUBUNIT, "tax-letter")) is True
    assert await repository.revoke_delegation(ADMIN, foreign) is True


async def test_look_ups_answer_with_records(db_clean: str) -> None:
    resource = ResourceRecord("tax-letter", ORG_AGENCY, "Skattebrev", None, "Tax letter", True, 365)
    address = OrganizationAddressRecord(ORG_COMPANY, AddressType.SMS, "+4791234567")
    await repository.upsert_many([resource])
    await repository.upsert_many([address])
    assert await repository.resource("tax-letter") == resource
    assert await repository.resource("no-such-service") is None
    assert await repository.resources_with_retention() == [resource]
    [found] = await repository.organization_addresses([ORG_COMPANY, ORG_OTHER])
    assert found == address
    assert found.address_type is AddressType.SMS  # the enum itself, as the recipient lookup compares it
    assert await repository.organization_addresses([]) == []
