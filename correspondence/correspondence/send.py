"""Sending correspondences (contract §3): validation of every limit, one correspondence per recipient, idempotency."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from correspondence.access.actor import Actor
from correspondence.access.batch import organization_has_confidential_reader
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence.attachments import AttachmentPlan, ExternalAttachment
from correspondence.correspondence.attachments import link as link_attachments
from correspondence.correspondence.attachments import plan as plan_attachments
from correspondence.correspondence.content import plain_text_problem, render_body
from correspondence.correspondence.forwarding import forwarding_refusal
from correspondence.correspondence.repository import Activity, Correspondence, CorrespondenceStatusEntry
from correspondence.correspondence.statuses import ActivityType
from correspondence.correspondence.statuses import CorrespondenceStatus as Status
from correspondence.kit import clock
from correspondence.kit.errors import BadUserInput, Forbidden, InputErrors
from correspondence.kit.identifiers import InvalidIdentifier, PartyId, PartyKind, organization_urn, parse_party
from correspondence.kit.links import https_link_problem
from correspondence.kit.turns import in_turns
from correspondence.notification import correspondence_orders as notification_correspondence
from correspondence.notification.validation import (
    CorrespondenceNotificationInput,
    CorrespondenceNotificationPlan,
    validate_correspondence_notification,
)
from correspondence.registry import repository as registry
from correspondence.registry.records import ResourceRecord

MAX_RECIPIENTS = 500
MAX_BODY = 30_000
MAX_REPLY_URL = 255
LANGUAGES = ("nb", "nn", "en")
REFERENCE_TYPES = ("GENERIC", "ALTINN_APP_INSTANCE", "ALTINN_BROKER_FILE_TRANSFER", "DIALOGPORTEN_DIALOG_ID")
FAR_FUTURE = datetime(9999, 12, 31, tzinfo=UTC)
RESERVED_TEXT = "The recipient has reserved themselves against digital communication."


@dataclass(frozen=True)
class Content:
    language: str
    message_title: str
    message_summary: str | None
    message_body: str


@dataclass(frozen=True)
class ExternalReference:
    reference_type: str
    reference_value: str


@dataclass(frozen=True)
class ReplyOption:
    link_url: str
    link_text: str | None


@dataclass(frozen=True)
class SendRequest:
    resource_id: str
    senders_reference: str
    recipients: Sequence[str]
    content: Content
    message_sender: str | None = None
    requested_publish_time: datetime | None = None
    due_date_time: datetime | None = None
    allow_system_delete_after: datetime | None = None
    is_confirmation_needed: bool = False
    is_confidential: bool | None = None
    ignore_reservation: bool = False
    allow_forwarding: bool = False
    idempotency_key: UUID | None = None
    property_list: Sequence[tuple[str, str]] = ()
    external_references: Sequence[ExternalReference] = ()
    reply_options: Sequence[ReplyOption] = ()
    existing_attachments: Sequence[str] = ()
    external_attachments: Sequence[ExternalAttachment] = ()
    notification: CorrespondenceNotificationInput | None = None
    reminder_delay: timedelta = timedelta(days=7)  # CORRESPONDENCE_REMINDER_DELAY_SECONDS


@dataclass
class _Plan:
    resource: ResourceRecord
    recipients: list[PartyId] = field(default_factory=list)
    reserved: set[str] = field(default_factory=set)  # recipient URNs reserved in KRR
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)
    notification: CorrespondenceNotificationPlan | None = None
    body_html: str = ""


async def send(actor: Actor, request: SendRequest) -> list[Correspondence]:
    if actor.organization_number is None:
        raise Forbidden("Only a service owner can send correspondences.")
    plan = await _plan(actor.organization_number, request)
    if request.idempotency_key is not None:
        existing = await _by_idempotency_key(actor, request.idempotency_key)
        if existing:
            return existing
        try:
            async with in_transaction():  # a savepoint: a concurrent twin's insert must not abort our transaction
                return await _create(actor, request, plan)
        except IntegrityError:
            existing = await _by_idempotency_key(actor, request.idempotency_key)
            if existing:
                return existing
            raise
    return await _create(actor, request, plan)


async def _by_idempotency_key(actor: Actor, key: UUID) -> list[Correspondence]:
    return await repository.by_idempotency_key(organization_urn(actor.organization_number or ""), key)


async def _plan(sender_orgno: str, request: SendRequest) -> _Plan:
    errors = InputErrors()
    resource = await registry.resource(request.resource_id)
    if resource is None or resource.owner_organization_number != sender_orgno:
        # Another organization's resource answers as an unknown one: a sender learns nothing of other agencies.
        raise BadUserInput.single("input.resourceId", "No such resource.")
    plan = _Plan(resource, _recipients(request.recipients, errors))
    _check_content(request, errors)
    plan.body_html = await _rendered_body(request.content.message_body, errors)
    _check_times(request, errors)
    _check_lists(request, errors)
    plan.attachments = await plan_attachments(
        organization_urn(sender_orgno), request.existing_attachments, request.external_attachments, errors
    )
    if request.is_confidential is not None and request.is_confidential != resource.is_confidential:
        errors.add(
            "input.isConfidential",
            f"Must match the resource, which is {'' if resource.is_confidential else 'not '}confidential.",
        )
    if request.allow_forwarding and (
        refusal := forwarding_refusal(resource.is_confidential, [a.size for a in plan.attachments.existing])
    ):
        errors.add("input.allowForwarding", refusal)
    if request.idempotency_key is not None and len(request.recipients) != 1:
        errors.add("input.idempotencyKey", "An idempotency key can only be used with exactly one recipient.")
    if request.notification is not None:
        plan.notification = validate_correspondence_notification(
            errors, request.notification, language=request.content.language, now=clock.now()
        )
    errors.raise_if_any()
    if resource.is_confidential:
        await _check_confidential_recipients(plan, errors)
    if not request.ignore_reservation:
        plan.reserved = await _reserved(plan.recipients)
        if len(plan.recipients) == 1 and plan.reserved:
            errors.add("input.recipients", RESERVED_TEXT + " Set ignoreReservation to send anyway.")
    errors.raise_if_any()
    return plan


def _recipients(values: Sequence[str], errors: InputErrors) -> list[PartyId]:
    if not 1 <= len(values) <= MAX_RECIPIENTS:
        errors.add("input.recipients", f"Give between 1 and {MAX_RECIPIENTS} recipients.")
        return []
    parties: list[PartyId] = []
    seen: set[str] = set()
    for index, value in enumerate(values):
        try:
            party = parse_party(value)
        except InvalidIdentifier as error:
            errors.add(f"input.recipients[{index}]", str(error))
            continue
        if party.urn in seen:
            errors.add(f"input.recipients[{index}]", "Each recipient may appear only once.")
            continue
        seen.add(party.urn)
        parties.append(party)
    return parties


def _check_text(errors: InputErrors, path: str, value: str | None, *, low: int, high: int, plain: bool) -> None:
    if value is None:
        if low > 0:
            errors.add(path, "Required.")
        return
    if not low <= len(value) <= high or (low > 0 and not value.strip()):
        errors.add(path, f"Must be {low}–{high} characters." if low else f"Must be at most {high} characters.")
    elif plain and (problem := plain_text_problem(value)):
        errors.add(path, problem[0].upper() + problem[1:] + ".")


def _check_content(request: SendRequest, errors: InputErrors) -> None:
    content = request.content
    if content.language not in LANGUAGES:
        errors.add("input.content.language", f"Must be one of {', '.join(LANGUAGES)}.")
    _check_text(errors, "input.content.messageTitle", content.message_title, low=1, high=255, plain=True)
    _check_text(errors, "input.content.messageSummary", content.message_summary, low=0, high=255, plain=True)
    _check_text(errors, "input.content.messageBody", content.message_body, low=1, high=MAX_BODY, plain=False)
    _check_text(errors, "input.messageSender", request.message_sender, low=0, high=255, plain=True)
    _check_text(errors, "input.sendersReference", request.senders_reference, low=1, high=4096, plain=False)


async def _rendered_body(body: str, errors: InputErrors) -> str:
    """The body's HTML, rendered once for every recipient and stored; refused when it holds raw HTML."""
    if not 1 <= len(body) <= MAX_BODY:
        return ""  # refused by the length check: not worth rendering
    rendered = await render_body(body)
    if rendered.has_raw_html:
        errors.add("input.content.messageBody", "Raw HTML is not allowed; write Markdown.")
    return rendered.html


def _check_times(request: SendRequest, errors: InputErrors) -> None:
    now = clock.now()
    publish = request.requested_publish_time or now
    due = request.due_date_time
    if request.is_confirmation_needed and due is None:
        errors.add("input.dueDateTime", "Required when confirmation is needed.")
    if due is not None:
        if due < now:
            errors.add("input.dueDateTime", "Must not be in the past.")
        elif due < publish:
            errors.add("input.dueDateTime", "Must not be before the requested publish time.")
    delete_after = request.allow_system_delete_after
    if delete_after is not None:
        if delete_after < publish:
            errors.add("input.allowSystemDeleteAfter", "Must be after the requested publish time.")
        elif due is not None and delete_after < due:
            errors.add("input.allowSystemDeleteAfter", "Must be after the due date.")


def _check_lists(request: SendRequest, errors: InputErrors) -> None:
    if len(request.property_list) > 10:
        errors.add("input.propertyList", "At most 10 properties.")
    keys: set[str] = set()
    for index, (key, value) in enumerate(request.property_list):
        if not 1 <= len(key) <= 50:
            errors.add(f"input.propertyList[{index}].key", "Must be 1–50 characters.")
        elif key in keys:
            errors.add(f"input.propertyList[{index}].key", "Keys must be unique.")
        keys.add(key)
        if len(value) > 300:
            errors.add(f"input.propertyList[{index}].value", "Must be at most 300 characters.")
    if len(request.external_references) > 10:
        errors.add("input.externalReferences", "At most 10 external references.")
    for index, reference in enumerate(request.external_references):
        if reference.reference_type not in REFERENCE_TYPES:
            errors.add(
                f"input.externalReferences[{index}].referenceType", f"Must be one of {', '.join(REFERENCE_TYPES)}."
            )
        if not 1 <= len(reference.reference_value) <= 4096:
            errors.add(f"input.externalReferences[{index}].referenceValue", "Must be 1–4096 characters.")
    for index, option in enumerate(request.reply_options):
        if problem := https_link_problem(option.link_url, max_length=MAX_REPLY_URL):
            errors.add(f"input.replyOptions[{index}].linkUrl", problem)
        if option.link_text is not None:
            _check_text(errors, f"input.replyOptions[{index}].linkText", option.link_text, low=0, high=255, plain=True)


async def _check_confidential_recipients(plan: _Plan, errors: InputErrors) -> None:
    for index, party in enumerate(plan.recipients):
        if party.kind is PartyKind.ORGANIZATION and not await organization_has_confidential_reader(
            party.number, plan.resource.resource_id
        ):
            errors.add(
                f"input.recipients[{index}]",
                "Nobody in this organization may read confidential correspondences of this resource.",
            )


async def _reserved(recipients: list[PartyId]) -> set[str]:
    pids = [p.number for p in recipients if p.kind is PartyKind.PERSON]
    if not pids:
        return set()
    reserved = await registry.reserved_persons(pids)
    return {PartyId(PartyKind.PERSON, str(pid)).urn for pid in reserved}


async def _create(actor: Actor, request: SendRequest, plan: _Plan) -> list[Correspondence]:
    now = clock.now()
    sender = organization_urn(plan.resource.owner_organization_number)
    organization = await registry.organization(plan.resource.owner_organization_number)
    sender_name = organization.name if organization else request.message_sender or sender
    publish_at = max(request.requested_publish_time or now, now)
    # Uploads still in progress keep the correspondences INITIALIZED until every attachment is PUBLISHED.
    ready = Status.READY_FOR_PUBLISH if plan.attachments.all_published else Status.INITIALIZED
    correspondences: list[Correspondence] = []
    async for parties in in_turns(plan.recipients):
        correspondences += [
            Correspondence(
                id=uuid.uuid4(),
                resource_id=plan.resource.resource_id,
                sender=sender,
                sender_name=sender_name,
                message_sender=request.message_sender,
                senders_reference=request.senders_reference,
                recipient=party.urn,
                language=request.content.language,
                message_title=request.content.message_title,
                message_summary=request.content.message_summary,
                message_body=request.content.message_body,
                body_html=plan.body_html,
                requested_publish_time=request.requested_publish_time,
                due_date_time=request.due_date_time,
                allow_system_delete_after=request.allow_system_delete_after,
                is_confirmation_needed=request.is_confirmation_needed,
                is_confidential=plan.resource.is_confidential,
                ignore_reservation=request.ignore_reservation,
                allow_forwarding=request.allow_forwarding,
                property_list=dict(request.property_list),
                external_references=[
                    {"referenceType": r.reference_type, "referenceValue": r.reference_value}
                    for r in request.external_references
                ],
                reply_options=[{"linkUrl": o.link_url, "linkText": o.link_text} for o in request.reply_options],
                idempotency_key=request.idempotency_key,
                created=now,
                status=Status.RESERVED if party.urn in plan.reserved else ready,
                publish_at=publish_at,
                sort_due=request.due_date_time or FAR_FUTURE,
            )
            for party in parties
        ]
    await repository.create_many(correspondences)
    await link_attachments(
        correspondences,
        plan.attachments,
        resource_id=plan.resource.resource_id,
        senders_reference=request.senders_reference,
        now=now,
    )
    await _write_history(correspondences, actor.party, now)
    if plan.notification is not None:  # in the same transaction as the send (contract §5)
        await notification_correspondence.create_orders(correspondences, plan.notification, request.reminder_delay, now)
    lifecycle.schedule_publishing([c for c in correspondences if c.status is Status.READY_FOR_PUBLISH])
    return correspondences


async def _write_history(correspondences: list[Correspondence], actor: str | None, now: datetime) -> None:
    entries: list[CorrespondenceStatusEntry] = []
    activities: list[Activity] = []
    async for turn in in_turns(correspondences):
        for c in turn:
            _history_of(c, actor, now, entries, activities)
    await repository.add_history(entries)
    await repository.add_activities(activities)  # timeline entries only: none of them is an event for subscribers


def _history_of(
    c: Correspondence,
    actor: str | None,
    now: datetime,
    entries: list[CorrespondenceStatusEntry],
    activities: list[Activity],
) -> None:
    """A new correspondence's first history entries and timeline activities, added to `entries` and `activities`."""
    entries.append(
        CorrespondenceStatusEntry(correspondence_id=c.id, status=Status.INITIALIZED, status_changed=now, actor=actor)
    )
    activities.append(Activity(correspondence_id=c.id, type=ActivityType.CREATED, occurred_at=now, actor=actor))
    if c.status is Status.RESERVED:
        entries.append(
            CorrespondenceStatusEntry(
                correspondence_id=c.id, status=Status.RESERVED, status_text=RESERVED_TEXT, status_changed=now
            )
        )
        activities.append(
            Activity(correspondence_id=c.id, type=ActivityType.RESERVED, occurred_at=now, text=RESERVED_TEXT)
        )
    elif c.status is Status.READY_FOR_PUBLISH:
        entries.append(
            CorrespondenceStatusEntry(correspondence_id=c.id, status=Status.READY_FOR_PUBLISH, status_changed=now)
        )
