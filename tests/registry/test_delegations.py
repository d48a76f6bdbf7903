"""Delegations: administrators, or the organization's DAGL (contract §2: the service's user administration)."""

from __future__ import annotations

import pytest

from correspondence.registry.models import Delegation, Organization, Resource, Role
from tests.helpers import (
    ORG_AGENCY,
    ORG_COMPANY,
    ORG_OTHER,
    ORG_SUBUNIT,
    PERSON_A,
    PERSON_B,
    PERSON_C,
    GraphQLClient,
    Tokens,
)

GRANT = "mutation($input: DelegationInput!) { grantDelegation(input: $input) { person organization resourceId } }"
REVOKE = "mutation($input: DelegationInput!) { revokeDelegation(input: $input) }"


def _input(orgno: str, resource_id: str = "tax-letter", pid: str = PERSON_B) -> dict[str, object]:
    return {"input": {"nationalIdentityNumber": pid, "organizationNumber": orgno, "resourceId": resource_id}}


async def _world() -> None:
    await Resource.create(resource_id="tax-letter", owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    await Organization.create(organization_number=ORG_SUBUNIT, name="Avd.", parent_organization_number=ORG_COMPANY)
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    await Role.create(national_identity_number=PERSON_C, organization_number=ORG_COMPANY, role_code="REGN")


async def test_dagl_grants_and_revokes_for_own_organization(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    dagl = tokens.person(PERSON_A)

    granted = await client(GRANT, _input(ORG_COMPANY), token=dagl)
    assert granted.data["grantDelegation"] == {
        "person": f"urn:altinn:person:identifier-no:{PERSON_B}",
        "organization": f"urn:altinn:organization:identifier-no:{ORG_COMPANY}",
        "resourceId": "tax-letter",
    }
    assert await Delegation.filter(national_identity_number=PERSON_B, organization_number=ORG_COMPANY).count() == 1
    me = await client("{ me { parties { party delegatedResources } } }", token=tokens.person(PERSON_B))
    assert {"party": f"urn:altinn:organization:identifier-no:{ORG_COMPANY}", "delegatedResources": ["tax-letter"]} in (
        me.data["me"]["parties"]
    )

    assert (await client(REVOKE, _input(ORG_COMPANY), token=dagl)).data["revokeDelegation"] is True
    assert await Delegation.all().count() == 0


async def test_dagl_of_the_main_unit_manages_its_sub_units(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    result = await client(GRANT, _input(ORG_SUBUNIT), token=tokens.person(PERSON_A))
    assert result.data["grantDelegation"]["organization"].endswith(ORG_SUBUNIT)


async def test_dagl_may_not_grant_for_another_organization(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    for document in (GRANT, REVOKE):
        result = await client(document, _input(ORG_OTHER), token=tokens.person(PERSON_A))
        assert result.codes == ["FORBIDDEN"]
    assert await Delegation.all().count() == 0


async def test_other_roles_and_actors_are_refused(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    for token in (
        tokens.person(PERSON_C),
        tokens.person(PERSON_B),
        tokens.service_owner(ORG_AGENCY),
        tokens.system(ORG_COMPANY),
    ):
        assert (await client(GRANT, _input(ORG_COMPANY), token=token)).codes == ["FORBIDDEN"]
    assert (await client(GRANT, _input(ORG_COMPANY))).codes == ["UNAUTHENTICATED"]
    assert await Delegation.all().count() == 0


async def test_administrator_may_always(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    granted = await client(GRANT, _input(ORG_OTHER), token=tokens.admin())
    assert granted.data["grantDelegation"]["resourceId"] == "tax-letter"
    again = await client(GRANT, _input(ORG_OTHER), token=tokens.admin())
    assert again.data["grantDelegation"]["resourceId"] == "tax-letter"
    assert await Delegation.all().count() == 1
    assert (await client(REVOKE, _input(ORG_OTHER), token=tokens.admin())).data["revokeDelegation"] is True
    assert (await client(REVOKE, _input(ORG_OTHER), token=tokens.admin())).data["revokeDelegation"] is False


async def test_the_resource_must_exist(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    result = await client(GRANT, _input(ORG_COMPANY, resource_id="no-such-service"), token=tokens.person(PERSON_A))
    assert (result.codes, result.fields) == (["BAD_USER_INPUT"], ["input.resourceId"])
    assert await Delegation.all().count() == 0


@pytest.mark.dialect_independent
async def test_bad_identifiers_name_their_field(client: GraphQLClient, tokens: Tokens) -> None:
    await _world()
    result = await client(GRANT, _input(ORG_COMPANY, pid="01010112378"), token=tokens.admin())
    assert (result.codes, result.fields) == (["BAD_USER_INPUT"], ["input.nationalIdentityNumber"])
    result = await client(REVOKE, _input("910000005"), token=tokens.admin())
    assert (result.codes, result.fields) == (["BAD_USER_INPUT"], ["input.organizationNumber"])
