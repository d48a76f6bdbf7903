"""The one access rule, every form of it: actors × grants × resources.

For every actor and every correspondence of a small world the same expected answer must come from the SQL form
(the correspondence repository on the real database, and the events replay over the activity log), the batched
form (notification lookup's), and the in-memory form (live events'). A form that drifts from the rule fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

import pytest

from correspondence.access.actor import Actor, actor_from_claims
from correspondence.access.batch import OrganizationReaders, organization_has_confidential_reader
from correspondence.access.cache import access_of
from correspondence.access.grants import sender_party
from correspondence.access.scope import require_delegation_rights
from correspondence.correspondence import repository as correspondences
from correspondence.correspondence import repository as events
from correspondence.correspondence.models import Activity, ActivityType, Correspondence, CorrespondenceStatus
from correspondence.kit import clock
from correspondence.kit.errors import Forbidden
from correspondence.kit.identifiers import organization_urn, person_urn
from correspondence.registry.models import Delegation, Organization, Role
from tests.helpers import (
    ORG_AGENCY,
    ORG_AGENCY_2,
    ORG_COMPANY,
    ORG_OTHER,
    ORG_SUBUNIT,
    PERSON_A,
    PERSON_B,
    PERSON_C,
    PERSON_D,
)

PERSON_REGN = PERSON_C
PERSON_BOTH_UNITS = PERSON_D  # REGN in the sub-unit, DAGL of its main unit
PERSON_SUBUNIT_REGN = "05050510184"
PERSON_DELEGATED = "06060610043"
PERSON_DELEGATED_CONFIDENTIAL = "07070710093"
PERSON_STRANGER = "08080810033"

ORDINARY = "ordinary-letter"
OTHER_ORDINARY = "another-ordinary-letter"
CONFIDENTIAL = "confidential-letter"

READ = "altinn:correspondence.read"


@dataclass(frozen=True)
class Letter:
    recipient: str
    resource_id: str
    is_confidential: bool


# The correspondences of the world, by name.
LETTERS = {
    "own": Letter(person_urn(PERSON_A), ORDINARY, False),
    "company": Letter(organization_urn(ORG_COMPANY), ORDINARY, False),
    "company_confidential": Letter(organization_urn(ORG_COMPANY), CONFIDENTIAL, True),
    "subunit": Letter(organization_urn(ORG_SUBUNIT), ORDINARY, False),
    "subunit_confidential": Letter(organization_urn(ORG_SUBUNIT), CONFIDENTIAL, True),
    "other_delegated": Letter(organization_urn(ORG_OTHER), ORDINARY, False),
    "other_undelegated": Letter(organization_urn(ORG_OTHER), OTHER_ORDINARY, False),
    "other_confidential": Letter(organization_urn(ORG_OTHER), CONFIDENTIAL, True),
    "foreign": Letter(organization_urn(ORG_AGENCY_2), ORDINARY, False),
}

# Who is calling, and the letters each may read: nothing else.
MATRIX: dict[str, tuple[dict[str, object], set[str]]] = {
    "person_own_inbox": ({"pid": PERSON_A, "scope": READ}, {"own"}),
    "person_dagl": (
        {"pid": PERSON_B, "scope": READ},
        {"company", "company_confidential", "subunit", "subunit_confidential"},
    ),
    "person_regn": ({"pid": PERSON_REGN, "scope": READ}, {"company", "subunit"}),
    "person_with_roles_in_a_sub_unit_and_its_main_unit": (
        {"pid": PERSON_BOTH_UNITS, "scope": READ},
        {"company", "company_confidential", "subunit", "subunit_confidential"},
    ),
    "person_role_in_the_sub_unit_only": ({"pid": PERSON_SUBUNIT_REGN, "scope": READ}, {"subunit"}),
    "person_with_delegation": ({"pid": PERSON_DELEGATED, "scope": READ}, {"other_delegated"}),
    "person_with_confidential_delegation": (
        {"pid": PERSON_DELEGATED_CONFIDENTIAL, "scope": READ},
        {"other_confidential"},
    ),
    "system_of_the_company": ({"consumer": f"0192:{ORG_COMPANY}", "scope": READ}, {"company", "company_confidential"}),
    "service_owner": (
        {"consumer": f"0192:{ORG_AGENCY}", "scope": f"altinn:serviceowner altinn:correspondence.write {READ}"},
        set(),
    ),
    "admin": ({"scope": "altinn:correspondence.admin"}, set()),
    "stranger": ({"pid": PERSON_STRANGER, "scope": READ}, set()),
    "person_without_the_read_scope": ({"pid": PERSON_B, "scope": "openid"}, set()),
}


async def _registry() -> None:
    await Organization.create(organization_number=ORG_COMPANY, name="Bedrift AS")
    await Organization.create(organization_number=ORG_SUBUNIT, name="Avd.", parent_organization_number=ORG_COMPANY)
    await Organization.create(organization_number=ORG_OTHER, name="Annen AS")
    await Role.create(national_identity_number=PERSON_B, organization_number=ORG_COMPANY, role_code="DAGL")
    await Role.create(national_identity_number=PERSON_REGN, organization_number=ORG_COMPANY, role_code="REGN")
    await Role.create(national_identity_number=PERSON_SUBUNIT_REGN, organization_number=ORG_SUBUNIT, role_code="REGN")
    await Role.create(national_identity_number=PERSON_BOTH_UNITS, organization_number=ORG_SUBUNIT, role_code="REGN")
    await Role.create(national_identity_number=PERSON_BOTH_UNITS, organization_number=ORG_COMPANY, role_code="DAGL")
    await Delegation.create(
        national_identity_number=PERSON_DELEGATED, organization_number=ORG_OTHER, resource_id=ORDINARY
    )
    await Delegation.create(
        national_identity_number=PERSON_DELEGATED_CONFIDENTIAL, organization_number=ORG_OTHER, resource_id=CONFIDENTIAL
    )


async def _published(letter: Letter) -> UUID:
    now = clock.now()
    correspondence = await Correspondence.create(
        id=uuid4(),
        resource_id=letter.resource_id,
        is_confidential=letter.is_confidential,
        sender=organization_urn(ORG_AGENCY),
        sender_name="Etaten",
        senders_reference="matrix",
        recipient=letter.recipient,
        language="nb",
        message_title="Brev",
        message_body="Hei",
        created=now,
        status=CorrespondenceStatus.PUBLISHED,
        published=now,
        publish_at=now,
        sort_due=now,
    )
    await Activity.create(correspondence=correspondence, type=ActivityType.PUBLISHED, occurred_at=now)
    return correspondence.id


@pytest.fixture
async def letters(db_clean: str) -> dict[str, UUID]:
    await _registry()
    return {name: await _published(letter) for name, letter in LETTERS.items()}


async def _sql_answers(actor: Actor, letters: dict[str, UUID]) -> set[str]:
    access = await access_of(actor)
    return {
        name for name, id in letters.items() if await correspondences.get_for_recipient(access, str(id)) is not None
    }


async def _replay_answers(actor: Actor, letters: dict[str, UUID]) -> set[str]:
    names = {id: name for name, id in letters.items()}
    if actor.party == organization_urn(ORG_AGENCY):
        return set()  # the sender replays what it sent, a different rule (test_only_the_sender_reads_what_it_sent)
    rows = await events.replay_page(events.events_readable_by(actor, await access_of(actor)), 0, 100)
    return {names[row.correspondence.id] for row in rows if row.correspondence is not None}


async def _in_memory_answers(actor: Actor) -> set[str]:
    access = await access_of(actor)
    return {
        name
        for name, letter in LETTERS.items()
        if access.can_read(letter.recipient, letter.resource_id, letter.is_confidential)
    }


async def _batched_answers(actor: Actor) -> set[str] | None:
    """The batched form answers for persons reading an organization's inbox (`None` for others)."""
    if actor.national_identity_number is None or not actor.has_scope(READ):
        return None
    organizations = {letter.recipient for letter in LETTERS.values() if letter.recipient.startswith("urn:altinn:org")}
    orgnos = {party.rsplit(":", 1)[1] for party in organizations}
    answers = set()
    for name, letter in LETTERS.items():
        if letter.recipient in organizations:
            readers = await OrganizationReaders.load(orgnos, letter.resource_id)
            orgno = letter.recipient.rsplit(":", 1)[1]
            if readers.may_read(actor.national_identity_number, orgno, letter.is_confidential):
                answers.add(name)
        elif letter.recipient == actor.party:
            answers.add(name)
    return answers


@pytest.mark.parametrize("who", sorted(MATRIX))
async def test_every_form_of_the_rule_gives_the_same_answer(who: str, letters: dict[str, UUID]) -> None:
    claims, expected = MATRIX[who]
    actor = actor_from_claims(claims)

    assert await _sql_answers(actor, letters) == expected
    assert await _replay_answers(actor, letters) == expected
    assert await _in_memory_answers(actor) == expected
    batched = await _batched_answers(actor)
    assert batched is None or batched == expected


@pytest.mark.parametrize(
    ("claims", "sees_everything_sent"),
    [
        ({"consumer": f"0192:{ORG_AGENCY}", "scope": "altinn:serviceowner"}, True),
        ({"consumer": f"0192:{ORG_AGENCY_2}", "scope": "altinn:serviceowner"}, False),  # another agency
        ({"consumer": f"0192:{ORG_AGENCY}", "scope": READ}, False),  # the agency's end-user system
        ({"pid": PERSON_B, "scope": READ}, False),
        ({"scope": "altinn:correspondence.admin"}, False),
    ],
)
async def test_only_the_sender_reads_what_it_sent(
    letters: dict[str, UUID], claims: dict[str, object], sees_everything_sent: bool
) -> None:
    actor = actor_from_claims(claims)
    expected = set(letters.values()) if sees_everything_sent else set()
    found = {id for id in letters.values() if await correspondences.get_for_sender(actor, str(id)) is not None}
    assert found == expected
    if sender_party(actor) is not None:  # recipients' replays are the matrix above
        replayed = await events.replay_page(events.events_readable_by(actor, await access_of(actor)), 0, 100)
        assert {row.correspondence.id for row in replayed if row.correspondence is not None} == expected
    assert (sender_party(actor) == organization_urn(ORG_AGENCY)) is sees_everything_sent


@pytest.mark.parametrize(
    ("organization", "resource_id", "expected"),
    [
        (ORG_COMPANY, CONFIDENTIAL, True),  # its DAGL
        (ORG_SUBUNIT, CONFIDENTIAL, True),  # the main unit's DAGL
        (ORG_OTHER, CONFIDENTIAL, True),  # a delegation of the resource
        (ORG_OTHER, OTHER_ORDINARY, False),  # a delegation of another resource only
        (ORG_AGENCY_2, CONFIDENTIAL, False),  # nobody
    ],
)
async def test_a_confidential_letter_has_a_reader(
    letters: dict[str, UUID], organization: str, resource_id: str, expected: bool
) -> None:
    assert await organization_has_confidential_reader(organization, resource_id) is expected


@pytest.mark.parametrize(
    ("claims", "organization", "allowed"),
    [
        ({"scope": "altinn:correspondence.admin"}, ORG_OTHER, True),
        ({"pid": PERSON_B, "scope": READ}, ORG_COMPANY, True),  # DAGL
        ({"pid": PERSON_B, "scope": READ}, ORG_SUBUNIT, True),  # DAGL of the main unit
        ({"pid": PERSON_B, "scope": READ}, ORG_OTHER, False),
        ({"pid": PERSON_REGN, "scope": READ}, ORG_COMPANY, False),  # a role, but not DAGL
        ({"pid": PERSON_SUBUNIT_REGN, "scope": READ}, ORG_SUBUNIT, False),
        ({"consumer": f"0192:{ORG_COMPANY}", "scope": READ}, ORG_COMPANY, False),  # systems administer nothing
    ],
)
async def test_who_administers_delegations(
    letters: dict[str, UUID], claims: dict[str, object], organization: str, allowed: bool
) -> None:
    actor = actor_from_claims(claims)
    if allowed:
        await require_delegation_rights(actor, organization)
    else:
        with pytest.raises(Forbidden):
            await require_delegation_rights(actor, organization)
