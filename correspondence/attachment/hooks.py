"""What happens elsewhere when an attachment settles for good.

The attachment domain knows nothing of correspondences: a domain that waits for attachments (the correspondence
domain, whose letters are published once their attachments are) registers its reactions here when it is imported,
and the attachment services call them inside their unit of work. One owner per direction, no import cycle.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

Published = Callable[[uuid.UUID], Awaitable[object]]
Failed = Callable[[uuid.UUID, str], Awaitable[object]]

_on_published: list[Published] = []
_on_failed: list[Failed] = []


def on_published(reaction: Published) -> Published:
    """Register `reaction(attachment_id)` for an attachment that became PUBLISHED."""
    if reaction not in _on_published:
        _on_published.append(reaction)
    return reaction


def on_failed(reaction: Failed) -> Failed:
    """Register `reaction(attachment_id, why)` for an attachment that failed, expired or was purged; `why` names
    the attachment, its status and the reason, for the status text of whatever waited for it."""
    if reaction not in _on_failed:
        _on_failed.append(reaction)
    return reaction


async def published(attachment_id: uuid.UUID) -> None:
    for reaction in _on_published:
        await reaction(attachment_id)


async def failed(attachment_id: uuid.UUID, why: str) -> None:
    for reaction in _on_failed:
        await reaction(attachment_id, why)
