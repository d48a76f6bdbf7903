"""The registries (design §2): single-entry upserts and removals, and the lookups other domains need."""

from __future__ import annotations

from correspondence.models import UserNotificationAddress


async def user_addresses_of(pid: str) -> list[UserNotificationAddress]:
    return await UserNotificationAddress.filter(national_identity_number=pid).order_by("organization_number")
