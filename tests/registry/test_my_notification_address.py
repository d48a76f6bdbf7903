"""setMyNotificationAddress (contract §8): a person keeps their own address for organizations they act for."""

from __future__ import annotations

import pytest

from correspondence.registry.models import Delegation, Organization, Role, UserNotificationAddress
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, ORG_SUBUNIT, PERSON_A, GraphQLClient, Tokens

SET = """
mutation($organization: String!, $email: String, $mobile: String) {
  setMyNotificationAddress(organization: $organization, email: $email, mobile: $mobile) {
    party notificationAddresses { organization email mobile }
  }
}
"""
COMPANY_URN = f"urn:altinn:organization:identifier-no:{ORG_COMPANY}"


async def test_with_a_role(client: GraphQLClient, tokens: Tokens) -> None:
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    result = await client(
        SET, {"organization": f"0192:{ORG_COMPANY}", "email": "kari@bedrift.no"}, token=tokens.person(PERSON_A)
    )
    viewer = result.data["setMyNotificationAddress"]
    assert viewer["party"] == f"urn:altinn:person:identifier-no:{PERSON_A}"
    assert viewer["notificationAddresses"] == [
        {"organization": COMPANY_URN, "email": "kari@bedrift.no", "mobile": None}
    ]

    # A second call replaces the address.
    result = await client(SET, {"organization": COMPANY_URN, "mobile": "41234567"}, token=tokens.person(PERSON_A))
    assert result.data["setMyNotificationAddress"]["notificationAddresses"] == [
        {"organization": COMPANY_URN, "email": None, "mobile": "+4741234567"}
    ]
    assert await UserNotificationAddress.all().count() == 1


async def test_with_a_delegation(client: GraphQLClient, tokens: Tokens) -> None:
    await Delegation.create(national_identity_number=PERSON_A, organization_number=ORG_AGENCY, resource_id="x")
    result = await client(
        SET,
        {"organization": ORG_AGENCY, "email": "kari@example.no", "mobile": "+4791234567"},
        token=tokens.person(PERSON_A),
    )
    assert result.data["setMyNotificationAddress"]["notificationAddresses"][0]["mobile"] == "+4791234567"


async def test_with_a_role_in_the_main_unit(client: GraphQLClient, tokens: Tokens) -> None:
    await Organization.create(organization_number=ORG_SUBUNIT, name="Avd.", parent_organization_number=ORG_COMPANY)
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    result = await client(SET, {"organization": ORG_SUBUNIT, "email": "kari@example.no"}, token=tokens.person(PERSON_A))
    assert result.data["setMyNotificationAddress"]["notificationAddresses"][0]["organization"].endswith(ORG_SUBUNIT)


async def test_refused_without_role_or_delegation(client: GraphQLClient, tokens: Tokens) -> None:
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    result = await client(SET, {"organization": ORG_OTHER, "email": "kari@example.no"}, token=tokens.person(PERSON_A))
    assert result.codes == ["FORBIDDEN"]
    assert await UserNotificationAddress.all().count() == 0


@pytest.mark.dialect_independent
async def test_only_persons(client: GraphQLClient, tokens: Tokens) -> None:
    for token in (tokens.admin(), tokens.system(ORG_COMPANY), tokens.service_owner(ORG_AGENCY)):
        result = await client(SET, {"organization": ORG_COMPANY, "email": "a@example.no"}, token=token)
        assert result.codes == ["FORBIDDEN"]


async def test_both_null_removes_it(client: GraphQLClient, tokens: Tokens) -> None:
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    await UserNotificationAddress.create(
        national_identity_number=PERSON_A, organization_number=ORG_COMPANY, email="kari@example.no"
    )
    result = await client(SET, {"organization": ORG_COMPANY}, token=tokens.person(PERSON_A))
    assert result.data["setMyNotificationAddress"]["notificationAddresses"] == []
    assert await UserNotificationAddress.all().count() == 0


@pytest.mark.dialect_independent
async def test_validated_with_the_field_named(client: GraphQLClient, tokens: Tokens) -> None:
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    token = tokens.person(PERSON_A)
    cases = [
        ({"organization": "910000005", "email": "a@example.no"}, ["organization"]),
        ({"organization": ORG_COMPANY, "email": "a@@example"}, ["email"]),
        ({"organization": ORG_COMPANY, "mobile": "+4731234567"}, ["mobile"]),  # +47 mobiles start with 4 or 9
    ]
    for variables, fields in cases:
        result = await client(SET, variables, token=token)
        assert (result.codes, result.fields) == (["BAD_USER_INPUT"], fields)
    assert await UserNotificationAddress.all().count() == 0
