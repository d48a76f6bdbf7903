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
from correspondence.registry import repository
from correspondence.registry.records import (
    AddressType,
    ContactRecord,
    OrganizationAddressRecord,
    OrganizationRecord,
    PersonRecord,
    Record,
    ResourceRecord,
    RoleRecord,
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
    confirmed = clock.now() - timedelta(days=30)
    registries: tuple[list[Record], ...] = (
        [
            PersonRecord(KARI, "Kari Nordmann"),
            PersonRecord(OLA, "Ola Nordmann"),
            PersonRecord(PER, "Per Reservert"),
        ],
        [
            OrganizationRecord(AGENCY, "Demoetaten", None),
            OrganizationRecord(COMPANY, "Bedrift AS", None),
            OrganizationRecord(COMPANY_BERGEN, "Bedrift AS avd. Bergen", COMPANY),
        ],
        [
            ResourceRecord(
                RESOURCE_LETTER,
                AGENCY,
                "Brev fra Demoetaten",
                "Brev frå Demoetaten",
                "Letter from Demoetaten",
                is_confidential=False,
                retention_days=365,
            ),
            ResourceRecord(
                RESOURCE_CONFIDENTIAL,
                AGENCY,
                "Fortrolig vedtak",
                "Fortruleg vedtak",
                "Confidential decision",
                is_confidential=True,
                retention_days=365,
            ),
        ],
        [RoleRecord(KARI, COMPANY, "DAGL"), RoleRecord(OLA, COMPANY, "REGN")],
        [
            ContactRecord(KARI, "kari.nordmann@example.com", "+4791234567", reserved=False, last_confirmed=confirmed),
            ContactRecord(OLA, "ola.nordmann@example.com", "+4741234567", reserved=False, last_confirmed=confirmed),
            ContactRecord(PER, "per.reservert@example.com", None, reserved=True, last_confirmed=confirmed),
        ],
        [
            OrganizationAddressRecord(COMPANY, AddressType.EMAIL, "post@bedrift.example.com"),
            OrganizationAddressRecord(COMPANY, AddressType.SMS, "+4798765432"),
            OrganizationAddressRecord(COMPANY_BERGEN, AddressType.EMAIL, "bergen@bedrift.example.com"),
        ],
    )
    for records in registries:
        await repository.upsert_many(records)
