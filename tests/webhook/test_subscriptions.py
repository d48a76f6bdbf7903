"""Webhook subscriptions over GraphQL (contract §12): who may register them, the secret shown once and stored sealed,
every forbidden URL form refused, and another owner's subscription answering like an unknown id."""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator

import pytest

from correspondence.access.actor import SCOPE_READ
from correspondence.adapters.crypto import KeyRing, format_master_key, load_keyring, parse_master_keys
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings
from correspondence.webhook.keys import reseal_batch
from correspondence.webhook.models import WebhookSubscription
from correspondence.webhook.subscriptions import secret_of
from tests.fixtures.client import ClientFactory, http_client
from tests.fixtures.production import production_of
from tests.fixtures.world import World
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, PERSON_B, GraphQLClient
from tests.webhook.support import CREATE, DELETE, DELIVERIES, LIST, ROTATE, create_input

pytestmark = pytest.mark.dialect_independent  # subscriptions are plain rows; the delivery tests run both dialects


async def test_a_system_registers_a_subscription_and_sees_its_secret_once(world: World, settings: Settings) -> None:
    system = world.tokens.system(ORG_COMPANY)
    result = await world.client(CREATE, {"input": create_input(types=["PUBLISHED"])}, token=system)
    created = result.data["createWebhookSubscription"]
    secret = created["secret"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) >= 24
    subscription = created["subscription"]
    assert subscription["status"] == "ACTIVE"
    assert subscription["types"] == ["PUBLISHED"]

    listed = (await world.client(LIST, token=system)).data["webhookSubscriptions"]
    assert listed == [subscription]  # the list never shows the secret (its type has no such field)

    stored = await WebhookSubscription.get(id=subscription["id"])
    assert secret.encode() not in bytes(stored.secret_sealed)  # sealed, not kept in the clear
    assert secret_of(load_keyring(settings), stored) == secret


async def test_rotation_replaces_the_secret(world: World, settings: Settings) -> None:
    system = world.tokens.system(ORG_COMPANY)
    created = (await world.client(CREATE, {"input": create_input()}, token=system)).data["createWebhookSubscription"]
    rotated = (await world.client(ROTATE, {"id": created["subscription"]["id"]}, token=system)).data
    new_secret = rotated["rotateWebhookSecret"]["secret"]
    assert new_secret != created["secret"]
    stored = await WebhookSubscription.get(id=created["subscription"]["id"])
    assert secret_of(load_keyring(settings), stored) == new_secret


async def test_a_service_owner_registers_for_what_it_sends(world: World) -> None:
    result = await world.client(CREATE, {"input": create_input(parties=[PERSON_B])}, token=world.agency)
    subscription = result.data["createWebhookSubscription"]["subscription"]
    assert subscription["parties"] == [f"urn:altinn:person:identifier-no:{PERSON_B}"]
    # A system of the same organization owns other subscriptions: its inbox's, not what the agency sends.
    assert (await world.client(LIST, token=world.tokens.system(ORG_AGENCY))).data["webhookSubscriptions"] == []


@pytest.mark.parametrize("who", ["person", "admin"])
async def test_persons_and_administrators_may_not_subscribe(world: World, who: str) -> None:
    token = world.tokens.person(PERSON_B) if who == "person" else world.tokens.admin()
    result = await world.client(CREATE, {"input": create_input()}, token=token)
    assert result.codes == ["FORBIDDEN"]
    assert (await world.client(LIST, token=token)).codes == ["FORBIDDEN"]


async def test_a_system_may_filter_only_on_its_own_inbox(world: World) -> None:
    result = await world.client(
        CREATE, {"input": create_input(parties=[ORG_OTHER, "not-a-party"])}, token=world.tokens.system(ORG_COMPANY)
    )
    assert result.codes == ["BAD_USER_INPUT", "BAD_USER_INPUT"]
    assert sorted(result.fields) == ["input.parties[0]", "input.parties[1]"]


async def test_another_owners_subscription_answers_like_an_unknown_id(world: World) -> None:
    owner = world.tokens.system(ORG_COMPANY)
    created = (await world.client(CREATE, {"input": create_input()}, token=owner)).data["createWebhookSubscription"]
    subscription_id = created["subscription"]["id"]
    strangers = {
        "another organization's system": world.tokens.system(ORG_OTHER),
        "the organization's service owner": world.tokens.service_owner(ORG_COMPANY),
    }
    for token in strangers.values():
        for query, variables in (
            (DELETE, {"id": subscription_id}),
            (ROTATE, {"id": subscription_id}),
            (DELIVERIES, {"id": subscription_id}),
        ):
            foreign = await world.client(query, variables, token=token)
            unknown = await world.client(query, {"id": str(uuid.uuid4())}, token=token)
            assert foreign.codes == unknown.codes == ["NOT_FOUND"]
            assert foreign.errors[0]["message"] == unknown.errors[0]["message"]
        assert (await world.client(LIST, token=token)).data["webhookSubscriptions"] == []
    person = await world.client(DELETE, {"id": subscription_id}, token=world.tokens.person(PERSON_B))
    assert person.codes == ["FORBIDDEN"]  # persons are refused any subscription, their own or not
    assert (await world.client(LIST, token=owner)).data["webhookSubscriptions"] == [created["subscription"]]

    assert (await world.client(DELETE, {"id": subscription_id}, token=owner)).data["deleteWebhookSubscription"] is True
    assert (await world.client(LIST, token=owner)).data["webhookSubscriptions"] == []


FORBIDDEN_URLS = [
    "http://example.com/hook",  # not https
    "ftp://example.com/hook",
    "https://user:password@example.com/hook",  # credentials
    "https://token@example.com/hook",
    "https://127.0.0.1/hook",  # loopback
    "https://127.1/hook",
    "https://2130706433/hook",  # decimal
    "https://0x7f000001/hook",  # hexadecimal
    "https://0x7f.0.0.1/hook",
    "https://10.1.2.3/hook",  # private
    "https://172.16.0.1/hook",
    "https://192.168.1.1/hook",
    "https://100.64.0.1/hook",  # shared address space
    "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
    "https://0.0.0.0/hook",
    "https://224.0.0.1/hook",  # multicast
    "https://[::1]/hook",
    "https://[::]/hook",
    "https://[fe80::1]/hook",  # IPv6 link-local
    "https://[fc00::1]/hook",  # unique local
    "https://[ff02::1]/hook",  # IPv6 multicast
    "https://[::ffff:127.0.0.1]/hook",  # IPv4-mapped
    "https://[::ffff:7f00:1]/hook",
    "https://[::127.0.0.1]/hook",  # IPv4-compatible
    "https://[64:ff9b::a00:1]/hook",  # NAT64 of 10.0.0.1
    "https://[2002:a00:1::]/hook",  # 6to4 of 10.0.0.1
    "not a url",
    "/relative/hook",
    "https://" + "a" * 2100 + ".example.com/",
]


@pytest.fixture
async def production_client(settings: Settings) -> AsyncIterator[tuple[GraphQLClient, str]]:
    production = production_of(settings)
    configured = production.settings.model_copy(
        update={"master_keys": format_master_key("k1", b"\x01" * 32), "allow_private_endpoints": False}
    )
    token = production.token({"consumer": f"0192:{ORG_COMPANY}", "scope": SCOPE_READ})
    async with http_client(configured) as http:
        yield GraphQLClient(http), token


@pytest.mark.parametrize("url", FORBIDDEN_URLS)
async def test_every_forbidden_url_form_is_refused_naming_input_url(
    world: World, production_client: tuple[GraphQLClient, str], url: str
) -> None:
    client, token = production_client
    result = await client(CREATE, {"input": create_input(url=url)}, token=token)
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.fields == ["input.url"]
    assert await WebhookSubscription.all().count() == 0


async def test_a_public_https_url_and_a_name_not_resolving_yet_are_accepted(
    world: World, production_client: tuple[GraphQLClient, str]
) -> None:
    client, token = production_client
    for url in ("https://8.8.8.8/hook", "https://hooks.invalid/correspondence"):
        result = await client(CREATE, {"input": create_input(url=url)}, token=token)
        assert result.data["createWebhookSubscription"]["subscription"]["url"] == url


async def test_key_rotation_reseals_secrets_under_the_active_master_key(
    world: World, client_with: ClientFactory
) -> None:
    old_key, new_key = format_master_key("key-a", b"\x0a" * 32), format_master_key("key-b", b"\x0b" * 32)
    async with client_with(master_keys=old_key, active_key_id="key-a") as client:
        result = await client(CREATE, {"input": create_input()}, token=world.tokens.system(ORG_COMPANY))
    created = result.data["createWebhookSubscription"]

    both = KeyRing(parse_master_keys(f"{old_key},{new_key}"), "key-b")
    async with unit_of_work():
        assert await reseal_batch(both, batch=1) == (1, False)
    async with unit_of_work():
        assert await reseal_batch(both) == (0, True)  # nothing left under the old key

    stored = await WebhookSubscription.get(id=created["subscription"]["id"])
    assert stored.secret_key_id == "key-b"
    assert secret_of(KeyRing(parse_master_keys(new_key), "key-b"), stored) == created["secret"]
