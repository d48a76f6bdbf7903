"""ClamAV's clamd, spoken to over its INSTREAM protocol on asyncio streams (`CORRESPONDENCE_CLAMD_URL`).

A scan is a session: the plaintext is fed as it arrives (each piece one length-prefixed frame), so a file is
never buffered whole, and the verdict is read after a zero-length frame. clamd answers `stream: OK` also for
a file it did not scan because it exceeds MaxFileSize/MaxScanSize, unless `AlertExceedsMax yes`: then it
answers `Heuristics.Limits.Exceeded.* FOUND`. Above StreamMaxLength it answers `INSTREAM size limit exceeded`
and closes the connection. Only `stream: OK` is clean here; everything else that is not an unreachable
scanner is a verdict against the file.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

FRAME_BYTES = 64 * 1024  # clamd reads frames of any size up to StreamMaxLength; 64 KiB keeps each write small
LIMITS_SIGNATURE = "Heuristics.Limits.Exceeded"
_END = (0).to_bytes(4, "big")


class ScannerUnavailableError(RuntimeError):
    """clamd cannot be reached: nothing was judged, the file waits for a later scan."""


@dataclass(frozen=True, slots=True)
class Verdict:
    clean: bool
    reason: str  # for the attachment's status text when not clean

    @staticmethod
    def parse(answer: str) -> Verdict:
        answer = answer.strip()
        if answer == "stream: OK":
            return Verdict(True, "")
        if answer.endswith(" FOUND"):
            signature = answer.removeprefix("stream: ").removesuffix(" FOUND")
            if signature.startswith(LIMITS_SIGNATURE):
                return Verdict(False, f"the file exceeds the malware scanner's limits ({signature})")
            return Verdict(False, f"malware found ({signature})")
        if "size limit exceeded" in answer:
            return Verdict(False, "the file exceeds the malware scanner's StreamMaxLength")
        return Verdict(False, f"the malware scanner could not scan the file ({answer or 'no answer'})")


# The scanner closed the stream before its verdict (StreamMaxLength, or clamd went away mid-file): not clean.
CUT_OFF = Verdict(False, "the malware scanner closed the stream before it judged the file (above its StreamMaxLength?)")


class Clamd:
    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        parts = urlsplit(url)
        self.url = url
        self.timeout = timeout
        self._unix_path = unquote(parts.path) if parts.scheme == "unix" else None
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 3310

    async def session(self) -> ScanSession:
        """A fresh INSTREAM session; ScannerUnavailableError when clamd does not answer."""
        try:
            async with asyncio.timeout(self.timeout):
                reader, writer = await self._connect()
                writer.write(b"zINSTREAM\0")
                await writer.drain()
        except (OSError, TimeoutError) as error:
            raise ScannerUnavailableError(
                f"clamd at {self.url} is unreachable: {error or type(error).__name__}"
            ) from None
        return ScanSession(reader, writer, self.timeout)

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._unix_path is not None:
            return await asyncio.open_unix_connection(self._unix_path)
        return await asyncio.open_connection(self._host, self._port)

    async def ping(self) -> bool:
        try:
            async with asyncio.timeout(5):
                reader, writer = await self._connect()
                writer.write(b"zPING\0")
                answer = await reader.readuntil(b"\0")
                writer.close()
                return answer == b"PONG\0"
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            return False


class ScanSession:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float) -> None:
        self._reader = reader
        self._writer = writer
        self._timeout = timeout
        self._cut_off = False

    async def feed(self, data: bytes) -> None:
        """Send the next plaintext; a scanner that hung up is remembered and judged by `verdict`."""
        if self._cut_off:
            return
        view = memoryview(data)
        try:
            for start in range(0, len(view), FRAME_BYTES):
                frame = view[start : start + FRAME_BYTES]
                self._writer.write(len(frame).to_bytes(4, "big"))
                self._writer.write(frame)
                async with asyncio.timeout(self._timeout):
                    await self._writer.drain()
        except (OSError, TimeoutError):
            self._cut_off = True

    async def verdict(self) -> Verdict:
        """The scanner's judgement of everything fed; the session is closed afterwards."""
        try:
            if not self._cut_off:
                self._writer.write(_END)
                async with asyncio.timeout(self._timeout):
                    await self._writer.drain()
            async with asyncio.timeout(self._timeout):
                answer = await self._reader.readuntil(b"\0")
        except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return CUT_OFF
        finally:
            await self.close()
        return Verdict.parse(answer.rstrip(b"\0").decode("utf-8", "replace"))

    async def close(self) -> None:
        self._writer.close()
        with contextlib.suppress(OSError):
            await self._writer.wait_closed()
