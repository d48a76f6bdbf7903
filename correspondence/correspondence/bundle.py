"""Every hosted attachment of a correspondence as one ZIP, streamed (contract §13 "Download all").

The archive is written as it is sent: each member is decrypted chunk by chunk (`attachment.content.read`) and
passed through stream-zip, so memory stays at a few chunks whatever the sizes, and nothing touches the disk.
Members are deflate streams at level 0 (stored blocks) with a data descriptor: the CRC-32 a stored member would
need up front is not known before the bytes are read (stream-zip would buffer each file to learn it), and most
attachments (PDFs, images, office files) are compressed already, so compressing again would cost CPU for nothing.
ZIP64 is used only where a size or an offset needs it.

Names inside are the attachments' file names (already checked at upload), made safe again for any unpacker and
unique case-insensitively ("a.pdf", "a (2).pdf"). Attachments stored elsewhere are listed with their URLs in a
small text file.
"""

from __future__ import annotations

import re
import stat
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from pathlib import PurePosixPath

from stream_zip import ZIP_AUTO, async_stream_zip

from correspondence.attachment.content import Vault, read
from correspondence.attachment.repository import Attachment

EXTERNAL_LINKS_NAME = "external-links.txt"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_MEMBER_MODE = stat.S_IFREG | 0o600
_LEVEL_STORED = 0


def safe_name(name: str) -> str:
    """A name no unpacker reads as a path: no separators or control characters, no leading dots or spaces."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned or "attachment"


def unique_names(names: Sequence[str], taken: Sequence[str] = ()) -> list[str]:
    """`names` made safe and unique, ignoring case (as Windows and macOS unpack), in order; `taken` are names
    already used in the archive."""
    used = {name.casefold() for name in taken}
    result: list[str] = []
    for name in names:
        safe = safe_name(name)
        candidate, number = safe, 1
        while candidate.casefold() in used:
            number += 1
            path = PurePosixPath(safe)
            candidate = f"{path.stem} ({number}){path.suffix}"
        used.add(candidate.casefold())
        result.append(candidate)
    return result


def external_links_text(external: Sequence[Attachment]) -> str:
    lines = ["Attachments stored outside the service; fetch them from these addresses:", ""]
    lines += [f"{a.display_name or a.file_name}: {a.url}" for a in external]
    return "\r\n".join(lines) + "\r\n"


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def zip_stream(
    vault: Vault, hosted: Sequence[Attachment], external: Sequence[Attachment], modified: datetime
) -> AsyncIterator[bytes]:
    """The archive's bytes: each hosted attachment decrypted as it is written, then the list of external links."""
    links_name = [EXTERNAL_LINKS_NAME] if external else []
    names = unique_names([a.file_name for a in hosted], taken=links_name)

    async def members() -> AsyncIterator[tuple[str, datetime, int, object, AsyncIterator[bytes]]]:
        for attachment, name in zip(hosted, names, strict=True):
            size = attachment.size or 0
            yield name, modified, _MEMBER_MODE, ZIP_AUTO(size, level=_LEVEL_STORED), read(vault, attachment, 0, size)
        if external:
            text = external_links_text(external).encode()
            yield EXTERNAL_LINKS_NAME, modified, _MEMBER_MODE, ZIP_AUTO(len(text), level=_LEVEL_STORED), _once(text)

    async for chunk in async_stream_zip(members(), chunk_size=256 * 1024):  # type: ignore[arg-type]
        yield chunk
