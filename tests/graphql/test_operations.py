"""Who may call what: every operation is in the operations table, and the table is what is enforced.

Each root field is called by every actor kind the table names, with all the scopes its row asks for (admitted:
any answer but FORBIDDEN) and with each of those scopes missing (FORBIDDEN), by every kind it does not name
(FORBIDDEN) and without a token (UNAUTHENTICATED).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.routing import Route, WebSocketRoute
from strawberry.types.graphql import OperationType

from correspondence.access.actor import (
    SCOPE_ADMIN,
    SCOPE_NOTIFICATIONS,
    SCOPE_READ,
    SCOPE_SERVICE_OWNER,
    SCOPE_WRITE,
    ActorKind,
)
from correspondence.app import create_app
from correspondence.graphql.extensions import Guarded
from correspondence.graphql.operations import FIELDS, ROUTES, Allowed, UnlistedOperation
from correspondence.graphql.schema import ROOTS, build_schema, graphql_name, root_fields
from correspondence.settings import Settings
from tests.attachment.support import initialize, put_content
from tests.fixtures.world import RESOURCE, World
from tests.helpers import ORG_AGENCY, ORG_COMPANY, PERSON_A, PERSON_B, GraphQLResult, Tokens

UNKNOWN = "6f1c1d5e-0000-4000-8000-000000000000"

# Who holds each kind's token: PERSON_B is DAGL of ORG_COMPANY (so may grant delegations there), ORG_COMPANY
# has an inbox, ORG_AGENCY owns RESOURCE.
HOLDERS: dict[ActorKind, dict[str, str]] = {
    ActorKind.PERSON: {"pid": PERSON_B},
    ActorKind.SYSTEM: {"consumer": f"0192:{ORG_COMPANY}"},
    ActorKind.SERVICE_OWNER: {"consumer": f"0192:{ORG_AGENCY}"},
    ActorKind.ADMIN: {"pid": PERSON_B},  # without the admin scope, a person without any scope
}
# The scopes each kind's token usually carries.
USUAL_SCOPES: dict[ActorKind, frozenset[str]] = {
    ActorKind.PERSON: frozenset({SCOPE_READ}),
    ActorKind.SYSTEM: frozenset({SCOPE_READ}),
    ActorKind.SERVICE_OWNER: frozenset({SCOPE_SERVICE_OWNER, SCOPE_WRITE, SCOPE_NOTIFICATIONS}),
    ActorKind.ADMIN: frozenset({SCOPE_ADMIN}),
}


def mint(tokens: Tokens, kind: ActorKind, scopes: frozenset[str]) -> str:
    return tokens.mint({**HOLDERS[kind], "scope": " ".join(sorted(scopes))})


@dataclass(frozen=True)
class Call:
    document: str
    variables: dict[str, Any] = field(default_factory=dict)
    # A kind that needs other variables to reach past its own rules (a sender lists with role SENDER).
    variables_of: dict[ActorKind, dict[str, Any]] = field(default_factory=dict)


def by_id(operation: str, name: str) -> Call:
    return Call(f"{operation}($id: ID!) {{ {name}(id: $id) {{ __typename }} }}", {"id": UNKNOWN})


def with_input(name: str, input_type: str, value: dict[str, Any], selection: str = "{ __typename }") -> Call:
    return Call(f"mutation($input: {input_type}!) {{ {name}(input: $input) {selection} }}", {"input": value})


def scalar(name: str, **arguments: str) -> Call:
    declared = ", ".join(f"${key}: String!" for key in arguments)
    passed = ", ".join(f"{key}: ${key}" for key in arguments)
    return Call(f"mutation({declared}) {{ {name}({passed}) }}", dict(arguments))


PERSON_INPUT = {"nationalIdentityNumber": PERSON_A, "name": "Kari"}
ROLE_INPUT = {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "roleCode": "REGN"}
DELEGATION_INPUT = {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "resourceId": RESOURCE}
ADDRESS_INPUT = {"organizationNumber": ORG_COMPANY, "email": "post@example.no"}
USER_ADDRESS_INPUT = {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "email": "k@example.no"}
ATTACHMENT_INPUT = {"resourceId": RESOURCE, "fileName": "a.pdf", "sendersReference": "ref"}
SEND_INPUT = {
    "resourceId": RESOURCE,
    "sendersReference": "ref",
    "recipients": [PERSON_A],
    "content": {"language": "nb", "messageTitle": "Brev", "messageBody": "Hei"},
}
ORDER_INPUT = {
    "idempotencyId": "order-1",
    "recipients": [{"emailAddress": "kari@example.no"}],
    "channel": "EMAIL",
    "emailTemplate": {"subject": "Hei", "body": "Hei"},
}

CALLS: dict[tuple[OperationType, str], Call] = {
    (OperationType.QUERY, "me"): Call("{ me { __typename } }"),
    (OperationType.QUERY, "correspondences"): Call(
        "query($filter: CorrespondenceFilter) { correspondences(filter: $filter) { totalCount } }",
        variables_of={ActorKind.SERVICE_OWNER: {"filter": {"role": "SENDER"}}},
    ),
    (OperationType.QUERY, "correspondence"): by_id("query", "correspondence"),
    (OperationType.QUERY, "inboxSummary"): Call("{ inboxSummary { party } }"),
    (OperationType.QUERY, "attachment"): by_id("query", "attachment"),
    (OperationType.QUERY, "notificationOrder"): by_id("query", "notificationOrder"),
    (OperationType.QUERY, "notificationOrders"): Call("{ notificationOrders { totalCount } }"),
    (OperationType.QUERY, "notificationStatusFeed"): Call("{ notificationStatusFeed { cursor } }"),
    (OperationType.MUTATION, "sendCorrespondence"): with_input(
        "sendCorrespondence", "SendCorrespondenceInput", SEND_INPUT, "{ correspondences { id } }"
    ),
    (OperationType.MUTATION, "markCorrespondenceRead"): by_id("mutation", "markCorrespondenceRead"),
    (OperationType.MUTATION, "confirmCorrespondence"): by_id("mutation", "confirmCorrespondence"),
    (OperationType.MUTATION, "archiveCorrespondence"): by_id("mutation", "archiveCorrespondence"),
    (OperationType.MUTATION, "unarchiveCorrespondence"): by_id("mutation", "unarchiveCorrespondence"),
    (OperationType.MUTATION, "purgeCorrespondence"): by_id("mutation", "purgeCorrespondence"),
    (OperationType.MUTATION, "forwardCorrespondence"): Call(
        'mutation($id: ID!) { forwardCorrespondence(id: $id, input: {emailAddress: "a@example.no"}) { id } }',
        {"id": UNKNOWN},
    ),
    (OperationType.MUTATION, "createNotificationOrder"): with_input(
        "createNotificationOrder", "NotificationOrderInput", ORDER_INPUT
    ),
    (OperationType.MUTATION, "cancelNotificationOrder"): by_id("mutation", "cancelNotificationOrder"),
    (OperationType.MUTATION, "upsertPerson"): with_input("upsertPerson", "PersonInput", PERSON_INPUT),
    (OperationType.MUTATION, "removePerson"): scalar("removePerson", nationalIdentityNumber=PERSON_A),
    (OperationType.MUTATION, "upsertOrganization"): with_input(
        "upsertOrganization", "OrganizationInput", {"organizationNumber": ORG_COMPANY, "name": "Bedrift AS"}
    ),
    (OperationType.MUTATION, "removeOrganization"): scalar("removeOrganization", organizationNumber=ORG_COMPANY),
    (OperationType.MUTATION, "upsertResource"): with_input(
        "upsertResource",
        "ResourceInput",
        {"resourceId": RESOURCE, "ownerOrganizationNumber": ORG_AGENCY, "titleNb": "Brev"},
    ),
    (OperationType.MUTATION, "removeResource"): scalar("removeResource", resourceId="unknown-resource"),
    (OperationType.MUTATION, "addRole"): with_input("addRole", "RoleInput", ROLE_INPUT),
    (OperationType.MUTATION, "removeRole"): Call(
        "mutation($input: RoleInput!) { removeRole(input: $input) }", {"input": ROLE_INPUT}
    ),
    (OperationType.MUTATION, "upsertContact"): with_input(
        "upsertContact", "ContactInput", {"nationalIdentityNumber": PERSON_A}
    ),
    (OperationType.MUTATION, "removeContact"): scalar("removeContact", nationalIdentityNumber=PERSON_A),
    (OperationType.MUTATION, "addOrganizationNotificationAddress"): with_input(
        "addOrganizationNotificationAddress", "OrganizationNotificationAddressInput", ADDRESS_INPUT
    ),
    (OperationType.MUTATION, "removeOrganizationNotificationAddress"): Call(
        "mutation($input: OrganizationNotificationAddressInput!) "
        "{ removeOrganizationNotificationAddress(input: $input) }",
        {"input": ADDRESS_INPUT},
    ),
    (OperationType.MUTATION, "upsertUserNotificationAddress"): with_input(
        "upsertUserNotificationAddress", "UserNotificationAddressInput", USER_ADDRESS_INPUT
    ),
    (OperationType.MUTATION, "removeUserNotificationAddress"): scalar(
        "removeUserNotificationAddress", nationalIdentityNumber=PERSON_A, organizationNumber=ORG_COMPANY
    ),
    (OperationType.MUTATION, "grantDelegation"): with_input("grantDelegation", "DelegationInput", DELEGATION_INPUT),
    (OperationType.MUTATION, "revokeDelegation"): Call(
        "mutation($input: DelegationInput!) { revokeDelegation(input: $input) }", {"input": DELEGATION_INPUT}
    ),
    (OperationType.MUTATION, "setMyNotificationAddress"): Call(
        'mutation($org: String!) { setMyNotificationAddress(organization: $org, email: "b@example.no") '
        "{ __typename } }",
        {"org": ORG_COMPANY},
    ),
    (OperationType.MUTATION, "initializeAttachment"): with_input(
        "initializeAttachment", "AttachmentInput", ATTACHMENT_INPUT
    ),
    # Over JSON the file can only be some other value: admitted callers get BAD_USER_INPUT from the resolver.
    (OperationType.MUTATION, "uploadAttachment"): Call(
        "mutation($input: AttachmentInput!, $file: Upload!) { uploadAttachment(input: $input, file: $file) "
        "{ __typename } }",
        {"input": ATTACHMENT_INPUT, "file": "not a file"},
    ),
    (OperationType.QUERY, "webhookSubscriptions"): Call("{ webhookSubscriptions { id } }"),
    (OperationType.QUERY, "webhookDeliveries"): Call(
        "query($id: ID!) { webhookDeliveries(subscriptionId: $id) { totalCount } }", {"id": UNKNOWN}
    ),
    (OperationType.MUTATION, "createWebhookSubscription"): with_input(
        "createWebhookSubscription", "WebhookSubscriptionInput", {"url": "https://hooks.example.com/x"}, "{ secret }"
    ),
    (OperationType.MUTATION, "deleteWebhookSubscription"): Call(
        "mutation($id: ID!) { deleteWebhookSubscription(id: $id) }", {"id": UNKNOWN}
    ),
    (OperationType.MUTATION, "rotateWebhookSecret"): by_id("mutation", "rotateWebhookSecret"),
}


@dataclass(frozen=True)
class Attempt:
    kind: ActorKind
    scopes: frozenset[str]
    admitted: bool

    def __str__(self) -> str:
        return f"{self.kind} with {sorted(self.scopes)}"


def attempts(allowed: tuple[Allowed, ...]) -> list[Attempt]:
    """Each allowance with all its scopes and with each one missing; each kind not allowed at all."""
    tried = []
    for allowance in allowed:
        tried.append(Attempt(allowance.kind, allowance.scopes, admitted=True))
        tried.extend(Attempt(allowance.kind, allowance.scopes - {s}, admitted=False) for s in allowance.scopes)
    kinds = {allowance.kind for allowance in allowed}
    tried.extend(Attempt(kind, USUAL_SCOPES[kind], admitted=False) for kind in ActorKind if kind not in kinds)
    return tried


def schema_fields(operation: OperationType) -> set[str]:
    schema = build_schema(dev_mode=False)
    root = {
        OperationType.QUERY: schema._schema.query_type,
        OperationType.MUTATION: schema._schema.mutation_type,
        OperationType.SUBSCRIPTION: schema._schema.subscription_type,
    }[operation]
    assert root is not None
    return set(root.fields)


@pytest.mark.parametrize("operation", list(OperationType), ids=lambda o: o.value)
def test_every_root_field_is_in_the_table(operation: OperationType) -> None:
    listed = {name for kind, name in FIELDS if kind is operation}
    assert schema_fields(operation) == listed


def test_every_route_of_the_app_is_in_the_table(settings: Settings) -> None:
    served: set[tuple[str, str]] = set()
    for route in create_app(settings).routes:
        if isinstance(route, WebSocketRoute):
            served.add(("WEBSOCKET", route.path))
        else:
            assert isinstance(route, Route)
            served.update((method, route.path) for method in route.methods or () if method != "HEAD")
    assert served == set(ROUTES)


def test_every_root_field_is_guarded_by_its_row() -> None:
    build_schema(dev_mode=False)
    for operation in ROOTS:
        for root_field in root_fields(operation):
            guards = [e for e in root_field.extensions if isinstance(e, Guarded)]
            assert [g.rule for g in guards] == [FIELDS[(operation, graphql_name(root_field))]], root_field.name


def test_a_root_field_missing_from_the_table_stops_the_schema_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(FIELDS, (OperationType.MUTATION, "purgeCorrespondence"))
    with pytest.raises(UnlistedOperation, match="purgeCorrespondence"):
        build_schema(dev_mode=False)


def test_a_route_missing_from_the_table_stops_the_app_build(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(ROUTES, ("GET", "/metrics"))
    with pytest.raises(UnlistedOperation, match="/metrics"):
        create_app(settings)


def test_every_field_has_a_call_in_this_test() -> None:
    assert set(CALLS) == {key for key in FIELDS if key[0] is not OperationType.SUBSCRIPTION}


def refused(result: GraphQLResult) -> bool:
    return "FORBIDDEN" in result.codes


@pytest.mark.parametrize("key", list(CALLS), ids=lambda key: key[1])
async def test_each_field_admits_exactly_the_actors_of_its_row(world: World, key: tuple[OperationType, str]) -> None:
    call = CALLS[key]
    anonymous = await world.client(call.document, call.variables)
    assert anonymous.codes == ["UNAUTHENTICATED"]
    wrong: list[str] = []
    # Refusals first: an admitted call may change the world (a grant, a removal).
    for attempt in sorted(attempts(FIELDS[key].allowed), key=lambda a: a.admitted):
        variables = {**call.variables, **call.variables_of.get(attempt.kind, {})}
        result = await world.client(call.document, variables, token=mint(world.tokens, attempt.kind, attempt.scopes))
        if attempt.admitted and (refused(result) or "UNAUTHENTICATED" in result.codes):
            wrong.append(f"{attempt} was refused: {result.errors}")
        if not attempt.admitted and result.codes != ["FORBIDDEN"]:
            wrong.append(f"{attempt} got {result.codes or 'an answer'}")
    assert wrong == []


# --- the cracks this table closed -------------------------------------------------------------------------------

SENDER_WITHOUT_WRITE = frozenset({SCOPE_SERVICE_OWNER})
ONE = "query($id: ID!) { correspondence(id: $id) { id content { messageTitle } } }"
SENT = "query { correspondences(filter: {role: SENDER}) { totalCount edges { node { id } } } }"
PURGE = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"
DELEGATIONS = {
    "grant": "mutation($input: DelegationInput!) { grantDelegation(input: $input) { resourceId } }",
    "revoke": "mutation($input: DelegationInput!) { revokeDelegation(input: $input) }",
}


async def test_a_service_owner_without_the_write_scope_reads_no_unpublished_content(world: World) -> None:
    (unpublished,) = await world.sent_ids()
    token = mint(world.tokens, ActorKind.SERVICE_OWNER, SENDER_WITHOUT_WRITE)

    result = await world.client(ONE, {"id": unpublished}, token=token)

    assert result.codes == ["FORBIDDEN"]
    assert (await world.client(ONE, {"id": unpublished}, token=world.agency)).data["correspondence"]["id"]


async def test_a_service_owner_without_the_write_scope_lists_no_sent_letters(world: World) -> None:
    await world.sent_ids()

    result = await world.client(SENT, token=mint(world.tokens, ActorKind.SERVICE_OWNER, SENDER_WITHOUT_WRITE))

    assert result.codes == ["FORBIDDEN"]
    assert (await world.client(SENT, token=world.agency)).data["correspondences"]["totalCount"] == 1


async def test_a_service_owner_without_the_write_scope_purges_nothing(world: World) -> None:
    (unpublished,) = await world.sent_ids()

    result = await world.client(
        PURGE, {"id": unpublished}, token=mint(world.tokens, ActorKind.SERVICE_OWNER, SENDER_WITHOUT_WRITE)
    )

    assert result.codes == ["FORBIDDEN"]
    still = await world.client(ONE, {"id": unpublished}, token=world.agency)
    assert still.data["correspondence"] is not None
    assert (await world.client(PURGE, {"id": unpublished}, token=world.agency)).data["purgeCorrespondence"] == {
        "status": "PURGED_BY_ALTINN"
    }


async def test_a_service_owner_without_the_write_scope_downloads_no_attachment(world: World) -> None:
    created = await initialize(world.client, world.agency, resourceId=RESOURCE)
    assert (await put_content(world.client, world.agency, created["id"], b"vedlegg")).status_code == 200
    (unpublished,) = await world.sent_ids(existingAttachments=[created["id"]])
    path = f"/correspondences/{unpublished}/attachments/{created['id']}"

    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    without_write = mint(world.tokens, ActorKind.SERVICE_OWNER, SENDER_WITHOUT_WRITE)
    refused_download = await world.client.http.get(path, headers=bearer(without_write))
    allowed_download = await world.client.http.get(path, headers=bearer(world.agency))

    assert refused_download.status_code == 403
    assert refused_download.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert allowed_download.status_code == 200
    assert allowed_download.content == b"vedlegg"


async def test_a_person_without_the_read_scope_downloads_nothing(world: World) -> None:
    path = f"/correspondences/{UNKNOWN}/attachments/{UNKNOWN}"
    no_scope = {"Authorization": f"Bearer {world.tokens.mint({'pid': PERSON_A, 'scope': ''})}"}
    anonymous = await world.client.http.get(path)
    refused_download = await world.client.http.get(path, headers=no_scope)
    assert (anonymous.status_code, refused_download.status_code) == (401, 403)


@pytest.mark.parametrize("action", list(DELEGATIONS))
async def test_a_dagl_without_the_read_scope_manages_no_delegations(world: World, action: str) -> None:
    without_read = world.tokens.mint({"pid": PERSON_B, "scope": ""})

    result = await world.client(DELEGATIONS[action], {"input": DELEGATION_INPUT}, token=without_read)

    assert result.codes == ["FORBIDDEN"]
    admitted = await world.client(DELEGATIONS[action], {"input": DELEGATION_INPUT}, token=world.person(PERSON_B))
    assert admitted.errors == []
