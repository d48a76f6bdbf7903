"""sendCorrespondence: every limit of contract §3, reservations, confidentiality, idempotency."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest

from correspondence.correspondence.models import Correspondence
from correspondence.kit import clock
from tests.fixtures.world import CONFIDENTIAL, World, urn_org, urn_person
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B, PERSON_C


def iso(delta: timedelta) -> str:
    return (clock.now() + delta).isoformat()


async def test_send_to_several_recipients_creates_one_each_ready_for_publish(world: World) -> None:
    result = await world.send(recipients=[PERSON_A, f"0192:{ORG_COMPANY}", urn_person(PERSON_B)])
    created = result.data["sendCorrespondence"]["correspondences"]
    assert [c["recipient"] for c in created] == [urn_person(PERSON_A), urn_org(ORG_COMPANY), urn_person(PERSON_B)]
    assert {c["status"] for c in created} == {"READY_FOR_PUBLISH"}
    assert [e["status"] for e in created[0]["statusHistory"]] == ["INITIALIZED", "READY_FOR_PUBLISH"]
    assert created[0]["statusHistory"][0]["actor"] == urn_org(ORG_AGENCY)
    assert await Correspondence.all().count() == 3


async def test_sender_is_the_resource_owner(world: World) -> None:
    (correspondence_id,) = await world.sent_ids()
    sent = await world.get(correspondence_id, world.agency)
    assert sent["sender"] == urn_org(ORG_AGENCY)
    assert sent["senderName"] == "Skatteetaten"
    assert sent["content"]["messageTitle"] == "Skattemelding 2026"  # content visible to the sender until publish


async def test_a_foreign_resource_answers_like_an_unknown_one_and_writes_nothing(world: World) -> None:
    foreign = await world.send(token=world.tokens.service_owner(ORG_AGENCY_2))
    unknown = await world.send(token=world.tokens.service_owner(ORG_AGENCY_2), resourceId="no-such-resource")
    assert foreign.errors == unknown.errors
    assert foreign.codes == ["BAD_USER_INPUT"]
    assert foreign.errors[0]["extensions"]["field"] == "input.resourceId"
    assert await Correspondence.all().count() == 0


@pytest.mark.dialect_independent
async def test_reader_token_cannot_send(world: World) -> None:
    assert (await world.send(token=world.person(PERSON_A))).codes == ["FORBIDDEN"]


@pytest.mark.dialect_independent
async def test_unknown_resource_names_the_field(world: World) -> None:
    result = await world.send(resourceId="nope")
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.fields == ["input.resourceId"]


LONG = "x" * 256


@pytest.mark.dialect_independent
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recipients": []}, "input.recipients"),
        ({"recipients": [PERSON_A, PERSON_A]}, "input.recipients[1]"),
        ({"recipients": ["01010112378"]}, "input.recipients[0]"),
        ({"recipients": ["974760674"]}, "input.recipients[0]"),
        ({"content": {"language": "de", "messageTitle": "t", "messageBody": "b"}}, "input.content.language"),
        ({"content": {"language": "nb", "messageTitle": "", "messageBody": "b"}}, "input.content.messageTitle"),
        ({"content": {"language": "nb", "messageTitle": LONG, "messageBody": "b"}}, "input.content.messageTitle"),
        ({"content": {"language": "nb", "messageTitle": "<b>x</b>", "messageBody": "b"}}, "input.content.messageTitle"),
        (
            {"content": {"language": "nb", "messageTitle": "t", "messageSummary": LONG, "messageBody": "b"}},
            "input.content.messageSummary",
        ),
        ({"content": {"language": "nb", "messageTitle": "t", "messageBody": ""}}, "input.content.messageBody"),
        (
            {"content": {"language": "nb", "messageTitle": "t", "messageBody": "x" * 30_001}},
            "input.content.messageBody",
        ),
        (
            {"content": {"language": "nb", "messageTitle": "t", "messageBody": "<script>x</script>"}},
            "input.content.messageBody",
        ),
        ({"messageSender": LONG}, "input.messageSender"),
        ({"sendersReference": ""}, "input.sendersReference"),
        ({"sendersReference": "r" * 4097}, "input.sendersReference"),
        ({"propertyList": [{"key": f"k{i}", "value": "v"} for i in range(11)]}, "input.propertyList"),
        ({"propertyList": [{"key": "k" * 51, "value": "v"}]}, "input.propertyList[0].key"),
        ({"propertyList": [{"key": "k", "value": "v" * 301}]}, "input.propertyList[0].value"),
        ({"propertyList": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}, "input.propertyList[1].key"),
        (
            {"externalReferences": [{"referenceType": "GENERIC", "referenceValue": "x"}] * 11},
            "input.externalReferences",
        ),
        ({"replyOptions": [{"linkUrl": "http://example.com", "linkText": "svar"}]}, "input.replyOptions[0].linkUrl"),
        ({"replyOptions": [{"linkUrl": "https://example.com/" + "a" * 250}]}, "input.replyOptions[0].linkUrl"),
        ({"replyOptions": [{"linkUrl": "https://a\\@evil.example"}]}, "input.replyOptions[0].linkUrl"),
        ({"replyOptions": [{"linkUrl": "https://user@example.com"}]}, "input.replyOptions[0].linkUrl"),
        ({"replyOptions": [{"linkUrl": "https://example.com/\u202efdp.exe"}]}, "input.replyOptions[0].linkUrl"),
        ({"recipients": [PERSON_A.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))]}, "input.recipients[0]"),
        (
            {"externalAttachments": [{"url": "https://a\\@evil.example/x", "fileName": "x.pdf"}]},
            "input.externalAttachments[0].url",
        ),
        (
            {"externalAttachments": [{"url": "https://example.com/\u2067x.pdf", "fileName": "x.pdf"}]},
            "input.externalAttachments[0].url",
        ),
        ({"isConfirmationNeeded": True}, "input.dueDateTime"),
        ({"isConfidential": True}, "input.isConfidential"),
        ({"idempotencyKey": str(uuid.uuid4()), "recipients": [PERSON_A, PERSON_B]}, "input.idempotencyKey"),
        ({"dueDateTime": "2026-01-01T00:00:00"}, "input.dueDateTime"),
    ],
)
async def test_each_limit_is_refused_with_its_field(world: World, overrides: dict[str, Any], field: str) -> None:
    result = await world.send(**overrides)
    assert result.codes and set(result.codes) == {"BAD_USER_INPUT"}, result.errors
    assert field in result.fields
    assert await Correspondence.all().count() == 0


@pytest.mark.dialect_independent
async def test_too_many_recipients(world: World) -> None:
    from correspondence.kit.identifiers import _ORG_WEIGHTS, _mod11

    orgs: list[str] = []
    number = 92000000
    while len(orgs) < 501:
        check = _mod11(str(number), _ORG_WEIGHTS)
        if check is not None:
            orgs.append(f"{number}{check}")
        number += 1
    result = await world.send(recipients=orgs)
    assert result.fields == ["input.recipients"]


@pytest.mark.dialect_independent
async def test_due_date_rules(world: World) -> None:
    past = await world.send(dueDateTime=iso(-timedelta(hours=1)))
    assert past.fields == ["input.dueDateTime"]
    before_publish = await world.send(requestedPublishTime=iso(timedelta(days=2)), dueDateTime=iso(timedelta(days=1)))
    assert before_publish.fields == ["input.dueDateTime"]
    delete_before_due = await world.send(
        dueDateTime=iso(timedelta(days=2)), allowSystemDeleteAfter=iso(timedelta(days=1))
    )
    assert delete_before_due.fields == ["input.allowSystemDeleteAfter"]


@pytest.mark.dialect_independent
async def test_all_failures_of_one_request_are_reported_together(world: World) -> None:
    result = await world.send(
        recipients=["123"], sendersReference="", content={"language": "xx", "messageTitle": "", "messageBody": ""}
    )
    assert set(result.fields) >= {
        "input.recipients[0]",
        "input.sendersReference",
        "input.content.language",
        "input.content.messageTitle",
        "input.content.messageBody",
    }


async def test_a_reserved_person_gets_reserved_and_is_reported(world: World) -> None:
    created = (await world.send(recipients=[PERSON_A, PERSON_C])).data["sendCorrespondence"]["correspondences"]
    statuses = {c["recipient"]: c for c in created}
    reserved = statuses[urn_person(PERSON_C)]
    assert reserved["status"] == "RESERVED"
    assert "reserved" in reserved["statusHistory"][-1]["statusText"]
    assert statuses[urn_person(PERSON_A)]["status"] == "READY_FOR_PUBLISH"
    assert await world.publish(reserved and (await Correspondence.get(recipient=urn_person(PERSON_C))).id.hex) is None


async def test_a_send_whose_only_recipient_is_reserved_is_refused(world: World) -> None:
    result = await world.send(recipients=[PERSON_C])
    assert result.fields == ["input.recipients"]
    assert await Correspondence.all().count() == 0


async def test_ignore_reservation_sends_to_a_reserved_person(world: World) -> None:
    (correspondence_id,) = await world.sent_ids(recipients=[PERSON_C], ignoreReservation=True)
    assert await world.publish(correspondence_id) == "PUBLISHED"


async def test_confidential_organization_needs_a_person_with_access(world: World) -> None:
    # ORG_COMPANY has a DAGL (a confidential role); ORG_OTHER only a delegation of another resource.
    ok = await world.send(resourceId=CONFIDENTIAL, recipients=[ORG_COMPANY], isConfidential=True)
    assert ok.data["sendCorrespondence"]["correspondences"][0]["status"] == "READY_FOR_PUBLISH"
    refused = await world.send(resourceId=CONFIDENTIAL, recipients=[ORG_OTHER])
    assert refused.fields == ["input.recipients[0]"]


async def test_idempotency_key_returns_the_first_result(world: World) -> None:
    key = str(uuid.uuid4())
    first = await world.sent_ids(idempotencyKey=key)
    again = await world.sent_ids(idempotencyKey=key, sendersReference="changed")
    assert first == again
    assert await Correspondence.all().count() == 1


async def test_concurrent_repeats_of_an_idempotency_key_create_exactly_one(world: World) -> None:
    key = str(uuid.uuid4())
    results = await asyncio.gather(*(world.sent_ids(idempotencyKey=key) for _ in range(5)))
    assert len({tuple(r) for r in results}) == 1
    assert await Correspondence.all().count() == 1


async def test_idempotency_keys_are_per_sender_organization(world: World) -> None:
    from correspondence.registry.models import Resource

    await Resource.create(resource_id="other-agency", owner_organization_number=ORG_AGENCY_2, title_nb="Annen etat")
    key = str(uuid.uuid4())
    await world.sent_ids(idempotencyKey=key)
    await world.sent_ids(token=None, idempotencyKey=key, resourceId="other-agency") if False else None
    other = await world.client(
        "mutation($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) { correspondences { id } } }",
        {"input": world.input(idempotencyKey=key, resourceId="other-agency")},
        token=world.tokens.service_owner(ORG_AGENCY_2),
    )
    assert other.data["sendCorrespondence"]["correspondences"]
    assert await Correspondence.all().count() == 2


@pytest.mark.dialect_independent
async def test_body_html_is_rendered_and_sanitised(world: World) -> None:
    (correspondence_id,) = await world.sent_ids(
        content={"language": "nb", "messageTitle": "t", "messageBody": "# Hei\n\n[klikk](javascript:alert(1)) **fet**"}
    )
    sent = await world.get(correspondence_id, world.agency)
    assert "<h1>Hei</h1>" in sent["bodyHtml"]
    assert "<strong>fet</strong>" in sent["bodyHtml"]
    assert "javascript:" not in sent["bodyHtml"].replace("[klikk](javascript:alert(1))", "")
