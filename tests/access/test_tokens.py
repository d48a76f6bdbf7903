"""Authentication and the `me` query for every actor (contract §1)."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from correspondence.registry.models import Delegation, Organization, Person, Role
from correspondence.settings import Settings
from tests.fixtures.client import http_client
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_SUBUNIT, PERSON_A, GraphQLClient, Tokens

pytestmark = pytest.mark.dialect_independent  # authentication and the claims of a token

ME = """{ me { actorType party name scopes
  parties { party name roles delegatedResources canReadConfidential viaParent } } }"""


async def test_person_sees_own_inbox_roles_sub_units_and_delegations(client: GraphQLClient, tokens: Tokens) -> None:
    await Person.create(national_identity_number=PERSON_A, name="Kari Nordmann")
    await Organization.create(organization_number=ORG_COMPANY, name="Bedrift AS")
    await Organization.create(
        organization_number=ORG_SUBUNIT, name="Bedrift AS avd. Bergen", parent_organization_number=ORG_COMPANY
    )
    await Organization.create(organization_number=ORG_AGENCY, name="Etaten")
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    await Delegation.create(national_identity_number=PERSON_A, organization_number=ORG_AGENCY, resource_id="tax-letter")

    me = (await client(ME, token=tokens.person(PERSON_A))).data["me"]

    assert me["actorType"] == "PERSON"
    assert me["name"] == "Kari Nordmann"
    parties = {p["party"]: p for p in me["parties"]}
    own = f"urn:altinn:person:identifier-no:{PERSON_A}"
    company = f"urn:altinn:organization:identifier-no:{ORG_COMPANY}"
    subunit = f"urn:altinn:organization:identifier-no:{ORG_SUBUNIT}"
    agency = f"urn:altinn:organization:identifier-no:{ORG_AGENCY}"
    assert set(parties) == {own, company, subunit, agency}
    assert parties[company]["roles"] == ["REGN"]
    assert parties[company]["canReadConfidential"] is False  # REGN is no confidential role
    assert parties[subunit]["viaParent"] == company
    assert parties[subunit]["name"] == "Bedrift AS avd. Bergen"
    assert parties[agency]["delegatedResources"] == ["tax-letter"]
    assert parties[agency]["roles"] == []


async def test_dagl_may_read_confidential(client: GraphQLClient, tokens: Tokens) -> None:
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    me = (await client(ME, token=tokens.person(PERSON_A))).data["me"]
    company = next(p for p in me["parties"] if p["party"].endswith(ORG_COMPANY))
    assert company["canReadConfidential"] is True


@pytest.mark.parametrize(
    ("kind", "actor_type", "party"),
    [
        ("service_owner", "SERVICE_OWNER", f"urn:altinn:organization:identifier-no:{ORG_AGENCY}"),
        ("system", "SYSTEM", f"urn:altinn:organization:identifier-no:{ORG_AGENCY}"),
        ("admin", "ADMIN", None),
    ],
)
async def test_me_for_each_machine_actor(
    client: GraphQLClient, tokens: Tokens, kind: str, actor_type: str, party: str | None
) -> None:
    token = tokens.admin() if kind == "admin" else getattr(tokens, kind)(ORG_AGENCY)
    me = (await client(ME, token=token)).data["me"]
    assert me["actorType"] == actor_type
    assert me["party"] == party
    # A system reads its own organization's inbox; service owners and admins read no inbox.
    assert [p["party"] for p in me["parties"]] == ([party] if kind == "system" else [])


async def test_missing_token_is_unauthenticated(client: GraphQLClient) -> None:
    result = await client(ME)
    assert result.codes == ["UNAUTHENTICATED"]
    assert result.body["data"] is None


async def test_expired_token_is_unauthenticated(client: GraphQLClient, tokens: Tokens) -> None:
    token = tokens.mint({"pid": PERSON_A, "scope": "altinn:correspondence.read", "exp": int(time.time()) - 120})
    result = await client(ME, token=token)
    assert result.codes == ["UNAUTHENTICATED"]
    assert "expired" in result.errors[0]["message"]


async def test_token_within_leeway_is_accepted(client: GraphQLClient, tokens: Tokens) -> None:
    token = tokens.mint({"pid": PERSON_A, "scope": "altinn:correspondence.read", "exp": int(time.time()) - 10})
    assert (await client(ME, token=token)).data["me"]["actorType"] == "PERSON"


async def test_malformed_token_is_unauthenticated(client: GraphQLClient) -> None:
    assert (await client(ME, token="not-a-jwt")).codes == ["UNAUTHENTICATED"]


async def test_wrong_issuer_is_unauthenticated(client: GraphQLClient, tokens: Tokens) -> None:
    token = tokens.mint({"pid": PERSON_A, "iss": "someone-else"})
    result = await client(ME, token=token)
    assert result.codes == ["UNAUTHENTICATED"]
    assert "issuer" in result.errors[0]["message"].lower()


async def test_wrong_audience_is_unauthenticated(client: GraphQLClient, tokens: Tokens) -> None:
    assert (await client(ME, token=tokens.mint({"pid": PERSON_A, "aud": "other"}))).codes == ["UNAUTHENTICATED"]


async def test_token_signed_by_another_key_with_the_same_kid_is_refused(
    client: GraphQLClient, settings: Settings
) -> None:
    kid = (settings.dev_key_dir / "kid").read_text()
    stranger = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode(
        {"pid": PERSON_A, "iss": settings.jwt_issuer, "aud": settings.jwt_audience, "exp": int(time.time()) + 60},
        stranger,
        algorithm="ES256",
        headers={"kid": kid},
    )
    result = await client(ME, token=token)
    assert result.codes == ["UNAUTHENTICATED"]
    assert "signature" in result.errors[0]["message"].lower()


async def test_invalid_pid_claim_is_unauthenticated(client: GraphQLClient, tokens: Tokens) -> None:
    assert (await client(ME, token=tokens.mint({"pid": "01010112378"}))).codes == ["UNAUTHENTICATED"]


async def test_rs256_token_from_a_jwks_file_is_accepted_and_dev_key_refused_outside_dev_mode(
    settings: Settings, tokens: Tokens, redis_pool: object, tmp_path: object
) -> None:
    import httpx

    from correspondence.app import create_app
    from tests.helpers import GraphQLClient as Client

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "prod-1", "alg": "RS256"})
    jwks = settings.data_dir / "prod-jwks.json"
    jwks.write_text(json.dumps({"keys": [jwk]}))
    production = settings.model_copy(update={"dev_mode": False, "jwks_url": jwks.as_uri()})
    app = create_app(production)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        client = Client(http)
        good = jwt.encode(
            {
                "consumer": f"0192:{ORG_AGENCY}",
                "scope": "altinn:correspondence.read",
                "iss": production.jwt_issuer,
                "aud": production.jwt_audience,
                "exp": int(time.time()) + 60,
            },
            key,
            algorithm="RS256",
            headers={"kid": "prod-1"},
        )
        assert (await client(ME, token=good)).data["me"]["actorType"] == "SYSTEM"
        dev = tokens.system(ORG_AGENCY)
        result = await client(ME, token=dev)
        assert result.codes == ["UNAUTHENTICATED"]
        assert "dev" in result.errors[0]["message"].lower()


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "claims",
    [
        {"pid": PERSON_A.translate(ARABIC_INDIC), "scope": "altinn:correspondence.read"},
        {"consumer": f"0192:{ORG_AGENCY.translate(ARABIC_INDIC)}", "scope": "altinn:correspondence.read"},
        {"consumer": ORG_AGENCY.translate(ARABIC_INDIC), "scope": "altinn:serviceowner"},
    ],
)
async def test_a_party_in_other_scripts_digits_is_unauthenticated(
    client: GraphQLClient, tokens: Tokens, claims: dict[str, str]
) -> None:
    # Otherwise "٠١٠١…" would be a second party beside "0101…", with an inbox of its own.
    result = await client(ME, token=tokens.mint(claims))
    assert result.codes == ["UNAUTHENTICATED"]
    assert "invalid party" in result.errors[0]["message"]


@pytest.mark.parametrize(("algorithm", "key_id"), [("RS256", "ec-key"), ("ES256", "rsa-key")])
async def test_algorithm_that_does_not_match_its_key_is_unauthenticated(
    settings: Settings, redis_pool: object, algorithm: str, key_id: str
) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    jwks = [
        {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key())), "kid": "rsa-key"},
        {**json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ec_key.public_key())), "kid": "ec-key"},
    ]
    path = settings.data_dir / "mixed-jwks.json"
    path.write_text(json.dumps({"keys": jwks}))
    production = settings.model_copy(update={"dev_mode": False, "jwks_url": path.as_uri()})
    # Signed with a key of the type the algorithm names, under the id of a key of the other type.
    signing_key = rsa_key if algorithm == "RS256" else ec_key
    claims = {"pid": PERSON_A, "iss": production.jwt_issuer, "aud": production.jwt_audience, "exp": time.time() + 60}
    token = jwt.encode(claims, signing_key, algorithm=algorithm, headers={"kid": key_id})

    async with http_client(production) as http:
        result = await GraphQLClient(http)(ME, token=token)

    assert result.status == 200
    assert result.codes == ["UNAUTHENTICATED"]
    assert "algorithm does not match" in result.errors[0]["message"]
