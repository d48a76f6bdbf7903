"""Outgoing e-mail over SMTP (aiosmtplib): TLS or STARTTLS, optional auth, a small pool of reused connections.

A connection is opened on first need and kept for the next message; one that failed in any way is closed
and replaced, because an SMTP session that answered an error is in an unknown state. Each send raises
`TransientMailError` (4xx, timeouts, refused or dropped connections: retry later) or `PermanentMailError`
(5xx: final), so the dispatcher decides on retries without knowing SMTP.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.charset import QP, Charset
from email.header import Header
from email.message import EmailMessage, Message
from email.utils import format_datetime

import aiosmtplib

from correspondence.settings import Settings

logger = logging.getLogger(__name__)

# Connections a worker keeps to the relay: a batch's e-mails go out side by side over them (4 halved the pace of
# a bulk that 8 reached; a relay may refuse many more from one client).
DEFAULT_POOL_SIZE = 8
DEFAULT_TIMEOUT_SECONDS = 10.0


class MailError(Exception):
    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code  # the SMTP reply code, when the server gave one


class TransientMailError(MailError):
    pass


class PermanentMailError(MailError):
    pass


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    sender: str
    recipient: str
    data: bytes  # the whole message, CRLF line ends


_UTF8 = Charset("utf-8")
_UTF8.header_encoding = QP
_UTF8.body_encoding = QP
_SMTP_POLICY = policy.compat32.clone(linesep="\r\n")


def compose(
    *, sender: str, recipient: str, subject: str, body: str, html: bool, message_id: str, date: datetime
) -> OutgoingMail:
    """A single-part UTF-8 message, quoted-printable. Built with the compat32 API: the modern `EmailMessage`
    parses every header it is given and costs five times as much, which a dispatcher sending thousands feels."""
    message = Message()
    message["From"] = sender
    message["To"] = recipient
    subject = " ".join(subject.split())  # no line breaks in a header
    message["Subject"] = subject if subject.isascii() else Header(subject, _UTF8)  # type: ignore[assignment]
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(date)
    message["MIME-Version"] = "1.0"
    message.set_payload(body, _UTF8)
    if html:
        message.set_type("text/html")
    return OutgoingMail(sender, recipient, message.as_bytes(policy=_SMTP_POLICY))


@dataclass(frozen=True, slots=True)
class MailAttachment:
    file_name: str
    data: bytes


def compose_with_attachments(
    *,
    sender: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    attachments: list[MailAttachment],
    message_id: str,
    date: datetime,
) -> OutgoingMail:
    """A multipart message: plain text and HTML alternatives, then each attachment as a download. Built with the
    modern API, which a message sent now and then (not thousands a second) can afford."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = " ".join(subject.split())
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(date)
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    for attachment in attachments:
        message.add_attachment(
            attachment.data, maintype="application", subtype="octet-stream", filename=attachment.file_name
        )
    return OutgoingMail(sender, recipient, message.as_bytes())


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    tls: str = "none"  # none | starttls | tls
    username: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    validate_certs: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        if not settings.smtp_host:
            raise RuntimeError("CORRESPONDENCE_SMTP_HOST is not set")
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            tls=settings.smtp_tls,
            username=settings.smtp_username,
            password=settings.smtp_password,
        )


class MailPool:
    """At most `size` SMTP connections, each reused for message after message."""

    def __init__(self, config: SmtpConfig, size: int = DEFAULT_POOL_SIZE) -> None:
        self.config = config
        self.size = size
        self._idle: list[aiosmtplib.SMTP] = []
        self._slots = asyncio.Semaphore(size)
        self._closed = False

    async def send(self, mail: OutgoingMail) -> None:
        async with self._slots:
            smtp = self._idle.pop() if self._idle else None
            try:
                smtp = await self._send(smtp, mail)
            except aiosmtplib.SMTPResponseException as error:
                await self._discard(smtp)
                kind = PermanentMailError if 500 <= error.code < 600 else TransientMailError
                raise kind(f"SMTP {error.code}: {error.message}", error.code) from error
            except aiosmtplib.SMTPRecipientsRefused as error:
                await self._discard(smtp)
                codes = [r.code for r in error.recipients]
                kind = PermanentMailError if all(500 <= c < 600 for c in codes) else TransientMailError
                detail = "; ".join(f"SMTP {r.code}: {r.message}" for r in error.recipients)
                raise kind(detail, codes[0] if codes else None) from error
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
                await self._discard(smtp)
                raise TransientMailError(f"{type(error).__name__}: {error}".rstrip(": ")) from error
            if self._closed:
                await self._discard(smtp)
            else:
                self._idle.append(smtp)

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for smtp in idle:
            with suppress(Exception):
                await smtp.quit()

    async def _send(self, smtp: aiosmtplib.SMTP | None, mail: OutgoingMail) -> aiosmtplib.SMTP:
        """Sends over `smtp` (or a new connection); returns the connection that is now free for reuse."""
        if smtp is not None and smtp.is_connected:
            try:
                await smtp.sendmail(mail.sender, [mail.recipient], mail.data)
                return smtp
            except aiosmtplib.SMTPServerDisconnected:
                # A reused connection the server closed while idle is no failure of this message: reconnect.
                await self._discard(smtp)
        smtp = await self._connect()
        try:
            await smtp.sendmail(mail.sender, [mail.recipient], mail.data)
        except BaseException:
            await self._discard(smtp)
            raise
        return smtp

    async def _connect(self) -> aiosmtplib.SMTP:
        config = self.config
        smtp = aiosmtplib.SMTP(
            hostname=config.host,
            port=config.port,
            timeout=config.timeout,
            use_tls=config.tls == "tls",
            # None would be opportunistic: a server not offering STARTTLS would silently get plaintext.
            start_tls=config.tls == "starttls",
            validate_certs=config.validate_certs,
        )
        await smtp.connect()
        if config.username:
            try:
                await smtp.login(config.username, config.password or "")
            except BaseException:
                await self._discard(smtp)
                raise
        return smtp

    async def _discard(self, smtp: aiosmtplib.SMTP | None) -> None:
        if smtp is not None and smtp.is_connected:
            with suppress(Exception):
                smtp.close()
