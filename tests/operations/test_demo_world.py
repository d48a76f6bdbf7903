"""The demo world is consistent with the access rules and can be loaded again without duplicates."""

from __future__ import annotations

from correspondence.registry import demo
from correspondence.registry.models import Contact, OrganizationNotificationAddress, Resource, Role
from correspondence.settings import Settings
from tests.helpers import GraphQLClient, Tokens

ME = "{ me { name parties { party roles canReadConfidential viaParent } } }"


async def test_demo_world_loads_twice_and_opens_the_expected_inboxes(client: GraphQLClient, tokens: Tokens) -> None:
    await demo.load_world()
    await demo.load_world()

    assert await Role.all().count() == 2
    assert await OrganizationNotificationAddress.all().count() == 3
    assert [c.national_identity_number for c in await Contact.filter(reserved=True)] == [demo.PER]
    confidential = await Resource.get(resource_id=demo.RESOURCE_CONFIDENTIAL)
    assert confidential.is_confidential
    assert confidential.owner_organization_number == demo.AGENCY

    kari = (await client(ME, token=tokens.person(demo.KARI))).data["me"]
    assert kari["name"] == "Kari Nordmann"
    parties = {p["party"].rsplit(":", 1)[1]: p for p in kari["parties"]}
    assert parties[demo.COMPANY]["roles"] == ["DAGL"]
    assert parties[demo.COMPANY]["canReadConfidential"] is True
    assert parties[demo.COMPANY_BERGEN]["viaParent"].endswith(demo.COMPANY)

    ola = (await client(ME, token=tokens.person(demo.OLA))).data["me"]
    company = next(p for p in ola["parties"] if p["party"].endswith(demo.COMPANY))
    assert company["canReadConfidential"] is False


async def test_every_demo_token_is_accepted(client: GraphQLClient, settings: Settings) -> None:
    actor_types = []
    for _description, token in demo.actor_tokens(settings):
        actor_types.append((await client("{ me { actorType } }", token=token)).data["me"]["actorType"])
    assert actor_types == ["SERVICE_OWNER", "PERSON", "PERSON", "SYSTEM", "ADMIN"]
