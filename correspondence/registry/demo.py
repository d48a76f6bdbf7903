"""The demo world: a small, consistent set of registry data and a token per actor, for trying the service.

Loading upserts every entry, so it can run again on the same database (`correspondence demo`) without duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from correspondence.access.actor import SCOPE_ADMIN, SCOPE_NOTIFICATIONS, SCOPE_READ, SCOPE_SERVICE_OWNER, SCOPE_WRITE
from correspondence.adapters.tokens import mint_dev_token
from correspondence.kit import clock
from correspondence.registry.models import (
    AddressType,
    Contact,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
    Role,
)
from correspondence.settings import Settings

AGENCY = "974760673"
COMPANY = "910000004"
COMPANY_BERGEN = "910000012"
KARI = "01010112377"  # DAGL of the company: reads everything, confidential included, also in the sub-unit
OLA = "02020212317"  # REGN of the company: reads its non-confidential letters
PER = "03030312367"  # reserved in the contact register: gets no digital letters

RESOURCE_LETTER = "demo-letter"
RESOURCE_CONFIDENTIAL = "demo-confidential-decision"

TOKEN_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class DemoActor:
    description: str
    claims: dict[str, Any]


ACTORS = (
    DemoActor(
        f"service owner Demoetaten ({AGENCY}): sends letters for its resources",
        {"consumer": f"0192:{AGENCY}", "scope": f"{SCOPE_SERVICE_OWNER} {SCOPE_WRITE} {SCOPE_NOTIFICATIONS}"},
    ),
    DemoActor(f"person Kari Nordmann ({KARI}): DAGL of Bedrift AS", {"pid": KARI, "scope": SCOPE_READ}),
    DemoActor(f"person Ola Nordmann ({OLA}): REGN of Bedrift AS", {"pid": OLA, "scope": SCOPE_READ}),
    DemoActor(f"end-user system of Bedrift AS ({COMPANY})", {"consumer": f"0192:{COMPANY}", "scope": SCOPE_READ}),
    DemoActor("administrator", {"scope": SCOPE_ADMIN}),
)


def actor_tokens(settings: Settings) -> list[tuple[str, str]]:
    """(description, dev token) for every demo actor."""
    return [(actor.description, mint_dev_token(settings, actor.claims, TOKEN_TTL_SECONDS)) for actor in ACTORS]


async def load_world() -> None:
    """Upsert the demo registries (the ORM must be initialised)."""
    await _parties()
    await _resources()
    await _roles()
    await _contacts()
    await _organization_addresses()


async def _parties() -> None:
    for pid, name in ((KARI, "Kari Nordmann"), (OLA, "Ola Nordmann"), (PER, "Per Reservert")):
        await Person.update_or_create(defaults={"name": name}, national_identity_number=pid)
    for orgno, name, parent in (
        (AGENCY, "Demoetaten", None),
        (COMPANY, "Bedrift AS", None),
        (COMPANY_BERGEN, "Bedrift AS avd. Bergen", COMPANY),
    ):
        await Organization.update_or_create(
            defaults={"name": name, "parent_organization_number": parent}, organization_number=orgno
        )


async def _resources() -> None:
    for resource_id, titles, confidential in (
        (RESOURCE_LETTER, ("Brev fra Demoetaten", "Brev frå Demoetaten", "Letter from Demoetaten"), False),
        (RESOURCE_CONFIDENTIAL, ("Fortrolig vedtak", "Fortruleg vedtak", "Confidential decision"), True),
    ):
        title_nb, title_nn, title_en = titles
        await Resource.update_or_create(
            defaults={
                "owner_organization_number": AGENCY,
                "title_nb": title_nb,
                "title_nn": title_nn,
                "title_en": title_en,
                "is_confidential": confidential,
                "retention_days": 365,
            },
            resource_id=resource_id,
        )


async def _roles() -> None:
    for pid, orgno, code in ((KARI, COMPANY, "DAGL"), (OLA, COMPANY, "REGN")):
        await Role.get_or_create(national_identity_number=pid, organization_number=orgno, role_code=code)


async def _contacts() -> None:
    confirmed = clock.now() - timedelta(days=30)
    for pid, email, mobile, reserved in (
        (KARI, "kari.nordmann@example.com", "+4791234567", False),
        (OLA, "ola.nordmann@example.com", "+4741234567", False),
        (PER, "per.reservert@example.com", None, True),
    ):
        await Contact.update_or_create(
            defaults={"email": email, "mobile": mobile, "reserved": reserved, "last_confirmed": confirmed},
            national_identity_number=pid,
        )


async def _organization_addresses() -> None:
    for orgno, kind, address in (
        (COMPANY, AddressType.EMAIL, "post@bedrift.example.com"),
        (COMPANY, AddressType.SMS, "+4798765432"),
        (COMPANY_BERGEN, AddressType.EMAIL, "bergen@bedrift.example.com"),
    ):
        await OrganizationNotificationAddress.get_or_create(
            organization_number=orgno, address_type=kind, address=address
        )
