"""Norwegian party identifiers: national identity numbers, organization numbers, and their URNs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

PERSON_URN_PREFIX = "urn:altinn:person:identifier-no:"
ORGANIZATION_URN_PREFIX = "urn:altinn:organization:identifier-no:"
_ISO6523_PREFIX = "0192:"

_PID_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_PID_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)

# ASCII digits only: `\d` and `int()` also take other scripts' digits ("٠١٠١…"), which would make a second,
# differently spelled party of the same number.
_PID = re.compile(r"[0-9]{11}")
_ORGNO = re.compile(r"[0-9]{9}")


class InvalidIdentifier(ValueError):
    pass


class PartyKind(Enum):
    PERSON = "person"
    ORGANIZATION = "organization"


@dataclass(frozen=True, slots=True)
class PartyId:
    kind: PartyKind
    number: str

    @property
    def urn(self) -> str:
        prefix = PERSON_URN_PREFIX if self.kind is PartyKind.PERSON else ORGANIZATION_URN_PREFIX
        return prefix + self.number

    @property
    def is_person(self) -> bool:
        return self.kind is PartyKind.PERSON


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    """The check digit for `digits`, or None where mod 11 gives 10 (such numbers are never issued)."""
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def _birth_date_is_valid(pid: str) -> bool:
    day, month, year2, individual = int(pid[0:2]), int(pid[2:4]), int(pid[4:6]), int(pid[6:9])
    if day > 40:  # D-number: day + 40
        day -= 40
    if month > 80:  # synthetic test numbers (Tenor): month + 80
        month -= 80
    elif month > 40:  # H-number: month + 40
        month -= 40
    if individual <= 499:
        century = 1900
    elif individual <= 749 and year2 >= 54:
        century = 1800
    elif year2 <= 39:
        century = 2000
    else:
        century = 1900
    try:
        date(century + year2, month, day)
    except ValueError:
        return False
    return True


def validate_national_identity_number(value: str) -> str:
    pid = value.strip()
    if not _PID.fullmatch(pid):
        raise InvalidIdentifier("A national identity number has 11 digits.")
    if not _birth_date_is_valid(pid):
        raise InvalidIdentifier("The national identity number has no valid date of birth.")
    if _mod11(pid[:9], _PID_WEIGHTS_1) != int(pid[9]) or _mod11(pid[:10], _PID_WEIGHTS_2) != int(pid[10]):
        raise InvalidIdentifier("The national identity number has a wrong check digit.")
    return pid


def validate_organization_number(value: str) -> str:
    orgno = value.strip()
    if orgno.startswith(_ISO6523_PREFIX):
        orgno = orgno[len(_ISO6523_PREFIX) :]
    if not _ORGNO.fullmatch(orgno):
        raise InvalidIdentifier("An organization number has 9 digits.")
    if _mod11(orgno[:8], _ORG_WEIGHTS) != int(orgno[8]):
        raise InvalidIdentifier("The organization number has a wrong check digit.")
    return orgno


def parse_party(value: str) -> PartyId:
    """Accept a party URN, a bare 11- or 9-digit number, or `0192:<orgno>`."""
    text = value.strip()
    if text.startswith(PERSON_URN_PREFIX):
        return PartyId(PartyKind.PERSON, validate_national_identity_number(text[len(PERSON_URN_PREFIX) :]))
    if text.startswith(ORGANIZATION_URN_PREFIX):
        number = text[len(ORGANIZATION_URN_PREFIX) :]
        return PartyId(PartyKind.ORGANIZATION, validate_organization_number(number))
    if text.startswith(_ISO6523_PREFIX):
        return PartyId(PartyKind.ORGANIZATION, validate_organization_number(text))
    if _PID.fullmatch(text):
        return PartyId(PartyKind.PERSON, validate_national_identity_number(text))
    if _ORGNO.fullmatch(text):
        return PartyId(PartyKind.ORGANIZATION, validate_organization_number(text))
    raise InvalidIdentifier("Expected a national identity number, an organization number, or a party URN.")


def person_urn(pid: str) -> str:
    return PERSON_URN_PREFIX + pid


def organization_urn(orgno: str) -> str:
    return ORGANIZATION_URN_PREFIX + orgno
