"""What the notification domain needs of the letters it notifies about.

The notification domain knows nothing of correspondences beyond the relation its orders carry: the correspondence
domain (whose letters order notifications) registers here, when it is imported, how a letter's state reads, which
orders its letters let through, and how a notification's outcome enters the letter's timeline. The notification
services and jobs call them; no import cycle. Each hook has exactly one owner, and one called before it is
registered raises: a notification must never act on a letter it cannot judge.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from tortoise.expressions import Q

    from correspondence.correspondence.models import Correspondence
    from correspondence.notification.models import Notification, NotificationOrder


@dataclass(frozen=True, slots=True)
class LetterState:
    """What a notification's decisions read of its letter."""

    published: bool  # published at some time, whatever happened since
    never_published: bool  # it failed, was reserved or purged before it was ever published
    purged: bool
    read: bool


StateOf = Callable[["Correspondence"], LetterState]
# A filter on notification orders: those whose letter is published or never will be (the others wait for it).
Settled = Callable[[], "Q"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The activity of a notification that went out (`sent`) or failed for good, at `at`: on its letter's timeline,
    or, for a standalone order (no letter), in the activity log alone, as its ordering organization's event."""

    correspondence: Correspondence | None
    order: NotificationOrder
    notification: Notification
    sent: bool
    text: str
    at: datetime


# Appends the activities of a batch of outcomes (one insert and one event publish for all).
RecordOutcomes = Callable[[list[Outcome]], Awaitable[object]]

H = TypeVar("H")


class UnregisteredHook(RuntimeError):
    """A hook was called before the correspondence domain registered it: a broken import path, not a user error."""


@dataclass
class _Hooks:
    state: StateOf | None = None
    settled: Settled | None = None
    outcome: RecordOutcomes | None = None


_hooks = _Hooks()


def _only(registered: H | None, hook: H, name: str) -> H:
    if registered is not None and registered is not hook:
        raise RuntimeError(f"The notification hook {name!r} is already registered: {registered!r}.")
    return hook


def _required(hook: H | None, name: str) -> H:
    if hook is None:
        raise UnregisteredHook(
            f"The notification hook {name!r} is not registered: import correspondence.correspondence.notifications "
            "(the app and the worker do, through the lifecycle) before any notification runs."
        )
    return hook


def registers_state(hook: StateOf) -> StateOf:
    _hooks.state = _only(_hooks.state, hook, "state")
    return hook


def registers_settled(hook: Settled) -> Settled:
    _hooks.settled = _only(_hooks.settled, hook, "settled")
    return hook


def registers_outcomes(hook: RecordOutcomes) -> RecordOutcomes:
    _hooks.outcome = _only(_hooks.outcome, hook, "outcome")
    return hook


def state_of(correspondence: Correspondence) -> LetterState:
    return _required(_hooks.state, "state")(correspondence)


def settled() -> Q:
    return _required(_hooks.settled, "settled")()


async def record_outcomes(outcomes: list[Outcome]) -> None:
    if outcomes:
        await _required(_hooks.outcome, "outcome")(outcomes)
