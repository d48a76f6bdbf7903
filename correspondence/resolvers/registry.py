"""Resolvers for the caller (`me`) and the registries."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from correspondence.identifiers import organization_urn
from correspondence.schema.context import Context
from correspondence.schema.registry import ActingParty, MyNotificationAddress, Viewer
from correspondence.services import registry as registry_service


async def me(info: Info[Context, Any]) -> Viewer:
    actor = info.context.require_actor()
    access = await info.context.access()
    own = actor.party
    parties = [
        ActingParty(
            party=grant.party,
            roles=list(grant.roles),
            delegated_resources=sorted(grant.resources),
            can_read_confidential=grant.confidential,
            via_parent=grant.via_parent,
        )
        for grant in access.grants.values()
    ]
    addresses = []
    if actor.national_identity_number:
        addresses = [
            MyNotificationAddress(organization=organization_urn(a.organization_number), email=a.email, mobile=a.mobile)
            for a in await registry_service.user_addresses_of(actor.national_identity_number)
        ]
    return Viewer(
        actor_type=actor.kind,
        party=own,
        scopes=sorted(actor.scopes),
        parties=parties,
        notification_addresses=addresses,
    )
