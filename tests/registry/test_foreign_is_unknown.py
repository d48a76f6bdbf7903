"""What a caller may not see of the registries answers exactly as what does not exist (contract §10).

The caller is Kari (PERSON_A), DAGL of the company. The foreign organization exists, with its own DAGL, a sub-unit,
a delegation and a user address; the unknown one is a valid number that no registry knows. Every operation that
takes an organization answers both with the same code and message, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from correspondence.registry.models import Delegation, Organization, Person, Resource, Role, UserNotificationAddress
from tests.helpers import (
    ORG_AGENCY,
    ORG_AGENCY_2,
    ORG_COMPANY,
    ORG_OTHER,
    ORG_SUBUNIT,
    PERSON_A,
    PERSON_B,
    PERSON_C,
    GraphQLClient,
    GraphQLResult,
    Tokens,
)

UNKNOWN = ORG_AGENCY_2  # valid, and in no registry of these tests
FOREIGN_SUB_UNIT = ORG_SUBUNIT  # here a sub-unit of the foreign organization

SET_ADDRESS = """
mutation($organization: String!, $email: String) {
  setMyNotificationAddress(organization: $organization, email: $email) { notificationAddresses { organization } }
}
"""
GRANT = "mutation($input: DelegationInput!) { grantDelegation(input: $input) { resourceId } }"
REVOKE = "mutation($input: DelegationInput!) { revokeDelegation(input: $input) }"


def _delegation(orgno: str) -> dict[str, Any]:
    return {"input": {"nationalIdentityNumber": PERSON_B, "organizationNumber": orgno, "resourceId": "tax-letter"}}


OPERATIONS: dict[str, tuple[str, Callable[[str], dict[str, Any]]]] = {
    "set my address": (SET_ADDRESS, lambda orgno: {"organization": orgno, "email": "kari@example.no"}),
    "remove my address": (SET_ADDRESS, lambda orgno: {"organization": orgno}),
    "grant a delegation": (GRANT, _delegation),
    "revoke a delegation": (REVOKE, _delegation),
}


async def _world() -> None:
    await Resource.create(resource_id="tax-letter", owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    await Organization.create(organization_number=ORG_COMPANY, name="Bedrift AS")
    await Organization.create(organization_number=ORG_OTHER, name="Annen AS")
    await Organization.create(organization_number=FOREIGN_SUB_UNIT, name="Avd.", parent_organization_number=ORG_OTHER)
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    await Role.create(national_identity_number=PERSON_C, organization_number=ORG_OTHER, role_code="DAGL")
    for orgno in (ORG_OTHER, FOREIGN_SUB_UNIT):
        await Delegation.create(national_identity_number=PERSON_B, organization_number=orgno, resource_id="tax-letter")
        await UserNotificationAddress.create(
            national_identity_number=PERSON_A, organization_number=orgno, email="kari@annen.no"
        )


async def _rows() -> tuple[int, int]:
    return await Delegation.all().count(), await UserNotificationAddress.all().count()


def _answer(result: GraphQLResult) -> tuple[object, list[tuple[str, str]]]:
    """What the caller learns: the data and each error's code and message (paths and locations aside)."""
    errors = [(e["extensions"]["code"], e["message"]) for e in result.errors]
    return result.body.get("data"), errors


@pytest.mark.parametrize("foreign", [ORG_OTHER, FOREIGN_SUB_UNIT], ids=["organization", "sub-unit"])
@pytest.mark.parametrize("operation", list(OPERATIONS))
async def test_a_foreign_organization_answers_as_an_unknown_one(
    client: GraphQLClient, tokens: Tokens, operation: str, foreign: str
) -> None:
    await _world()
    document, variables = OPERATIONS[operation]
    before = await _rows()

    as_foreign = await client(document, variables(foreign), token=tokens.person(PERSON_A))
    as_unknown = await client(document, variables(UNKNOWN), token=tokens.person(PERSON_A))

    assert _answer(as_foreign) == _answer(as_unknown)
    assert as_foreign.codes == ["FORBIDDEN"]
    assert await _rows() == before


async def test_the_own_organization_is_not_refused(client: GraphQLClient, tokens: Tokens) -> None:
    """The counterpart of the refusals above: the same operations succeed for the caller's own organization."""
    await _world()
    for document, variables in OPERATIONS.values():
        result = await client(document, variables(ORG_COMPANY), token=tokens.person(PERSON_A))
        assert result.errors == []


# The administrators' registry mutations, each with variables naming an entry that exists and one that does not.
ADMIN_OPERATIONS: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "remove a person": (
        "mutation($id: String!) { removePerson(nationalIdentityNumber: $id) }",
        {"id": PERSON_C},
        {"id": PERSON_B},
    ),
    "remove an organization": (
        "mutation($id: String!) { removeOrganization(organizationNumber: $id) }",
        {"id": ORG_OTHER},
        {"id": UNKNOWN},
    ),
    "remove a resource": (
        "mutation($id: String!) { removeResource(resourceId: $id) }",
        {"id": "tax-letter"},
        {"id": "no-such-service"},
    ),
    "remove a role": (
        "mutation($input: RoleInput!) { removeRole(input: $input) }",
        {"input": {"nationalIdentityNumber": PERSON_C, "organizationNumber": ORG_OTHER, "roleCode": "DAGL"}},
        {"input": {"nationalIdentityNumber": PERSON_C, "organizationNumber": UNKNOWN, "roleCode": "DAGL"}},
    ),
    "remove a user address": (
        "mutation($pid: String!, $orgno: String!) {"
        " removeUserNotificationAddress(nationalIdentityNumber: $pid, organizationNumber: $orgno) }",
        {"pid": PERSON_A, "orgno": ORG_OTHER},
        {"pid": PERSON_A, "orgno": UNKNOWN},
    ),
    "keep a user address": (
        "mutation($input: UserNotificationAddressInput!) { upsertUserNotificationAddress(input: $input) { person } }",
        {"input": {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_OTHER, "email": "a@example.no"}},
        {"input": {"nationalIdentityNumber": PERSON_A, "organizationNumber": UNKNOWN, "email": "a@example.no"}},
    ),
}


@pytest.mark.parametrize("operation", list(ADMIN_OPERATIONS))
async def test_a_non_administrator_learns_nothing_from_the_registry_mutations(
    client: GraphQLClient, tokens: Tokens, operation: str
) -> None:
    await _world()
    await Person.create(national_identity_number=PERSON_C, name="Per")
    document, existing, missing = ADMIN_OPERATIONS[operation]
    before = (await _rows(), await Person.all().count(), await Organization.all().count(), await Role.all().count())

    for token in (tokens.person(PERSON_A), tokens.person(PERSON_C), tokens.system(ORG_OTHER)):
        as_existing = await client(document, existing, token=token)
        as_missing = await client(document, missing, token=token)
        assert _answer(as_existing) == _answer(as_missing)
        assert as_existing.codes == ["FORBIDDEN"]

    after = (await _rows(), await Person.all().count(), await Organization.all().count(), await Role.all().count())
    assert after == before
