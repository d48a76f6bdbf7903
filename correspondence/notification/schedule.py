"""When notifications go out: the SMS send window, retry backoff and time-to-live (contract §5, §6)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from correspondence.notification.enums import SendingTimePolicy

OSLO = ZoneInfo("Europe/Oslo")
WINDOW_START = time(9, 0)
WINDOW_END = time(17, 0)

# Waits before the 2nd … 7th attempt after a transient failure; after the last, the notification is FAILED.
RETRY_BACKOFF = tuple(timedelta(seconds=s) for s in (1, 5, 10, 60, 120, 120))
TIME_TO_LIVE = timedelta(hours=48)
# A forwarding's claim older than this belongs to a dead worker and is taken over (correspondence/forwarding.py;
# notifications themselves are released by their worker's heartbeat instead).
SENDING_CLAIM_TIMEOUT = timedelta(minutes=5)
CONDITION_RETRY_DELAY = timedelta(minutes=1)
# The processing time of an order whose letter is not published yet: later than any claim's "due by now", so
# claims walk only orders they can take (a bulk waiting to be published, or for its uploads, is never read by a
# claim). Publishing sets the real time; a letter that will never be published cancels its orders; the sweep
# (`correspondence_orders.release_settled`) catches an order either step missed.
AWAITING_PUBLICATION = datetime(9999, 12, 31, tzinfo=UTC)
CANCEL_MARGIN = timedelta(minutes=5)


def sms_send_time(moment: datetime, policy: SendingTimePolicy) -> datetime:
    """The earliest time at or after `moment` an SMS may go out.

    DAYTIME: strictly between 09:00 and 17:00 in Norway, else the next 09:00 (the same day before 09:00, the
    next day after 17:00). Built from the local calendar date with zoneinfo, so daylight-saving changes move
    the UTC time and never the local 09:00.
    """
    if policy is SendingTimePolicy.ANYTIME:
        return moment
    local = moment.astimezone(OSLO)
    if WINDOW_START < local.time() < WINDOW_END:
        return moment
    day = local.date() if local.time() <= WINDOW_START else local.date() + timedelta(days=1)
    return datetime.combine(day, WINDOW_START, tzinfo=OSLO).astimezone(UTC)


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after `attempts` transient failures, or None once every retry is used."""
    return RETRY_BACKOFF[attempts - 1] if 1 <= attempts <= len(RETRY_BACKOFF) else None


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day of the month if it has fewer days)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month + 1, day=min(moment.day, 28))
