"""Bulk import of every registry kind from CSV and JSONL (contract §9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tortoise.models import Model

from correspondence.kit.unit_of_work import unit_of_work
from correspondence.registry.importer import (
    BATCH_SIZE,
    KINDS,
    ImportRejected,
    ImportReport,
    RowError,
    count_rows,
    import_file,
)
from correspondence.registry.models import (
    AddressType,
    Contact,
    Delegation,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
    Role,
    UserNotificationAddress,
)
from correspondence.registry.records import RECORDS
from tests.helpers import (
    ORG_AGENCY,
    ORG_AGENCY_2,
    ORG_COMPANY,
    ORG_SUBUNIT,
    PERSON_A,
    PERSON_B,
    count_queries,
)
from tests.registry.files import write_rows

FORMATS = (".csv", ".jsonl")


async def imported(kind: str, path: Path, **options: Any) -> ImportReport:
    """The import as the `correspondence import` command runs it: in one unit of work."""
    async with unit_of_work():
        return await import_file(kind, path, **options)


@dataclass(frozen=True)
class Kind:
    rows: list[dict[str, Any]]
    model: type[Model]
    fields: tuple[str, ...]
    expected: set[tuple[Any, ...]]


KIND_CASES: dict[str, Kind] = {
    "persons": Kind(
        [
            {"nationalIdentityNumber": PERSON_A, "name": "Kari Nordmann"},
            {"nationalIdentityNumber": f"urn:altinn:person:identifier-no:{PERSON_B}", "name": "Ola, Nordmann"},
        ],
        Person,
        ("national_identity_number", "name"),
        {(PERSON_A, "Kari Nordmann"), (PERSON_B, "Ola, Nordmann")},
    ),
    "organizations": Kind(
        [
            {"organizationNumber": ORG_COMPANY, "name": "Bedrift AS", "parentOrganizationNumber": None},
            {
                "organizationNumber": f"0192:{ORG_SUBUNIT}",
                "name": "Bedrift AS avd. Bergen",
                "parentOrganizationNumber": ORG_COMPANY,
            },
        ],
        Organization,
        ("organization_number", "name", "parent_organization_number"),
        {(ORG_COMPANY, "Bedrift AS", None), (ORG_SUBUNIT, "Bedrift AS avd. Bergen", ORG_COMPANY)},
    ),
    "resources": Kind(
        [
            {
                "resourceId": "tax-letter",
                "ownerOrganizationNumber": ORG_AGENCY,
                "titleNb": "Skattebrev",
                "titleNn": "Skattebrev",
                "titleEn": "Tax letter",
                "isConfidential": True,
                "retentionDays": 3650,
            },
            {
                "resourceId": "info",
                "ownerOrganizationNumber": ORG_AGENCY_2,
                "titleNb": "Informasjon",
                "titleNn": None,
                "titleEn": None,
                "isConfidential": False,
                "retentionDays": None,
            },
        ],
        Resource,
        (
            "resource_id",
            "owner_organization_number",
            "title_nb",
            "title_nn",
            "title_en",
            "is_confidential",
            "retention_days",
        ),
        {
            ("tax-letter", ORG_AGENCY, "Skattebrev", "Skattebrev", "Tax letter", True, 3650),
            ("info", ORG_AGENCY_2, "Informasjon", None, None, False, None),
        },
    ),
    "roles": Kind(
        [
            {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "roleCode": "DAGL"},
            {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "roleCode": "LEDE"},
            {"nationalIdentityNumber": PERSON_B, "organizationNumber": ORG_COMPANY, "roleCode": "regn"},
        ],
        Role,
        ("national_identity_number", "organization_number", "role_code"),
        {(PERSON_A, ORG_COMPANY, "DAGL"), (PERSON_A, ORG_COMPANY, "LEDE"), (PERSON_B, ORG_COMPANY, "REGN")},
    ),
    "delegations": Kind(
        [
            {"nationalIdentityNumber": PERSON_B, "organizationNumber": ORG_COMPANY, "resourceId": "tax-letter"},
            {"nationalIdentityNumber": PERSON_B, "organizationNumber": ORG_SUBUNIT, "resourceId": "tax-letter"},
        ],
        Delegation,
        ("national_identity_number", "organization_number", "resource_id"),
        {(PERSON_B, ORG_COMPANY, "tax-letter"), (PERSON_B, ORG_SUBUNIT, "tax-letter")},
    ),
    "contacts": Kind(
        [
            {
                "nationalIdentityNumber": PERSON_A,
                "email": "kari@example.no",
                "mobile": "91234567",
                "reserved": False,
                "lastConfirmed": "2025-03-01T12:00:00Z",
            },
            {
                "nationalIdentityNumber": PERSON_B,
                "email": None,
                "mobile": None,
                "reserved": True,
                "lastConfirmed": "2024-06-30",
            },
        ],
        Contact,
        ("national_identity_number", "email", "mobile", "reserved", "last_confirmed"),
        {
            (PERSON_A, "kari@example.no", "+4791234567", False, datetime(2025, 3, 1, 12, tzinfo=UTC)),
            (PERSON_B, None, None, True, datetime(2024, 6, 30, tzinfo=UTC)),
        },
    ),
    "org-addresses": Kind(
        [
            {"organizationNumber": ORG_COMPANY, "email": "post@bedrift.no", "mobile": None},
            {"organizationNumber": ORG_COMPANY, "email": None, "mobile": "+47 412 34 567"},
        ],
        OrganizationNotificationAddress,
        ("organization_number", "address_type", "address"),
        {(ORG_COMPANY, AddressType.EMAIL, "post@bedrift.no"), (ORG_COMPANY, AddressType.SMS, "+4741234567")},
    ),
    "user-addresses": Kind(
        [
            {
                "nationalIdentityNumber": PERSON_A,
                "organizationNumber": ORG_COMPANY,
                "email": "kari@bedrift.no",
                "mobile": None,
            },
            {
                "nationalIdentityNumber": PERSON_B,
                "organizationNumber": ORG_COMPANY,
                "email": "ola@bedrift.no",
                "mobile": "98765432",
            },
        ],
        UserNotificationAddress,
        ("national_identity_number", "organization_number", "email", "mobile"),
        {(PERSON_A, ORG_COMPANY, "kari@bedrift.no", None), (PERSON_B, ORG_COMPANY, "ola@bedrift.no", "+4798765432")},
    ),
}


async def _state(kind: Kind) -> set[tuple[Any, ...]]:
    return set(await kind.model.all().values_list(*kind.fields))


def test_every_kind_of_the_contract_is_covered() -> None:
    assert KINDS == (
        "persons",
        "organizations",
        "resources",
        "roles",
        "delegations",
        "contacts",
        "org-addresses",
        "user-addresses",
    )
    assert set(KIND_CASES) == set(KINDS)


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("kind_name", KINDS)
async def test_imports_every_kind_idempotently(db_clean: str, tmp_path: Path, kind_name: str, suffix: str) -> None:
    kind = KIND_CASES[kind_name]
    path = write_rows(tmp_path / f"{kind_name}{suffix}", RECORDS[kind_name].COLUMNS, kind.rows)
    assert count_rows(path) == len(kind.rows)

    report = await imported(kind_name, path)
    assert (report.imported, report.skipped) == (len(kind.rows), [])
    assert await _state(kind) == kind.expected

    again = await imported(kind_name, path)  # the same file twice: the same state
    assert again.imported == len(kind.rows)
    assert await _state(kind) == kind.expected
    assert await kind.model.all().count() == len(kind.expected)


async def test_upsert_replaces_existing_entries(db_clean: str, tmp_path: Path) -> None:
    await Person.create(national_identity_number=PERSON_A, name="Old Name")
    path = write_rows(tmp_path / "p.jsonl", (), [{"nationalIdentityNumber": PERSON_A, "name": "New Name"}])
    await imported("persons", path)
    assert [person.name for person in await Person.all()] == ["New Name"]


def _bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "persons.csv"
    path.write_text(
        "nationalIdentityNumber,name\n"  # line 1
        f"{PERSON_A},Kari\n"  # 2
        "01010112378,Wrong Check\n"  # 3
        f'{PERSON_B},"Ola\nover two lines"\n'  # 4-5: one row
        "\n"  # 6: blank, ignored
        f"{PERSON_A},Kari again\n"  # 7: duplicate of line 2
        "02020212317\n"  # 8: too few values
        ",Nobody\n",  # 9: required value missing
        encoding="utf-8",
    )
    return path


def _bad_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.jsonl"
    path.write_text(
        f'{{"nationalIdentityNumber": "{PERSON_A}", "mobile": "91234567", "reserved": false}}\n'  # 1
        '{"nationalIdentityNumber": \n'  # 2: not JSON
        "\n"  # 3: blank
        f'{{"nationalIdentityNumber": "{PERSON_B}", "mobile": "12345"}}\n'  # 4: short number
        f'{{"nationalIdentityNumber": "{PERSON_B}", "phone": "91234567"}}\n'  # 5: unknown column
        f'{{"nationalIdentityNumber": "{PERSON_B}", "reserved": "yes", "lastConfirmed": "last week"}}\n'  # 6
        '["not", "an", "object"]\n'  # 7
        f'{{"nationalIdentityNumber": {int(PERSON_B)}}}\n'  # 8: a number, not a string
        f'{{"nationalIdentityNumber": "{PERSON_B}", "email": "ola@example.no"}}\n',  # 9
        encoding="utf-8",
    )
    return path


async def test_csv_errors_carry_file_line_numbers_and_nothing_is_written(db_clean: str, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as rejected:
        await imported("persons", _bad_csv(tmp_path))
    errors = {error.line: error.message for error in rejected.value.errors}
    assert sorted(errors) == [3, 7, 8, 9]
    assert errors[3].startswith("nationalIdentityNumber:")
    assert "Duplicate of line 2" in errors[7]
    assert "Expected 2 values" in errors[8]
    assert errors[9] == "nationalIdentityNumber: This field is required."
    assert await Person.all().count() == 0


async def test_jsonl_errors_carry_file_line_numbers_and_nothing_is_written(db_clean: str, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as rejected:
        await imported("contacts", _bad_jsonl(tmp_path))
    errors = {error.line: error.message for error in rejected.value.errors}
    assert sorted(errors) == [2, 4, 5, 6, 7, 8]
    assert errors[2].startswith("Not valid JSON")
    assert errors[4].startswith("mobile:")
    assert "Unknown column(s) phone" in errors[5]
    assert "reserved: Must be true or false" in errors[6]
    assert "lastConfirmed:" in errors[6]
    assert errors[7] == "Each line must be one JSON object."
    assert errors[8] == "nationalIdentityNumber: Must be a string."
    assert await Contact.all().count() == 0


async def test_skip_invalid_imports_the_rest(db_clean: str, tmp_path: Path) -> None:
    report = await imported("persons", _bad_csv(tmp_path), skip_invalid=True)
    assert report.imported == 2
    assert [error.line for error in report.skipped] == [3, 7, 8, 9]
    # The first of two duplicates wins; a quoted value keeps its line break.
    assert set(await Person.all().values_list("national_identity_number", "name")) == {
        (PERSON_A, "Kari"),
        (PERSON_B, "Ola\nover two lines"),
    }

    report = await imported("contacts", _bad_jsonl(tmp_path), skip_invalid=True)
    assert (report.imported, len(report.skipped)) == (2, 6)
    assert set(await Contact.all().values_list("national_identity_number", "email", "mobile")) == {
        (PERSON_A, None, "+4791234567"),
        (PERSON_B, "ola@example.no", None),
    }


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("nationalIdentityNumber,name,age", "unknown column(s) age"),
        ("nationalIdentityNumber", "missing column(s) name"),
        ("name,name,nationalIdentityNumber", "duplicate column(s) name"),
        ("", "The file is empty"),
    ],
)
async def test_a_bad_csv_header_rejects_the_file(db_clean: str, tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "persons.csv"
    path.write_text(f"{header}\n{PERSON_A},Kari,42\n" if header else "", encoding="utf-8")
    for skip_invalid in (False, True):
        with pytest.raises(ImportRejected) as rejected:
            await imported("persons", path, skip_invalid=skip_invalid)
        assert len(rejected.value.errors) == 1
        assert rejected.value.errors[0].line == 1
        assert message in rejected.value.errors[0].message
    assert await Person.all().count() == 0


async def test_optional_columns_may_be_left_out(db_clean: str, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text(f"name,organizationNumber\nBedrift AS,{ORG_COMPANY}\n", encoding="utf-8")
    assert (await imported("organizations", path)).imported == 1
    assert [organization.parent_organization_number for organization in await Organization.all()] == [None]


async def test_unknown_kind_and_format(db_clean: str, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.csv", ("nationalIdentityNumber", "name"), [])
    with pytest.raises(ValueError, match="Unknown kind"):
        await imported("people", path)
    with pytest.raises(ValueError, match=r"\.csv or \.jsonl"):
        await imported("persons", tmp_path / "p.xlsx")


async def test_large_files_go_in_batches_with_progress(db_clean: str, tmp_path: Path) -> None:
    rows = [
        {"organizationNumber": ORG_COMPANY, "email": f"user{i}@bedrift.no", "mobile": None}
        for i in range(2 * BATCH_SIZE + 500)
    ]
    rows.insert(10, {"organizationNumber": ORG_COMPANY, "email": "broken", "mobile": None})
    path = write_rows(tmp_path / "org-addresses.csv", RECORDS["org-addresses"].COLUMNS, rows)
    calls: list[int] = []

    with count_queries() as queries:
        report = await imported("org-addresses", path, skip_invalid=True, progress=calls.append)

    assert report.imported == len(rows) - 1
    assert report.skipped == [RowError(12, report.skipped[0].message)]  # header is line 1: row 10 is line 12
    assert calls == [BATCH_SIZE + 1, BATCH_SIZE, 500]  # rows covered per batch, the skipped one included
    assert sum(calls) == count_rows(path)
    inserts = [s for s in queries.statements if s.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 3  # one statement batch per 1,000 rows
    assert await OrganizationNotificationAddress.all().count() == len(rows) - 1


async def test_a_file_that_is_not_utf8_is_rejected(db_clean: str, tmp_path: Path) -> None:
    path = tmp_path / "persons.jsonl"
    path.write_bytes(f'{{"nationalIdentityNumber": "{PERSON_A}", "name": "K\xe5re"}}\n'.encode("latin-1"))
    with pytest.raises(ImportRejected) as rejected:
        await imported("persons", path, skip_invalid=True)
    assert rejected.value.errors[0].line == 0
    assert "not UTF-8" in rejected.value.errors[0].message
    assert await Person.all().count() == 0


async def _import_then_fail(path: Path) -> None:
    async with unit_of_work():
        assert (await import_file("persons", path)).imported == 1
        raise RuntimeError("the command fails after the import")


async def test_the_import_is_written_in_the_callers_unit_of_work(db_clean: str, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.jsonl", (), [{"nationalIdentityNumber": PERSON_A, "name": "Kari"}])
    with pytest.raises(RuntimeError, match="fails after the import"):
        await _import_then_fail(path)
    assert await Person.all().count() == 0


async def test_an_import_refuses_identifiers_in_other_scripts_digits(db_clean: str, tmp_path: Path) -> None:
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    path = tmp_path / "roles.csv"
    path.write_text(
        "nationalIdentityNumber,organizationNumber,roleCode\n"
        f"{PERSON_A.translate(arabic_indic)},{ORG_COMPANY},DAGL\n"
        f"{PERSON_A},{ORG_COMPANY.translate(arabic_indic)},DAGL\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as rejected:
        await imported("roles", path)
    assert {error.line: error.message.split(":")[0] for error in rejected.value.errors} == {
        2: "nationalIdentityNumber",
        3: "organizationNumber",
    }
    assert await Role.all().count() == 0
