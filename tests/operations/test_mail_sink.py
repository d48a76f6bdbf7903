"""The development SMTP sink that `correspondence run` starts: every mail becomes an .eml file and a log line."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path

import aiosmtplib
import pytest

from correspondence.adapters.mail_sink import MailSink


async def test_each_mail_is_written_as_an_eml_file_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="correspondence.adapters.mail_sink")
    with MailSink(tmp_path / "mail") as sink:
        for number in (1, 2):
            message = EmailMessage()
            message["From"] = "no-reply@correspondence.local"
            message["To"] = "kari.nordmann@example.com"
            message["Subject"] = f"Du har fått et brev {number}"
            message.set_content("Logg inn for å lese det.")
            await aiosmtplib.send(message, hostname=sink.host, port=sink.port)

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    first = BytesParser(policy=default_policy).parsebytes(files[0].read_bytes())
    assert first["Subject"] == "Du har fått et brev 1"
    assert first.get_content().strip() == "Logg inn for å lese det."
    lines = [r.getMessage() for r in caplog.records if r.name == "correspondence.adapters.mail_sink"]
    assert len(lines) == 2
    assert "kari.nordmann@example.com" in lines[0]
    assert str(files[0]) in lines[0]
