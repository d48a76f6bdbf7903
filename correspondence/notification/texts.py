"""Notification texts: the built-in nb/nn/en generic templates, placeholders resolved at send time, HTML sanitising.

Placeholders (contract §5): `$recipientName$`, `$recipientNumber$`, `$sendersName$`, `$correspondenceRecipientName$`,
`$resourceName$`, `$messageTitle$`. A confidential correspondence's title never resolves: it becomes empty.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import nh3

from correspondence.notification.enums import EmailContentType, NotificationTemplate

if TYPE_CHECKING:
    from correspondence.notification.models import NotificationOrder

EMAIL_SUBJECT_MAX = 512
EMAIL_BODY_MAX = 10_000
SMS_BODY_MAX = 2_144
SMS_SINGLE_PART = 160
SMS_PART = 134
SMS_MAX_PARTS = 16

PLACEHOLDER = re.compile(
    r"\$(recipientName|recipientNumber|sendersName|correspondenceRecipientName|resourceName|messageTitle)\$"
)
LANGUAGES = ("nb", "nn", "en")


@dataclass(frozen=True, slots=True)
class GenericTexts:
    email_subject: str
    email_body: str
    email_body_confidential: str
    sms: str


_GENERIC: dict[tuple[str, bool], GenericTexts] = {
    ("nb", False): GenericTexts(
        "Ny melding fra $sendersName$",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har fått en ny melding fra $sendersName$: "
        "«$messageTitle$».\n\nLogg inn for å lese den.",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har fått en ny melding fra $sendersName$, "
        "underlagt taushetsplikt.\n\nLogg inn for å lese den.",
        "$correspondenceRecipientName$ har fått en ny melding fra $sendersName$. Logg inn for å lese den.",
    ),
    ("nb", True): GenericTexts(
        "Påminnelse: ulest melding fra $sendersName$",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har en ulest melding fra $sendersName$: "
        "«$messageTitle$».\n\nLogg inn for å lese den.",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har en ulest melding fra $sendersName$, "
        "underlagt taushetsplikt.\n\nLogg inn for å lese den.",
        "Påminnelse: $correspondenceRecipientName$ har en ulest melding fra $sendersName$. Logg inn for å lese den.",
    ),
    ("nn", False): GenericTexts(
        "Ny melding frå $sendersName$",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har fått ei ny melding frå $sendersName$: "
        "«$messageTitle$».\n\nLogg inn for å lese ho.",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har fått ei ny melding frå $sendersName$, "
        "underlagd teieplikt.\n\nLogg inn for å lese ho.",
        "$correspondenceRecipientName$ har fått ei ny melding frå $sendersName$. Logg inn for å lese ho.",
    ),
    ("nn", True): GenericTexts(
        "Påminning: ulesen melding frå $sendersName$",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har ei ulesen melding frå $sendersName$: "
        "«$messageTitle$».\n\nLogg inn for å lese ho.",
        "Hei $recipientName$.\n\n$correspondenceRecipientName$ har ei ulesen melding frå $sendersName$, "
        "underlagd teieplikt.\n\nLogg inn for å lese ho.",
        "Påminning: $correspondenceRecipientName$ har ei ulesen melding frå $sendersName$. Logg inn for å lese ho.",
    ),
    ("en", False): GenericTexts(
        "New message from $sendersName$",
        "Hello $recipientName$.\n\n$correspondenceRecipientName$ has received a new message from $sendersName$: "
        "“$messageTitle$”.\n\nLog in to read it.",
        "Hello $recipientName$.\n\n$correspondenceRecipientName$ has received a new confidential message from "
        "$sendersName$.\n\nLog in to read it.",
        "$correspondenceRecipientName$ has received a new message from $sendersName$. Log in to read it.",
    ),
    ("en", True): GenericTexts(
        "Reminder: unread message from $sendersName$",
        "Hello $recipientName$.\n\n$correspondenceRecipientName$ has an unread message from $sendersName$: "
        "“$messageTitle$”.\n\nLog in to read it.",
        "Hello $recipientName$.\n\n$correspondenceRecipientName$ has an unread confidential message from "
        "$sendersName$.\n\nLog in to read it.",
        "Reminder: $correspondenceRecipientName$ has an unread message from $sendersName$. Log in to read it.",
    ),
}


def generic_texts(language: str, *, reminder: bool) -> GenericTexts:
    return _GENERIC[(language if language in LANGUAGES else "nb", reminder)]


@dataclass(frozen=True, slots=True)
class TextValues:
    """The placeholder values of one notification; `message_title` is None for a confidential correspondence."""

    recipient_name: str = ""
    recipient_number: str = ""
    senders_name: str = ""
    correspondence_recipient_name: str = ""
    resource_name: str = ""
    message_title: str | None = None

    def get(self, name: str) -> str:
        value = {
            "recipientName": self.recipient_name,
            "recipientNumber": self.recipient_number,
            "sendersName": self.senders_name,
            "correspondenceRecipientName": self.correspondence_recipient_name,
            "resourceName": self.resource_name,
            "messageTitle": self.message_title,
        }[name]
        return value or ""


def resolve(text: str, values: TextValues, *, as_html: bool = False) -> str:
    def substitute(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return html.escape(value) if as_html else value

    return PLACEHOLDER.sub(substitute, text)


def sanitize_html(body: str) -> str:
    """Keeps harmless markup and drops scripts, event handlers, styles and `javascript:` links."""
    return str(nh3.clean(body))


def sms_parts(text: str) -> int:
    return 1 if len(text) <= SMS_SINGLE_PART else math.ceil(len(text) / SMS_PART)


@dataclass(frozen=True, slots=True)
class EmailText:
    subject: str
    body: str
    content_type: EmailContentType


def email_text(order: NotificationOrder, values: TextValues, *, confidential: bool) -> EmailText:
    if order.template is NotificationTemplate.GENERIC_ALTINN_MESSAGE:
        generic = generic_texts(order.language, reminder=order.is_reminder)
        body = generic.email_body_confidential if confidential else generic.email_body
        return EmailText(resolve(generic.email_subject, values), resolve(body, values), EmailContentType.PLAIN)
    subject = resolve(order.email_subject or "", values)[:EMAIL_SUBJECT_MAX]
    if order.email_content_type is EmailContentType.HTML:
        # Sanitised again after substitution: escaping keeps a value inside its attribute, but a value such as a
        # title `javascript:…` placed in `href="$messageTitle$"` is a harmful attribute all the same.
        body = sanitize_html(resolve(order.email_body or "", values, as_html=True))
    else:
        body = resolve(order.email_body or "", values)
    return EmailText(subject, body, order.email_content_type)


def sms_text(order: NotificationOrder, values: TextValues) -> str:
    if order.template is NotificationTemplate.GENERIC_ALTINN_MESSAGE:
        return resolve(generic_texts(order.language, reminder=order.is_reminder).sms, values)
    return resolve(order.sms_body or "", values)[: SMS_PART * SMS_MAX_PARTS]
