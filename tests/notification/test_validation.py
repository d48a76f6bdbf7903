"""Every validation rule of contract §5: a BAD_USER_INPUT naming its field, and nothing written."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from arq.connections import ArqRedis

from correspondence.kit import clock
from correspondence.kit.errors import BadUserInput
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification.models import NotificationOrder
from correspondence.notification.orders import create_order
from correspondence.notification.validation import EmailTemplateInput, OrderInput, RecipientInput
from correspondence.settings import Settings
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.notification.world import AGENCY_URN, CREATE, order_input

pytestmark = pytest.mark.dialect_independent  # input validation, refused before anything is written

EMAIL_ONLY = {"emailTemplate": {"subject": "Emne", "body": "Tekst"}, "smsTemplate": None}
SMS_ONLY = {"smsTemplate": {"body": "Tekst"}, "emailTemplate": None}


def _past() -> str:
    return (clock.now() - timedelta(hours=1)).isoformat()


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("no recipients", {"recipients": []}, "input.recipients"),
    ("empty recipient", {"recipients": [{}]}, "input.recipients[0]"),
    (
        "identity and raw address",
        {"recipients": [{"nationalIdentityNumber": "01010112377", "emailAddress": "a@b.no"}]},
        "input.recipients[0]",
    ),
    (
        "bad national identity number",
        {"recipients": [{"nationalIdentityNumber": "01010112378"}]},
        "input.recipients[0].nationalIdentityNumber",
    ),
    (
        "bad organization number",
        {"recipients": [{"organizationNumber": "910000005"}]},
        "input.recipients[0].organizationNumber",
    ),
    ("bad e-mail", {"recipients": [{"emailAddress": "not-an-address"}]}, "input.recipients[0].emailAddress"),
    (
        "mobile without country code",
        {"channel": "SMS", **SMS_ONLY, "recipients": [{"mobileNumber": "91234567"}]},
        "input.recipients[0].mobileNumber",
    ),
    (
        "Norwegian landline",
        {"channel": "SMS", **SMS_ONLY, "recipients": [{"mobileNumber": "+4722334455"}]},
        "input.recipients[0].mobileNumber",
    ),
    (
        "short number",
        {"channel": "SMS", **SMS_ONLY, "recipients": [{"mobileNumber": "12345"}]},
        "input.recipients[0].mobileNumber",
    ),
    (
        "invalid for libphonenumber",
        {"channel": "SMS", **SMS_ONLY, "recipients": [{"mobileNumber": "+4791"}]},
        "input.recipients[0].mobileNumber",
    ),
    (
        "SMS channel, e-mail recipient",
        {"channel": "SMS", **SMS_ONLY, "recipients": [{"emailAddress": "a@b.no"}]},
        "input.recipients[0].emailAddress",
    ),
    (
        "e-mail channel, mobile recipient",
        {"recipients": [{"mobileNumber": "+4791234567"}]},
        "input.recipients[0].mobileNumber",
    ),
    ("e-mail channel without template", {"emailTemplate": None}, "input.emailTemplate"),
    (
        "SMS channel without template",
        {"channel": "SMS", "smsTemplate": None, "recipients": [{"mobileNumber": "+4791234567"}]},
        "input.smsTemplate",
    ),
    ("preferred channel needs both", {"channel": "EMAIL_PREFERRED", "smsTemplate": None}, "input.smsTemplate"),
    ("subject too long", {"emailTemplate": {"subject": "x" * 513, "body": "Tekst"}}, "input.emailTemplate.subject"),
    ("subject missing", {"emailTemplate": {"body": "Tekst"}}, "input.emailTemplate.subject"),
    ("body empty", {"emailTemplate": {"subject": "Emne", "body": "  "}}, "input.emailTemplate.body"),
    ("body too long", {"emailTemplate": {"subject": "Emne", "body": "x" * 10_001}}, "input.emailTemplate.body"),
    (
        "bad from address",
        {"emailTemplate": {"subject": "Emne", "body": "Tekst", "fromAddress": "nobody"}},
        "input.emailTemplate.fromAddress",
    ),
    (
        "SMS too long",
        {"channel": "SMS", "recipients": [{"mobileNumber": "+4791234567"}], "smsTemplate": {"body": "x" * 2145}},
        "input.smsTemplate.body",
    ),
    (
        "SMS sender too long",
        {
            "channel": "SMS",
            "recipients": [{"mobileNumber": "+4791234567"}],
            "smsTemplate": {"body": "Tekst", "senderNumber": "A sender far too long"},
        },
        "input.smsTemplate.senderNumber",
    ),
    ("send time in the past", {"requestedSendTime": "PAST"}, "input.requestedSendTime"),
    ("condition endpoint not http", {"conditionEndpoint": "ftp://example.no/condition"}, "input.conditionEndpoint"),
    ("condition endpoint relative", {"conditionEndpoint": "/condition"}, "input.conditionEndpoint"),
    ("unknown resource", {"resourceId": "no-such-resource"}, "input.resourceId"),
    ("empty idempotency id", {"idempotencyId": " "}, "input.idempotencyId"),
    ("senders reference too long", {"sendersReference": "x" * 4097}, "input.sendersReference"),
    (
        "reminder with both times",
        {"reminders": [{"delayDays": 1, "requestedSendTime": "2099-01-01T09:00:00+01:00"}]},
        "input.reminders[0]",
    ),
    ("reminder delay zero", {"reminders": [{"delayDays": 0}]}, "input.reminders[0].delayDays"),
    (
        "reminder before the order",
        {"reminders": [{"requestedSendTime": "PAST"}]},
        "input.reminders[0].requestedSendTime",
    ),
    (
        "reminder template checked",
        {"reminders": [{"delayDays": 3, "emailTemplate": {"subject": "", "body": "Tekst"}}]},
        "input.reminders[0].emailTemplate.subject",
    ),
]


def _resolve_past(value: Any) -> Any:
    if value == "PAST":
        return _past()
    if isinstance(value, dict):
        return {k: _resolve_past(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_past(v) for v in value]
    return value


@pytest.mark.parametrize(("overrides", "field"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
async def test_each_rule_names_its_field(
    client: GraphQLClient, tokens: Tokens, overrides: dict[str, Any], field: str
) -> None:
    result = await client(CREATE, {"input": order_input(**_resolve_past(overrides))}, tokens.service_owner(ORG_AGENCY))
    assert result.codes == ["BAD_USER_INPUT"], result.errors
    assert result.fields == [field]
    assert await NotificationOrder.all().count() == 0


async def test_all_problems_are_reported_together(client: GraphQLClient, tokens: Tokens) -> None:
    result = await client(
        CREATE,
        {"input": order_input(recipients=[{"emailAddress": "bad"}, {"organizationNumber": "1"}], emailTemplate=None)},
        tokens.service_owner(ORG_AGENCY),
    )
    assert set(result.fields) == {
        "input.recipients[0].emailAddress",
        "input.recipients[1].organizationNumber",
        "input.emailTemplate",
    }
    assert set(result.codes) == {"BAD_USER_INPUT"}


async def test_only_service_owners_with_the_notifications_scope_may_order(
    client: GraphQLClient, tokens: Tokens
) -> None:
    without_scope = tokens.service_owner(ORG_AGENCY, scopes=("altinn:serviceowner", "altinn:correspondence.write"))
    for token in (tokens.person("01010112377"), tokens.system(ORG_AGENCY), without_scope):
        result = await client(CREATE, {"input": order_input()}, token)
        assert result.codes == ["FORBIDDEN"]
    assert (await client(CREATE, {"input": order_input()})).codes == ["UNAUTHENTICATED"]
    assert await NotificationOrder.all().count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/condition",
        "http://10.1.2.3/condition",
        "http://[::1]/condition",
        "http://169.254.169.254/",
    ],
)
async def test_private_condition_endpoint_is_refused_outside_dev_mode(
    settings: Settings, redis_pool: ArqRedis, url: str
) -> None:
    production = settings.model_copy(update={"dev_mode": False, "allow_private_endpoints": False})
    data = OrderInput(
        idempotency_id="x",
        recipients=[RecipientInput(email_address="a@example.no")],
        channel="EMAIL",  # type: ignore[arg-type]
        email_template=EmailTemplateInput("Emne", "Tekst"),
        condition_endpoint=url,
    )
    with pytest.raises(BadUserInput) as raised:
        async with unit_of_work():
            await create_order(AGENCY_URN, data, production)
    assert [e.field for e in raised.value.errors] == ["input.conditionEndpoint"]
    # With the explicit setting, the same endpoint is accepted.
    allowed = production.model_copy(update={"allow_private_endpoints": True})
    async with unit_of_work():
        order = await create_order(AGENCY_URN, data, allowed)
    assert order.condition_endpoint == url
