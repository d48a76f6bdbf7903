import pytest

from correspondence.kit.identifiers import (
    InvalidIdentifier,
    PartyKind,
    parse_party,
    validate_national_identity_number,
    validate_organization_number,
)
from tests.helpers import ORG_AGENCY, PERSON_A


def test_valid_national_identity_number_passes() -> None:
    assert validate_national_identity_number(PERSON_A) == PERSON_A


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("01010112378", "check digit"),  # second check digit off by one
        ("01010112387", "check digit"),  # first check digit off by one
        ("32010112377", "date"),  # day 32
        ("01130112377", "date"),  # month 13
        ("0101011237", "11 digits"),
        ("0101011237a", "11 digits"),
    ],
)
def test_invalid_national_identity_numbers_are_refused(value: str, why: str) -> None:
    with pytest.raises(InvalidIdentifier, match=why):
        validate_national_identity_number(value)


def test_d_number_with_day_plus_40_is_accepted() -> None:
    # 41010112xxx: day 01 + 40; check digits computed for that base
    from correspondence.kit.identifiers import _PID_WEIGHTS_1, _PID_WEIGHTS_2, _mod11

    base = "410101123"
    first = _mod11(base, _PID_WEIGHTS_1)
    second = _mod11(base + str(first), _PID_WEIGHTS_2)
    assert first is not None and second is not None
    assert validate_national_identity_number(f"{base}{first}{second}")


def test_organization_number_check_digit() -> None:
    assert validate_organization_number(ORG_AGENCY) == ORG_AGENCY
    assert validate_organization_number(f"0192:{ORG_AGENCY}") == ORG_AGENCY
    with pytest.raises(InvalidIdentifier, match="check digit"):
        validate_organization_number("974760674")


@pytest.mark.parametrize(
    "value",
    [ORG_AGENCY, f"0192:{ORG_AGENCY}", f"urn:altinn:organization:identifier-no:{ORG_AGENCY}"],
)
def test_organization_inputs_all_become_the_urn(value: str) -> None:
    party = parse_party(value)
    assert party.kind is PartyKind.ORGANIZATION
    assert party.urn == f"urn:altinn:organization:identifier-no:{ORG_AGENCY}"


@pytest.mark.parametrize("value", [PERSON_A, f"urn:altinn:person:identifier-no:{PERSON_A}"])
def test_person_inputs_become_the_urn(value: str) -> None:
    assert parse_party(value).urn == f"urn:altinn:person:identifier-no:{PERSON_A}"


@pytest.mark.parametrize("value", ["", "12345", "urn:altinn:person:identifier-no:01010112378", "urn:other:1"])
def test_parse_party_refuses_garbage(value: str) -> None:
    with pytest.raises(InvalidIdentifier):
        parse_party(value)


# The same numbers spelt in other scripts' decimal digits: Arabic-Indic, Extended Arabic-Indic, Devanagari, fullwidth.
_FOREIGN_DIGITS = ["٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "０１２３４５６７８９"]


def _spelt_in(digits: str, number: str) -> str:
    return number.translate(str.maketrans("0123456789", digits))


@pytest.mark.parametrize("digits", _FOREIGN_DIGITS)
def test_identifiers_accept_ascii_digits_only(digits: str) -> None:
    pid, orgno = _spelt_in(digits, PERSON_A), _spelt_in(digits, ORG_AGENCY)
    with pytest.raises(InvalidIdentifier, match="11 digits"):
        validate_national_identity_number(pid)
    with pytest.raises(InvalidIdentifier, match="9 digits"):
        validate_organization_number(orgno)
    for value in (pid, orgno, f"0192:{orgno}", f"urn:altinn:person:identifier-no:{pid}"):
        with pytest.raises(InvalidIdentifier):
            parse_party(value)
    # One foreign digit among ASCII ones is refused too.
    with pytest.raises(InvalidIdentifier):
        validate_national_identity_number(PERSON_A[:10] + _spelt_in(digits, PERSON_A[10]))
