"""Validation of notification orders (contract §5): every rule, each error naming its field, all reported at once.

Inputs arrive as the plain dataclasses below (the resolvers map GraphQL inputs onto them); the result is an
`OrderSpec` per order to write, texts already sanitised and contact points in their normal forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from correspondence.adapters.condition_endpoint import url_problem
from correspondence.kit.contact_points import InvalidContactPoint, normalize_email, normalize_mobile
from correspondence.kit.errors import InputErrors
from correspondence.kit.identifiers import (
    InvalidIdentifier,
    organization_urn,
    validate_national_identity_number,
    validate_organization_number,
)
from correspondence.notification.enums import (
    EmailContentType,
    NotificationChannel,
    NotificationTemplate,
    SendingTimePolicy,
)
from correspondence.notification.lookup import Recipient
from correspondence.notification.texts import (
    EMAIL_BODY_MAX,
    EMAIL_SUBJECT_MAX,
    SMS_BODY_MAX,
    SMS_MAX_PARTS,
    sanitize_html,
    sms_parts,
)
from correspondence.registry import repository as registry

MAX_RECIPIENTS = 10_000
MAX_REMINDERS = 10
MAX_IDEMPOTENCY_ID = 255
MAX_SENDERS_REFERENCE = 4096
MAX_DELAY_DAYS = 365
# A send time this far in the past is taken as "now" (clocks differ); further back is a mistake.
PAST_TOLERANCE = timedelta(minutes=5)
SMS_SENDER = re.compile(r"^(\+?\d{3,15}|[A-Za-z0-9][A-Za-z0-9 .\-]{0,10})$")

EMAIL_CHANNELS = frozenset(
    {
        NotificationChannel.EMAIL,
        NotificationChannel.EMAIL_PREFERRED,
        NotificationChannel.SMS_PREFERRED,
        NotificationChannel.EMAIL_AND_SMS,
    }
)
SMS_CHANNELS = frozenset(
    {
        NotificationChannel.SMS,
        NotificationChannel.EMAIL_PREFERRED,
        NotificationChannel.SMS_PREFERRED,
        NotificationChannel.EMAIL_AND_SMS,
    }
)


@dataclass
class RecipientInput:
    national_identity_number: str | None = None
    organization_number: str | None = None
    email_address: str | None = None
    mobile_number: str | None = None


@dataclass
class EmailTemplateInput:
    subject: str | None = None
    body: str | None = None
    content_type: EmailContentType | None = None
    from_address: str | None = None


@dataclass
class SmsTemplateInput:
    body: str | None = None
    sender_number: str | None = None


@dataclass
class ReminderInput:
    delay_days: int | None = None
    requested_send_time: datetime | None = None
    condition_endpoint: str | None = None
    email_template: EmailTemplateInput | None = None
    sms_template: SmsTemplateInput | None = None


@dataclass
class OrderInput:
    idempotency_id: str
    recipients: list[RecipientInput]
    channel: NotificationChannel
    senders_reference: str | None = None
    email_template: EmailTemplateInput | None = None
    sms_template: SmsTemplateInput | None = None
    requested_send_time: datetime | None = None
    condition_endpoint: str | None = None
    ignore_reservation: bool | None = None
    use_stale_contact_information: bool | None = None
    resource_id: str | None = None
    sending_time_policy: SendingTimePolicy | None = None
    reminders: list[ReminderInput] = field(default_factory=list)


@dataclass(frozen=True)
class EmailTexts:
    subject: str
    body: str
    content_type: EmailContentType = EmailContentType.PLAIN
    from_address: str | None = None


@dataclass(frozen=True)
class SmsTexts:
    body: str
    sender_number: str | None = None


@dataclass(frozen=True)
class OrderSpec:
    """One order to write (a main order or a reminder), validated."""

    recipients: list[Recipient]
    channel: NotificationChannel
    requested_send_time: datetime
    template: NotificationTemplate = NotificationTemplate.CUSTOM_MESSAGE
    email: EmailTexts | None = None
    sms: SmsTexts | None = None
    condition_endpoint: str | None = None
    is_reminder: bool = False
    language: str = "nb"


def validate_recipients(
    errors: InputErrors,
    items: list[RecipientInput],
    channel: NotificationChannel | None,
    path: str,
    *,
    allow_empty: bool = False,
) -> list[Recipient]:
    if not items and not allow_empty:
        errors.add(path, "At least one recipient is required.")
    if len(items) > MAX_RECIPIENTS:
        errors.add(path, f"At most {MAX_RECIPIENTS} recipients per order.")
        return []
    recipients = []
    for index, item in enumerate(items):
        recipient = _recipient(errors, item, channel, f"{path}[{index}]")
        if recipient is not None:
            recipients.append(recipient)
    return recipients


def _recipient(
    errors: InputErrors, item: RecipientInput, channel: NotificationChannel | None, path: str
) -> Recipient | None:
    identities = [v for v in (item.national_identity_number, item.organization_number) if v]
    raw = [v for v in (item.email_address, item.mobile_number) if v]
    if len(identities) + (1 if raw else 0) != 1:
        errors.add(
            path,
            "Give exactly one of nationalIdentityNumber, organizationNumber, or raw addresses "
            "(emailAddress and/or mobileNumber).",
        )
        return None
    before = len(errors.errors)
    recipient = Recipient()
    if item.national_identity_number:
        try:
            recipient = Recipient(
                national_identity_number=validate_national_identity_number(item.national_identity_number)
            )
        except InvalidIdentifier as error:
            errors.add(f"{path}.nationalIdentityNumber", str(error))
    elif item.organization_number:
        try:
            recipient = Recipient(organization_number=validate_organization_number(item.organization_number))
        except InvalidIdentifier as error:
            errors.add(f"{path}.organizationNumber", str(error))
    else:
        email = mobile = None
        if item.email_address:
            try:
                email = normalize_email(item.email_address)
            except InvalidContactPoint as error:
                errors.add(f"{path}.emailAddress", str(error))
        if item.mobile_number:
            try:
                mobile = normalize_mobile(item.mobile_number)
            except InvalidContactPoint as error:
                errors.add(f"{path}.mobileNumber", str(error))
        if channel is NotificationChannel.SMS and item.email_address and not item.mobile_number:
            errors.add(f"{path}.emailAddress", "The channel SMS cannot reach a recipient with only an e-mail address.")
        if channel is NotificationChannel.EMAIL and item.mobile_number and not item.email_address:
            errors.add(f"{path}.mobileNumber", "The channel EMAIL cannot reach a recipient with only a mobile number.")
        recipient = Recipient(email_address=email, mobile_number=mobile)
    return recipient if len(errors.errors) == before else None


def validate_email_texts(
    errors: InputErrors,
    path: str,
    subject: str | None,
    body: str | None,
    content_type: EmailContentType | None = None,
    from_address: str | None = None,
    *,
    subject_field: str = "subject",
    body_field: str = "body",
) -> EmailTexts | None:
    before = len(errors.errors)
    if not subject or not subject.strip():
        errors.add(f"{path}.{subject_field}", "An e-mail subject is required.")
    elif len(subject) > EMAIL_SUBJECT_MAX:
        errors.add(f"{path}.{subject_field}", f"An e-mail subject is at most {EMAIL_SUBJECT_MAX} characters.")
    if not body or not body.strip():
        errors.add(f"{path}.{body_field}", "An e-mail body is required.")
    elif len(body) > EMAIL_BODY_MAX:
        errors.add(f"{path}.{body_field}", f"An e-mail body is at most {EMAIL_BODY_MAX} characters.")
    sender = None
    if from_address:
        try:
            sender = normalize_email(from_address)
        except InvalidContactPoint as error:
            errors.add(f"{path}.fromAddress", str(error))
    if len(errors.errors) != before or subject is None or body is None:
        return None
    kind = content_type or EmailContentType.PLAIN
    return EmailTexts(subject.strip(), sanitize_html(body) if kind is EmailContentType.HTML else body, kind, sender)


def validate_sms_texts(
    errors: InputErrors,
    path: str,
    body: str | None,
    sender_number: str | None = None,
    *,
    body_field: str = "body",
) -> SmsTexts | None:
    before = len(errors.errors)
    if not body or not body.strip():
        errors.add(f"{path}.{body_field}", "An SMS text is required.")
    elif len(body) > SMS_BODY_MAX or sms_parts(body) > SMS_MAX_PARTS:
        errors.add(f"{path}.{body_field}", f"An SMS text is at most {SMS_BODY_MAX} characters ({SMS_MAX_PARTS} parts).")
    if sender_number is not None and not SMS_SENDER.fullmatch(sender_number):
        errors.add(f"{path}.senderNumber", "A sender is a phone number or at most 11 letters and digits.")
    if len(errors.errors) != before or body is None:
        return None
    return SmsTexts(body, sender_number)


def validate_send_time(errors: InputErrors, path: str, value: datetime | None, now: datetime) -> datetime:
    if value is None:
        return now
    if value.tzinfo is None:
        errors.add(path, "A send time needs a time zone (for example 2030-01-31T09:00:00+01:00).")
        return now
    if value < now - PAST_TOLERANCE:
        errors.add(path, "The send time is in the past.")
    return max(value, now)


def validate_condition_endpoint(errors: InputErrors, path: str, url: str | None, *, allow_private: bool) -> str | None:
    if url is None:
        return None
    problem = url_problem(url, allow_private=allow_private)
    if problem:
        errors.add(path, problem)
        return None
    return url


async def validate_order(data: OrderInput, now: datetime, *, creator: str, allow_private: bool) -> list[OrderSpec]:
    """The main order first, then one spec per reminder; raises BadUserInput listing every problem. `creator`
    is the ordering organization's URN: the order may name only its own resources."""
    errors = InputErrors()
    if not data.idempotency_id or not data.idempotency_id.strip():
        errors.add("input.idempotencyId", "An idempotencyId is required.")
    elif len(data.idempotency_id) > MAX_IDEMPOTENCY_ID:
        errors.add("input.idempotencyId", f"An idempotencyId is at most {MAX_IDEMPOTENCY_ID} characters.")
    if data.senders_reference is not None and len(data.senders_reference) > MAX_SENDERS_REFERENCE:
        errors.add("input.sendersReference", f"A sendersReference is at most {MAX_SENDERS_REFERENCE} characters.")
    recipients = validate_recipients(errors, data.recipients, data.channel, "input.recipients")
    email, sms = _templates(errors, "input", data.channel, data.email_template, data.sms_template)
    send_time = validate_send_time(errors, "input.requestedSendTime", data.requested_send_time, now)
    condition = validate_condition_endpoint(
        errors, "input.conditionEndpoint", data.condition_endpoint, allow_private=allow_private
    )
    if data.resource_id is not None and not await _owns_resource(creator, data.resource_id):
        # Another agency's resource answers as an unknown one: its name would otherwise head our notifications.
        errors.add("input.resourceId", "No resource has this id.")
    if len(data.reminders) > MAX_REMINDERS:
        errors.add("input.reminders", f"At most {MAX_REMINDERS} reminders.")
    main = OrderSpec(recipients, data.channel, send_time, email=email, sms=sms, condition_endpoint=condition)
    specs = [main]
    for index, reminder in enumerate(data.reminders[:MAX_REMINDERS]):
        spec = _reminder(errors, f"input.reminders[{index}]", reminder, main, now, allow_private=allow_private)
        if spec is not None:
            specs.append(spec)
    errors.raise_if_any()
    return specs


async def _owns_resource(creator: str, resource_id: str) -> bool:
    resource = await registry.resource(resource_id)
    return resource is not None and organization_urn(resource.owner_organization_number) == creator


def _templates(
    errors: InputErrors,
    path: str,
    channel: NotificationChannel,
    email: EmailTemplateInput | None,
    sms: SmsTemplateInput | None,
) -> tuple[EmailTexts | None, SmsTexts | None]:
    email_texts = sms_texts = None
    if channel in EMAIL_CHANNELS:
        if email is None:
            errors.add(f"{path}.emailTemplate", f"The channel {channel.value} needs an emailTemplate.")
        else:
            email_texts = validate_email_texts(
                errors, f"{path}.emailTemplate", email.subject, email.body, email.content_type, email.from_address
            )
    if channel in SMS_CHANNELS:
        if sms is None:
            errors.add(f"{path}.smsTemplate", f"The channel {channel.value} needs an smsTemplate.")
        else:
            sms_texts = validate_sms_texts(errors, f"{path}.smsTemplate", sms.body, sms.sender_number)
    return email_texts, sms_texts


def _reminder(
    errors: InputErrors, path: str, reminder: ReminderInput, main: OrderSpec, now: datetime, *, allow_private: bool
) -> OrderSpec | None:
    before = len(errors.errors)
    send_time = main.requested_send_time
    if (reminder.delay_days is None) == (reminder.requested_send_time is None):
        errors.add(path, "Give exactly one of delayDays and requestedSendTime.")
    elif reminder.delay_days is not None:
        if not 1 <= reminder.delay_days <= MAX_DELAY_DAYS:
            errors.add(f"{path}.delayDays", f"delayDays is between 1 and {MAX_DELAY_DAYS}.")
        else:
            send_time = main.requested_send_time + timedelta(days=reminder.delay_days)
    else:
        send_time = validate_send_time(errors, f"{path}.requestedSendTime", reminder.requested_send_time, now)
        if len(errors.errors) == before and send_time <= main.requested_send_time:
            errors.add(f"{path}.requestedSendTime", "A reminder goes out after the order's send time.")
    # A reminder without its own texts repeats the order's.
    email, sms = main.email, main.sms
    if reminder.email_template is not None or reminder.sms_template is not None:
        own_email, own_sms = _templates(
            errors,
            path,
            main.channel,
            reminder.email_template or _as_email_input(main.email),
            reminder.sms_template or _as_sms_input(main.sms),
        )
        email, sms = own_email or email, own_sms or sms
    condition = validate_condition_endpoint(
        errors, f"{path}.conditionEndpoint", reminder.condition_endpoint, allow_private=allow_private
    )
    if len(errors.errors) != before:
        return None
    return replace(
        main, requested_send_time=send_time, email=email, sms=sms, condition_endpoint=condition, is_reminder=True
    )


def _as_email_input(texts: EmailTexts | None) -> EmailTemplateInput | None:
    return (
        None if texts is None else EmailTemplateInput(texts.subject, texts.body, texts.content_type, texts.from_address)
    )


def _as_sms_input(texts: SmsTexts | None) -> SmsTemplateInput | None:
    return None if texts is None else SmsTemplateInput(texts.body, texts.sender_number)


@dataclass
class CorrespondenceNotificationInput:
    """`sendCorrespondence`'s notification settings (contract §8 `CorrespondenceNotificationInput`)."""

    channel: NotificationChannel
    template: NotificationTemplate | None = None
    email_subject: str | None = None
    email_body: str | None = None
    email_content_type: EmailContentType | None = None
    sms_body: str | None = None
    send_reminder: bool | None = None
    reminder_channel: NotificationChannel | None = None
    reminder_email_subject: str | None = None
    reminder_email_body: str | None = None
    reminder_sms_body: str | None = None
    custom_recipients: list[RecipientInput] = field(default_factory=list)
    override_registered_contact_information: bool | None = None


@dataclass(frozen=True)
class CorrespondenceNotificationPlan:
    """The validated settings: order templates without recipients or times, which each correspondence fills in."""

    main: OrderSpec
    reminder: OrderSpec | None
    custom_recipients: list[Recipient]
    override_registered_contact_information: bool


def validate_correspondence_notification(
    errors: InputErrors, data: CorrespondenceNotificationInput, *, language: str, now: datetime
) -> CorrespondenceNotificationPlan | None:
    path = "input.notification"
    before = len(errors.errors)
    custom = validate_recipients(
        errors, data.custom_recipients, data.channel, f"{path}.customRecipients", allow_empty=True
    )
    override = bool(data.override_registered_contact_information)
    if override and not data.custom_recipients:
        errors.add(f"{path}.overrideRegisteredContactInformation", "Overriding needs customRecipients.")
    texts_given = any((data.email_subject, data.email_body, data.sms_body))
    template = data.template or (
        NotificationTemplate.CUSTOM_MESSAGE if texts_given else NotificationTemplate.GENERIC_ALTINN_MESSAGE
    )
    email, sms = _custom_texts(
        errors,
        path,
        template,
        data.channel,
        data.email_subject,
        data.email_body,
        data.email_content_type,
        data.sms_body,
        ("emailSubject", "emailBody", "smsBody"),
    )
    main = OrderSpec([], data.channel, now, template=template, email=email, sms=sms, language=language)
    reminder = None
    if data.send_reminder:
        channel = data.reminder_channel or data.channel
        reminder_email, reminder_sms = _custom_texts(
            errors,
            path,
            template,
            channel,
            data.reminder_email_subject or data.email_subject,
            data.reminder_email_body or data.email_body,
            data.email_content_type,
            data.reminder_sms_body or data.sms_body,
            ("reminderEmailSubject", "reminderEmailBody", "reminderSmsBody"),
        )
        reminder = replace(main, channel=channel, email=reminder_email, sms=reminder_sms, is_reminder=True)
    if len(errors.errors) != before:
        return None
    return CorrespondenceNotificationPlan(main, reminder, custom, override)


def _custom_texts(
    errors: InputErrors,
    path: str,
    template: NotificationTemplate,
    channel: NotificationChannel,
    subject: str | None,
    body: str | None,
    content_type: EmailContentType | None,
    sms_body: str | None,
    names: tuple[str, str, str],
) -> tuple[EmailTexts | None, SmsTexts | None]:
    """A custom message needs the texts of its channels; the generic template brings its own."""
    if template is NotificationTemplate.GENERIC_ALTINN_MESSAGE:
        return None, None
    email = sms = None
    if channel in EMAIL_CHANNELS:
        email = validate_email_texts(
            errors, path, subject, body, content_type, subject_field=names[0], body_field=names[1]
        )
    if channel in SMS_CHANNELS:
        sms = validate_sms_texts(errors, path, sms_body, body_field=names[2])
    return email, sms
