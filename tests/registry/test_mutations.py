"""The admin mutations over the registries (contract §2): happy path, permission, and field-named input errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from correspondence.registry.models import (
    AddressType,
    Contact,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
    Role,
    UserNotificationAddress,
)
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_SUBUNIT, PERSON_A, GraphQLClient, Tokens

PERSON_URN = f"urn:altinn:person:identifier-no:{PERSON_A}"
COMPANY_URN = f"urn:altinn:organization:identifier-no:{ORG_COMPANY}"
BAD_PID = "01010112378"  # wrong check digit
BAD_ORGNO = "910000005"  # wrong check digit


@dataclass(frozen=True)
class Case:
    """One mutation: a valid call, what it returns, and a call with one bad field."""

    name: str
    document: str
    variables: dict[str, Any]
    expected: Any
    bad_variables: dict[str, Any]
    bad_field: str


CASES = [
    Case(
        "upsertPerson",
        "mutation($input: PersonInput!) { upsertPerson(input: $input) { party name } }",
        {"input": {"nationalIdentityNumber": PERSON_A, "name": "Kari Nordmann"}},
        {"party": PERSON_URN, "name": "Kari Nordmann"},
        {"input": {"nationalIdentityNumber": BAD_PID, "name": "Kari"}},
        "input.nationalIdentityNumber",
    ),
    Case(
        "upsertOrganization",
        "mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { party name parentOrganization } }",
        {
            "input": {
                "organizationNumber": f"0192:{ORG_SUBUNIT}",
                "name": "Avd. Bergen",
                "parentOrganizationNumber": COMPANY_URN,
            }
        },
        {
            "party": f"urn:altinn:organization:identifier-no:{ORG_SUBUNIT}",
            "name": "Avd. Bergen",
            "parentOrganization": COMPANY_URN,
        },
        {"input": {"organizationNumber": ORG_SUBUNIT, "name": "X", "parentOrganizationNumber": BAD_ORGNO}},
        "input.parentOrganizationNumber",
    ),
    Case(
        "upsertResource",
        "mutation($input: ResourceInput!) { upsertResource(input: $input) "
        "{ resourceId owner titleNb titleNn titleEn isConfidential retentionDays } }",
        {
            "input": {
                "resourceId": "tax-letter",
                "ownerOrganizationNumber": ORG_AGENCY,
                "titleNb": "Skattebrev",
                "titleEn": "Tax letter",
                "isConfidential": True,
                "retentionDays": 365,
            }
        },
        {
            "resourceId": "tax-letter",
            "owner": f"urn:altinn:organization:identifier-no:{ORG_AGENCY}",
            "titleNb": "Skattebrev",
            "titleNn": None,
            "titleEn": "Tax letter",
            "isConfidential": True,
            "retentionDays": 365,
        },
        {
            "input": {
                "resourceId": "tax-letter",
                "ownerOrganizationNumber": ORG_AGENCY,
                "titleNb": "T",
                "retentionDays": 0,
            }
        },
        "input.retentionDays",
    ),
    Case(
        "addRole",
        "mutation($input: RoleInput!) { addRole(input: $input) { person organization roleCode } }",
        {"input": {"nationalIdentityNumber": PERSON_URN, "organizationNumber": ORG_COMPANY, "roleCode": "dagl"}},
        {"person": PERSON_URN, "organization": COMPANY_URN, "roleCode": "DAGL"},
        {"input": {"nationalIdentityNumber": PERSON_A, "organizationNumber": BAD_ORGNO, "roleCode": "DAGL"}},
        "input.organizationNumber",
    ),
    Case(
        "upsertContact",
        "mutation($input: ContactInput!) "
        "{ upsertContact(input: $input) { person email mobile reserved lastConfirmed } }",
        {
            "input": {
                "nationalIdentityNumber": PERSON_A,
                "email": "kari@example.no",
                "mobile": "91234567",
                "reserved": False,
                "lastConfirmed": "2026-01-15T10:00:00+00:00",
            }
        },
        {
            "person": PERSON_URN,
            "email": "kari@example.no",
            "mobile": "+4791234567",
            "reserved": False,
            "lastConfirmed": "2026-01-15T10:00:00+00:00",
        },
        {"input": {"nationalIdentityNumber": PERSON_A, "mobile": "12345"}},
        "input.mobile",
    ),
    Case(
        "addOrganizationNotificationAddress",
        "mutation($input: OrganizationNotificationAddressInput!) "
        "{ addOrganizationNotificationAddress(input: $input) { organization email mobile } }",
        {"input": {"organizationNumber": ORG_COMPANY, "email": "post@bedrift.no"}},
        {"organization": COMPANY_URN, "email": "post@bedrift.no", "mobile": None},
        {"input": {"organizationNumber": ORG_COMPANY, "email": "not-an-address"}},
        "input.email",
    ),
    Case(
        "upsertUserNotificationAddress",
        "mutation($input: UserNotificationAddressInput!) "
        "{ upsertUserNotificationAddress(input: $input) { person organization email mobile } }",
        {"input": {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "mobile": "+4741234567"}},
        {"person": PERSON_URN, "organization": COMPANY_URN, "email": None, "mobile": "+4741234567"},
        {"input": {"nationalIdentityNumber": "123", "organizationNumber": ORG_COMPANY, "mobile": "+4741234567"}},
        "input.nationalIdentityNumber",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_admin_upserts(client: GraphQLClient, tokens: Tokens, case: Case) -> None:
    result = await client(case.document, case.variables, token=tokens.admin())
    assert result.data[case.name] == case.expected
    again = await client(case.document, case.variables, token=tokens.admin())
    assert again.data[case.name] == case.expected  # an upsert twice is the same entry


@pytest.mark.dialect_independent
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_admin_upserts_name_the_bad_field_and_change_nothing(
    client: GraphQLClient, tokens: Tokens, case: Case
) -> None:
    result = await client(case.document, case.bad_variables, token=tokens.admin())
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.fields == [case.bad_field]
    for model in (
        Person,
        Organization,
        Resource,
        Role,
        Contact,
        OrganizationNotificationAddress,
        UserNotificationAddress,
    ):
        assert await model.all().count() == 0


@pytest.mark.dialect_independent
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_admin_upserts_refuse_everyone_else(client: GraphQLClient, tokens: Tokens, case: Case) -> None:
    for token in (tokens.person(PERSON_A), tokens.service_owner(ORG_AGENCY), tokens.system(ORG_COMPANY)):
        result = await client(case.document, case.variables, token=token)
        assert result.codes == ["FORBIDDEN"]
    assert (await client(case.document, case.variables)).codes == ["UNAUTHENTICATED"]


async def test_upsert_replaces_the_entry(client: GraphQLClient, tokens: Tokens) -> None:
    document = "mutation($input: ContactInput!) { upsertContact(input: $input) { email mobile reserved } }"
    first = {"nationalIdentityNumber": PERSON_A, "email": "a@example.no"}
    await client(document, {"input": first}, token=tokens.admin())
    second = {"nationalIdentityNumber": PERSON_A, "mobile": "004791234567", "reserved": True}
    result = await client(document, {"input": second}, token=tokens.admin())
    assert result.data["upsertContact"] == {"email": None, "mobile": "+4791234567", "reserved": True}
    assert await Contact.all().count() == 1


@pytest.mark.dialect_independent
async def test_organization_address_is_an_email_or_a_mobile(client: GraphQLClient, tokens: Tokens) -> None:
    document = (
        "mutation($input: OrganizationNotificationAddressInput!) "
        "{ addOrganizationNotificationAddress(input: $input) { email mobile } }"
    )
    both = {"organizationNumber": ORG_COMPANY, "email": "post@bedrift.no", "mobile": "+4791234567"}
    assert (await client(document, {"input": both}, token=tokens.admin())).fields == ["input.mobile"]
    neither = {"organizationNumber": ORG_COMPANY}
    assert (await client(document, {"input": neither}, token=tokens.admin())).fields == ["input.email"]
    mobile = {"organizationNumber": ORG_COMPANY, "mobile": "+4791234567"}
    assert (await client(document, {"input": mobile}, token=tokens.admin())).data[
        "addOrganizationNotificationAddress"
    ] == {"email": None, "mobile": "+4791234567"}


@pytest.mark.dialect_independent
async def test_every_bad_field_is_reported(client: GraphQLClient, tokens: Tokens) -> None:
    document = "mutation($input: ContactInput!) { upsertContact(input: $input) { person } }"
    bad = {"nationalIdentityNumber": BAD_PID, "email": "no", "mobile": "+4712345678"}
    result = await client(document, {"input": bad}, token=tokens.admin())
    assert set(result.codes) == {"BAD_USER_INPUT"}
    assert sorted(result.fields) == ["input.email", "input.mobile", "input.nationalIdentityNumber"]


@dataclass(frozen=True)
class Removal:
    name: str
    document: str
    variables: dict[str, Any]
    bad_variables: dict[str, Any]
    bad_field: str


async def _seed() -> None:
    await Person.create(national_identity_number=PERSON_A, name="Kari")
    await Organization.create(organization_number=ORG_COMPANY, name="Bedrift AS")
    await Resource.create(resource_id="tax-letter", owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    await Contact.create(national_identity_number=PERSON_A, email="kari@example.no")
    await OrganizationNotificationAddress.create(
        organization_number=ORG_COMPANY, address_type=AddressType.SMS, address="+4791234567"
    )
    await UserNotificationAddress.create(
        national_identity_number=PERSON_A, organization_number=ORG_COMPANY, email="kari@example.no"
    )


REMOVALS = [
    Removal(
        "removePerson",
        "mutation($p: String!) { removePerson(nationalIdentityNumber: $p) }",
        {"p": PERSON_URN},
        {"p": BAD_PID},
        "nationalIdentityNumber",
    ),
    Removal(
        "removeOrganization",
        "mutation($o: String!) { removeOrganization(organizationNumber: $o) }",
        {"o": ORG_COMPANY},
        {"o": BAD_ORGNO},
        "organizationNumber",
    ),
    Removal(
        "removeResource",
        "mutation($r: String!) { removeResource(resourceId: $r) }",
        {"r": "tax-letter"},
        {"r": "tax letter"},
        "resourceId",
    ),
    Removal(
        "removeRole",
        "mutation($i: RoleInput!) { removeRole(input: $i) }",
        {"i": {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "roleCode": "DAGL"}},
        {"i": {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "roleCode": "DA GL"}},
        "input.roleCode",
    ),
    Removal(
        "removeContact",
        "mutation($p: String!) { removeContact(nationalIdentityNumber: $p) }",
        {"p": PERSON_A},
        {"p": "0101011237"},
        "nationalIdentityNumber",
    ),
    Removal(
        "removeOrganizationNotificationAddress",
        "mutation($i: OrganizationNotificationAddressInput!) { removeOrganizationNotificationAddress(input: $i) }",
        {"i": {"organizationNumber": ORG_COMPANY, "mobile": "91234567"}},
        {"i": {"organizationNumber": ORG_COMPANY, "mobile": "+47 1234"}},
        "input.mobile",
    ),
    Removal(
        "removeUserNotificationAddress",
        "mutation($p: String!, $o: String!) { removeUserNotificationAddress(nationalIdentityNumber: $p, "
        "organizationNumber: $o) }",
        {"p": PERSON_A, "o": COMPANY_URN},
        {"p": PERSON_A, "o": "0192:12345678"},
        "organizationNumber",
    ),
]

REMOVED_MODEL = {
    "removePerson": Person,
    "removeOrganization": Organization,
    "removeResource": Resource,
    "removeRole": Role,
    "removeContact": Contact,
    "removeOrganizationNotificationAddress": OrganizationNotificationAddress,
    "removeUserNotificationAddress": UserNotificationAddress,
}


@pytest.mark.parametrize("removal", REMOVALS, ids=lambda removal: removal.name)
async def test_admin_removals(client: GraphQLClient, tokens: Tokens, removal: Removal) -> None:
    await _seed()
    model = REMOVED_MODEL[removal.name]

    refused = await client(removal.document, removal.variables, token=tokens.person(PERSON_A))
    assert refused.codes == ["FORBIDDEN"]
    bad = await client(removal.document, removal.bad_variables, token=tokens.admin())
    assert (bad.codes, bad.fields) == (["BAD_USER_INPUT"], [removal.bad_field])
    assert await model.all().count() == 1

    assert (await client(removal.document, removal.variables, token=tokens.admin())).data[removal.name] is True
    assert await model.all().count() == 0
    # Removing what is not there is no error: the answer says nothing was removed.
    assert (await client(removal.document, removal.variables, token=tokens.admin())).data[removal.name] is False
