"""A bare SMTP sink for benchmarks: `python bench/smtp_sink.py PORT FILE` appends a line per mail to FILE: its
Message-ID and its recipients."""

from __future__ import annotations

import sys
import threading
from email.parser import BytesHeaderParser
from typing import Any

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: str) -> None:
        self.out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open for the process's life)
        self.parser = BytesHeaderParser()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook)
        message_id = self.parser.parsebytes(envelope.content)["Message-ID"]
        self.out.write(f"{message_id} {' '.join(envelope.rcpt_tos)}\n")
        return "250 OK"


if __name__ == "__main__":
    controller = Controller(Recorder(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()
