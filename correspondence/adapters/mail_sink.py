"""A local SMTP sink for development: accepts every mail and writes it as an .eml file.

`correspondence run` points the worker's SMTP settings at it, so notifications can be read as files
(`<data dir>/mail/*.eml`, openable in any mail program) instead of reaching real inboxes.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller

from correspondence.adapters.local_ports import LOOPBACK, free_port
from correspondence.kit import clock

logger = logging.getLogger(__name__)
# aiosmtpd logs every connection at INFO; one line per mail (ours) is what a developer wants to see.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class EmlWriter:
    """aiosmtpd handler: one file per accepted message, named so that a directory listing sorts by arrival."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        content: bytes = envelope.original_content or b""
        path = self.directory / f"{clock.now():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
        await asyncio.to_thread(path.write_bytes, content)
        subject = BytesHeaderParser(policy=default_policy).parsebytes(content).get("Subject", "")
        logger.info("mail to %s, subject %r: %s", ", ".join(envelope.rcpt_tos), str(subject), path)
        return "250 Message accepted for delivery"


class MailSink:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = 0
        self._controller: Controller | None = None

    @property
    def host(self) -> str:
        return LOOPBACK

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self._controller = Controller(EmlWriter(self.directory), hostname=LOOPBACK, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def __enter__(self) -> MailSink:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
