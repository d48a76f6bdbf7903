"""Forwarding a letter by e-mail (contract §13, Altinn's "videresend"): a reader sends it on to one address.

The request (a GraphQL mutation) checks the rules and writes, in the reader's transaction, a `Forwarding` row, the
FORWARDED receipt, its activity and event; after commit a job sends the e-mail through the worker's SMTP pool (the
notification pipeline's), with the notifications' backoff for transient failures. The e-mail carries the title,
summary, the body as sanitised HTML and as plain text, the reader's text and the letter's attachments as MIME
parts, decrypted while the message is built (at most 10 MB of them, checked at send and here again).

Who forwarded to which address is the reader's and the sender's business only: other readers of the same inbox
never see those entries (`visible_entries`).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.grants import AccessScope
from correspondence.adapters import queue
from correspondence.adapters.mail import (
    MailAttachment,
    MailPool,
    OutgoingMail,
    PermanentMailError,
    TransientMailError,
    compose_with_attachments,
)
from correspondence.attachment import repository as attachment_repository
from correspondence.attachment.content import Vault, downloadable, read
from correspondence.attachment.repository import Attachment
from correspondence.attachment.statuses import DataLocationType
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence import timeline
from correspondence.correspondence.content import plain_html, plain_text_problem
from correspondence.correspondence.repository import Correspondence, Forwarding
from correspondence.correspondence.statuses import PURGED, ActivityType, CorrespondenceStatus, ForwardingStatus
from correspondence.kit import clock
from correspondence.kit.contact_points import InvalidContactPoint, email_key, normalize_email
from correspondence.kit.errors import Conflict, InputErrors, NotFound
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification.schedule import SENDING_CLAIM_TIMEOUT, retry_delay
from correspondence.settings import MEGABYTE, Settings

MAX_FORWARDING_TEXT = 200
# The attachments an e-mail may carry in all (contract §13); allowForwarding is refused at send above it.
MAX_FORWARDED_BYTES = 10 * MEGABYTE
FORWARD_JOB = "forward_correspondence"
_SUBJECT_PREFIX = {"nb": "Videresendt fra Altinn", "nn": "Vidaresendt frå Altinn", "en": "Forwarded from Altinn"}
_NOT_ALLOWED = "The sender does not allow forwarding this correspondence."


def forward_job_id(forwarding_id: uuid.UUID | str, attempts: int) -> str:
    # The attempt count is part of the id: a retry enqueued while this attempt's job still runs must not be dropped.
    return f"forward:{forwarding_id}:{attempts}"


def _schedule(forwarding_id: uuid.UUID, attempts: int, delay: timedelta = timedelta(0)) -> None:
    queue.enqueue_after_commit(
        FORWARD_JOB, str(forwarding_id), job_id=forward_job_id(forwarding_id, attempts), defer_by=delay
    )


def forwarding_refusal(is_confidential: bool, attachment_sizes: Sequence[int | None]) -> str | None:
    """Why a letter may not be sent with allowForwarding, or None: never a confidential one, and never with more
    hosted attachments than one e-mail carries."""
    if is_confidential:
        return "A confidential correspondence cannot be forwarded."
    if sum(size or 0 for size in attachment_sizes) > MAX_FORWARDED_BYTES:
        return f"Its attachments total more than {MAX_FORWARDED_BYTES // MEGABYTE} MB, more than an e-mail carries."
    return None


# --- The reader's request ---------------------------------------------------------------------------------------


def _checked_input(email_address: str, forwarding_text: str | None) -> tuple[str, str | None]:
    errors = InputErrors()
    address = ""
    try:
        address = normalize_email(email_address)
    except InvalidContactPoint as error:
        errors.add("input.emailAddress", str(error))
    if forwarding_text is not None:
        if len(forwarding_text) > MAX_FORWARDING_TEXT:
            errors.add("input.forwardingText", f"At most {MAX_FORWARDING_TEXT} characters.")
        elif problem := plain_text_problem(forwarding_text):
            errors.add("input.forwardingText", f"The text {problem}.")
    errors.raise_if_any()
    return address, (forwarding_text.strip() or None) if forwarding_text is not None else None


async def forward(
    actor: Actor, access: AccessScope, correspondence_id: str, email_address: str, forwarding_text: str | None
) -> Correspondence:
    """Forward a letter the caller reads to one e-mail address; the e-mail goes out after commit."""
    address, text = _checked_input(email_address, forwarding_text)
    correspondence = await repository.lock_for_recipient(access, correspondence_id)
    if correspondence is None:
        raise NotFound("The correspondence")
    if not correspondence.allow_forwarding or correspondence.is_confidential:
        raise Conflict(_NOT_ALLOWED, field="id")
    if not correspondence.is_read:
        raise Conflict("Read the correspondence (markCorrespondenceRead) before forwarding it.", field="id")
    key = email_key(address)
    if await repository.forwarded_to(correspondence.id, key):
        raise Conflict("The correspondence was forwarded to this address already.", field="input.emailAddress")
    refusal = forwarding_refusal(False, [a.size for a in await _hosted(correspondence)])
    if refusal is not None:  # attachments still uploading at send had no size to check then
        raise Conflict(refusal, field="id")
    now = clock.now()
    forwarding = await repository.add_forwarding(
        correspondence,
        actor=actor.party or correspondence.recipient,
        email_address=address,
        email_key=key,
        text=text,
        at=now,
    )
    receipt = f"Forwarded to {address}"
    await lifecycle.append_status(correspondence, CorrespondenceStatus.FORWARDED, actor.party, receipt)
    await timeline.record(correspondence, ActivityType.FORWARDED, actor.party, receipt)
    _schedule(forwarding.id, 0)
    return correspondence


async def _hosted(correspondence: Correspondence) -> list[Attachment]:
    (attachments,) = await attachment_repository.of_correspondences([correspondence.id])
    return [a for a in attachments if downloadable(a)]


# --- Who sees it --------------------------------------------------------------------------------------------------


def shows_forwarding(viewer: Actor, forwarded_by: str | None) -> bool:
    """A forwarding's history entry and activity name an address: only the sender and the reader who forwarded
    see them, not the inbox's other readers (contract §10)."""
    return viewer.kind is ActorKind.SERVICE_OWNER or forwarded_by == viewer.party


# --- The job: send the e-mail -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Outcome:
    sent: bool = False
    transient: bool = False
    reason: str | None = None


async def send(forwarding_id: str, mail: MailPool, vault: Vault, settings: Settings) -> None:
    """Claim the forwarding, send its e-mail (no transaction open meanwhile), record the outcome. Idempotent: a
    forwarding sent, failed, not due or claimed by a live worker is left alone."""
    try:
        parsed = uuid.UUID(forwarding_id)
    except ValueError:
        return
    now = clock.now()
    async with unit_of_work():
        claimed = await repository.claim_forwarding(parsed, now, now - SENDING_CLAIM_TIMEOUT)
    if claimed is None:
        return
    forwarding, correspondence = claimed
    outcome = await _deliver(forwarding, correspondence, mail, vault, settings)
    async with unit_of_work():
        await _record(forwarding, outcome)


async def _deliver(
    forwarding: Forwarding, correspondence: Correspondence, mail: MailPool, vault: Vault, settings: Settings
) -> _Outcome:
    if correspondence.content_purged or correspondence.status in PURGED:
        return _Outcome(reason="The correspondence was purged before it could be forwarded.")
    try:
        await mail.send(await build_mail(forwarding, correspondence, vault, settings))
    except TransientMailError as error:
        return _Outcome(transient=True, reason=str(error))
    except PermanentMailError as error:
        return _Outcome(reason=str(error))
    return _Outcome(sent=True)


async def _record(forwarding: Forwarding, outcome: _Outcome) -> None:
    now = clock.now()
    attempts = forwarding.attempts + 1
    if outcome.sent:
        await repository.finish_forwarding(forwarding, status=ForwardingStatus.SENT, attempts=attempts, sent_at=now)
        return
    delay = retry_delay(attempts) if outcome.transient else None
    if delay is not None:
        if await repository.finish_forwarding(
            forwarding, status=ForwardingStatus.PENDING, attempts=attempts, due_at=now + delay, reason=outcome.reason
        ):
            _schedule(forwarding.id, attempts, delay)
        return
    reason = f"{outcome.reason} (gave up after {attempts} attempts)" if outcome.transient else outcome.reason
    await repository.finish_forwarding(forwarding, status=ForwardingStatus.FAILED, attempts=attempts, reason=reason)


def message_id(forwarding_id: uuid.UUID, settings: Settings) -> str:
    """Fixed per forwarding: an e-mail sent twice (a crash mid-send) shows it by its Message-ID."""
    domain = settings.mail_from.rpartition("@")[2] or "correspondence.local"
    return f"<forward-{forwarding_id}@{domain}>"


async def build_mail(
    forwarding: Forwarding, correspondence: Correspondence, vault: Vault, settings: Settings
) -> OutgoingMail:
    """The e-mail: the reader's text, then the letter (title, summary, body as text and as sanitised HTML), its
    hosted attachments as parts (decrypted now, in memory: at most 10 MB) and links to those stored elsewhere."""
    (attachments,) = await attachment_repository.of_correspondences([correspondence.id])
    hosted = [a for a in attachments if downloadable(a)]
    external = [a for a in attachments if a.data_location_type is DataLocationType.EXTERNAL_STORAGE]
    parts = [MailAttachment(a.file_name, await _plaintext(vault, a)) for a in hosted]
    prefix = _SUBJECT_PREFIX.get(correspondence.language, _SUBJECT_PREFIX["nb"])
    return compose_with_attachments(
        sender=settings.mail_from,
        recipient=forwarding.email_address,
        subject=f"{prefix}: {correspondence.message_title}",
        text=_text(forwarding, correspondence, external),
        html=_html(forwarding, correspondence, external),
        attachments=parts,
        message_id=message_id(forwarding.id, settings),
        date=clock.now(),
    )


async def _plaintext(vault: Vault, attachment: Attachment) -> bytes:
    return b"".join([piece async for piece in read(vault, attachment, 0, attachment.size or 0)])


def _sender_name(correspondence: Correspondence) -> str:
    return correspondence.message_sender or correspondence.sender_name


def _text(forwarding: Forwarding, correspondence: Correspondence, external: Sequence[Attachment]) -> str:
    lines = [forwarding.forwarding_text or "", "", f"---------- {_SUBJECT_PREFIX['en']} ----------"]
    lines += [f"From: {_sender_name(correspondence)}", f"Title: {correspondence.message_title}"]
    if correspondence.message_summary:
        lines += ["", correspondence.message_summary]
    lines += ["", correspondence.message_body]
    if external:
        lines += [
            "",
            "Attachments stored elsewhere:",
            *(f"- {a.display_name or a.file_name}: {a.url}" for a in external),
        ]
    return "\n".join(lines).lstrip("\n") + "\n"


def _html(forwarding: Forwarding, correspondence: Correspondence, external: Sequence[Attachment]) -> str:
    escape = html.escape
    parts = []
    if forwarding.forwarding_text:
        parts.append(f"<p>{escape(forwarding.forwarding_text)}</p>")
    parts.append(f"<hr><p>{escape(_SUBJECT_PREFIX['en'])}<br>From: {escape(_sender_name(correspondence))}</p>")
    parts.append(f"<h1>{escape(correspondence.message_title)}</h1>")
    if correspondence.message_summary:
        parts.append(f"<p><strong>{escape(correspondence.message_summary)}</strong></p>")
    # The stored HTML was rendered from Markdown and sanitised when the letter was sent.
    parts.append(correspondence.body_html or plain_html(correspondence.message_body))
    if external:
        links = "".join(
            f'<li><a href="{escape(a.url or "")}">{escape(a.display_name or a.file_name)}</a></li>' for a in external
        )
        parts.append(f"<p>Attachments stored elsewhere:</p><ul>{links}</ul>")
    return "<!DOCTYPE html><html><body>" + "".join(parts) + "</body></html>"


async def due(limit: int) -> list[tuple[uuid.UUID, int]]:
    """(id, attempts) of forwardings due now, or left SENDING by a dead worker: for the sweep."""
    now = clock.now()
    return await repository.due_forwardings(now, now - SENDING_CLAIM_TIMEOUT, limit)
