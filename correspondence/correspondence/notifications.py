"""What the notification domain reads of a letter and records on it, registered with its hooks on import.

The lifecycle imports this module, and everything that sends, publishes or runs jobs imports the lifecycle: the app
and the worker have the hooks registered before any notification runs.
"""

from __future__ import annotations

from tortoise.expressions import Q

from correspondence.correspondence import timeline
from correspondence.correspondence.repository import Correspondence
from correspondence.correspondence.statuses import PURGED, CorrespondenceStatus
from correspondence.notification import hooks as notification_hooks
from correspondence.notification.hooks import LetterState, Outcome

NEVER_PUBLISHED = (CorrespondenceStatus.FAILED, CorrespondenceStatus.RESERVED, *PURGED)


@notification_hooks.registers_state
def letter_state(correspondence: Correspondence) -> LetterState:
    status, published = correspondence.status, correspondence.published is not None
    return LetterState(
        published=published,
        never_published=status in NEVER_PUBLISHED and not published,
        purged=status in PURGED,
        read=correspondence.is_read,
    )


@notification_hooks.registers_settled
def published_or_never() -> Q:
    """Orders whose correspondence is published, or will never be (through the orders' `correspondence`)."""
    return Q(correspondence__published__isnull=False) | Q(correspondence__status__in=list(NEVER_PUBLISHED))


@notification_hooks.registers_outcomes
async def record_outcomes(outcomes: list[Outcome]) -> None:
    """On each letter's timeline; a standalone order's (no letter) in the activity log alone, as its events."""
    await timeline.record_notification_outcomes(outcomes)
