"""Registry rows (contract §2 and §9): one validated record per row of each registry, from any source.

The admin mutations, `setMyNotificationAddress` and the bulk import all validate through these parsers, so a value
is valid or invalid the same way everywhere. Field names are the contract's camelCase names: import columns, JSON
keys and GraphQL input fields are the same words. Each record class also says how it is stored (conflict columns,
columns an upsert replaces), so single entries and bulk imports are written the same way; the registry repository
answers with the same records.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar, Self

from correspondence.kit.contact_points import InvalidContactPoint, normalize_email, normalize_mobile
from correspondence.kit.errors import InputErrors
from correspondence.kit.identifiers import (
    ORGANIZATION_URN_PREFIX,
    PERSON_URN_PREFIX,
    InvalidIdentifier,
    validate_national_identity_number,
    validate_organization_number,
)

Raw = Mapping[str, object]


class AddressType(StrEnum):
    EMAIL = "EMAIL"
    SMS = "SMS"


MAX_TEXT = 255
MAX_EMAIL = 320
MAX_RETENTION_DAYS = 36_500
_ROLE_CODE = re.compile(r"[A-Z0-9_-]{1,16}")
_RESOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,254}")


def person_number(value: str) -> str:
    """A national identity number from the bare number or its URN."""
    return validate_national_identity_number(value.strip().removeprefix(PERSON_URN_PREFIX))


def organization_number(value: str) -> str:
    """An organization number from the bare number, `0192:<orgno>` or its URN."""
    return validate_organization_number(value.strip().removeprefix(ORGANIZATION_URN_PREFIX))


class Fields:
    """Reads one raw row. Each accessor validates one field and records any error under the field's path.

    Values may be typed (GraphQL, JSON) or text (CSV); an empty or blank string counts as absent. Accessors of
    required fields return a placeholder on error: `done()` raises before a record is built from it.
    """

    def __init__(self, raw: Raw, prefix: str = "") -> None:
        self.raw = raw
        self.prefix = prefix
        self.errors = InputErrors()

    def fail(self, name: str, message: str) -> None:
        self.errors.add(self.prefix + name, message)

    def done(self) -> None:
        self.errors.raise_if_any()

    def present(self, name: str) -> bool:
        return self._value(name) is not None

    def _value(self, name: str) -> object | None:
        value = self.raw.get(name)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _string(self, name: str, *, required: bool) -> str | None:
        value = self._value(name)
        if value is None:
            if required:
                self.fail(name, "This field is required.")
            return None
        if not isinstance(value, str):
            self.fail(name, "Must be a string.")
            return None
        return value.strip()

    def person(self, name: str) -> str:
        value = self._string(name, required=True)
        if value is None:
            return ""
        try:
            return person_number(value)
        except InvalidIdentifier as error:
            self.fail(name, str(error))
            return ""

    def organization(self, name: str) -> str:
        return self.optional_organization(name, required=True) or ""

    def optional_organization(self, name: str, *, required: bool = False) -> str | None:
        value = self._string(name, required=required)
        if value is None:
            return None
        try:
            return organization_number(value)
        except InvalidIdentifier as error:
            self.fail(name, str(error))
            return None

    def text(self, name: str) -> str:
        return self.optional_text(name, required=True) or ""

    def optional_text(self, name: str, *, required: bool = False) -> str | None:
        value = self._string(name, required=required)
        if value is not None and len(value) > MAX_TEXT:
            self.fail(name, f"At most {MAX_TEXT} characters.")
        return value

    def pattern(self, name: str, regex: re.Pattern[str], message: str, *, upper: bool = False) -> str:
        value = self._string(name, required=True)
        if value is None:
            return ""
        if upper:
            value = value.upper()
        if not regex.fullmatch(value):
            self.fail(name, message)
        return value

    def resource_id(self, name: str) -> str:
        message = "Up to 255 letters, digits and . _ : -, starting with a letter or digit."
        return self.pattern(name, _RESOURCE_ID, message)

    def email(self, name: str) -> str | None:
        value = self._string(name, required=False)
        if value is None:
            return None
        try:
            address = normalize_email(value)
        except InvalidContactPoint as error:
            self.fail(name, str(error))
            return None
        if len(address) > MAX_EMAIL:
            self.fail(name, f"At most {MAX_EMAIL} characters.")
        return address

    def mobile(self, name: str) -> str | None:
        value = self._string(name, required=False)
        if value is None:
            return None
        try:
            # Registry copies hold bare Norwegian mobiles: they get +47.
            return normalize_mobile(value, from_registry=True)
        except InvalidContactPoint as error:
            self.fail(name, str(error))
            return None

    def boolean(self, name: str, *, default: bool) -> bool:
        value = self._value(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        self.fail(name, "Must be true or false.")
        return default

    def integer(self, name: str, *, minimum: int, maximum: int) -> int | None:
        value = self._value(name)
        if value is None:
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,12}", value.strip()):
            number = int(value)
        if number is None or not minimum <= number <= maximum:
            self.fail(name, f"Must be a whole number from {minimum} to {maximum}.")
            return None
        return number

    def timestamp(self, name: str) -> datetime | None:
        value = self._value(name)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                self.fail(name, "Must be an ISO 8601 date or date and time.")
                return None
        if not isinstance(value, datetime):
            self.fail(name, "Must be an ISO 8601 date or date and time.")
            return None
        # Times without an offset are read as UTC: every stored time is aware.
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Record(ABC):
    """One registry row. Attribute names are the model's field names."""

    COLUMNS: ClassVar[tuple[str, ...]]  # the import columns (contract §9)
    REQUIRED: ClassVar[tuple[str, ...]]
    CONFLICT: ClassVar[tuple[str, ...]]  # the row's identity: primary key or unique columns
    UPDATE: ClassVar[tuple[str, ...]] = ()  # replaced on upsert; none: a link row, inserted or left alone
    CHANGES_ACCESS: ClassVar[bool] = False  # rows decide who reads which inboxes (roles, delegations, sub-units)

    @classmethod
    @abstractmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        """The record, or `BadUserInput` naming every bad field."""

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def key(self) -> tuple[Any, ...]:
        """Identifies the row: two rows of one file with the same key are duplicates."""
        return tuple(getattr(self, name) for name in self.CONFLICT)

    def identity(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.CONFLICT}


@dataclass(frozen=True, slots=True)
class PersonRecord(Record):
    COLUMNS = ("nationalIdentityNumber", "name")
    REQUIRED = COLUMNS
    CONFLICT = ("national_identity_number",)
    UPDATE = ("name",)

    national_identity_number: str
    name: str

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(f.person("nationalIdentityNumber"), f.text("name"))
        f.done()
        return record


@dataclass(frozen=True, slots=True)
class OrganizationRecord(Record):
    COLUMNS = ("organizationNumber", "name", "parentOrganizationNumber")
    REQUIRED = ("organizationNumber", "name")
    CONFLICT = ("organization_number",)
    UPDATE = ("name", "parent_organization_number")
    CHANGES_ACCESS = True

    organization_number: str
    name: str
    parent_organization_number: str | None

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(
            f.organization("organizationNumber"), f.text("name"), f.optional_organization("parentOrganizationNumber")
        )
        if record.parent_organization_number and record.parent_organization_number == record.organization_number:
            f.fail("parentOrganizationNumber", "An organization cannot be its own parent.")
        f.done()
        return record


@dataclass(frozen=True, slots=True)
class ResourceRecord(Record):
    COLUMNS = (
        "resourceId",
        "ownerOrganizationNumber",
        "titleNb",
        "titleNn",
        "titleEn",
        "isConfidential",
        "retentionDays",
    )
    REQUIRED = ("resourceId", "ownerOrganizationNumber", "titleNb")
    CONFLICT = ("resource_id",)
    UPDATE = ("owner_organization_number", "title_nb", "title_nn", "title_en", "is_confidential", "retention_days")

    resource_id: str
    owner_organization_number: str
    title_nb: str
    title_nn: str | None
    title_en: str | None
    is_confidential: bool
    retention_days: int | None

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(
            resource_id=f.resource_id("resourceId"),
            owner_organization_number=f.organization("ownerOrganizationNumber"),
            title_nb=f.text("titleNb"),
            title_nn=f.optional_text("titleNn"),
            title_en=f.optional_text("titleEn"),
            is_confidential=f.boolean("isConfidential", default=False),
            retention_days=f.integer("retentionDays", minimum=1, maximum=MAX_RETENTION_DAYS),
        )
        f.done()
        return record


@dataclass(frozen=True, slots=True)
class RoleRecord(Record):
    COLUMNS = ("nationalIdentityNumber", "organizationNumber", "roleCode")
    REQUIRED = COLUMNS
    CONFLICT = ("national_identity_number", "organization_number", "role_code")
    CHANGES_ACCESS = True

    national_identity_number: str
    organization_number: str
    role_code: str

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(
            f.person("nationalIdentityNumber"),
            f.organization("organizationNumber"),
            f.pattern("roleCode", _ROLE_CODE, "1–16 letters, digits, _ or -, such as DAGL.", upper=True),
        )
        f.done()
        return record


@dataclass(frozen=True, slots=True)
class DelegationRecord(Record):
    COLUMNS = ("nationalIdentityNumber", "organizationNumber", "resourceId")
    REQUIRED = COLUMNS
    CONFLICT = ("national_identity_number", "organization_number", "resource_id")
    CHANGES_ACCESS = True

    national_identity_number: str
    organization_number: str
    resource_id: str

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(
            f.person("nationalIdentityNumber"),
            f.organization("organizationNumber"),
            f.resource_id("resourceId"),
        )
        f.done()
        return record


@dataclass(frozen=True, slots=True)
class ContactRecord(Record):
    COLUMNS = ("nationalIdentityNumber", "email", "mobile", "reserved", "lastConfirmed")
    REQUIRED = ("nationalIdentityNumber",)
    CONFLICT = ("national_identity_number",)
    UPDATE = ("email", "mobile", "reserved", "last_confirmed")

    national_identity_number: str
    email: str | None
    mobile: str | None
    reserved: bool
    last_confirmed: datetime | None

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(
            f.person("nationalIdentityNumber"),
            f.email("email"),
            f.mobile("mobile"),
            f.boolean("reserved", default=False),
            f.timestamp("lastConfirmed"),
        )
        f.done()
        return record


@dataclass(frozen=True, slots=True)
class OrganizationAddressRecord(Record):
    """One business notification address: an e-mail or a mobile, one per row."""

    COLUMNS = ("organizationNumber", "email", "mobile")
    REQUIRED = ("organizationNumber",)
    CONFLICT = ("organization_number", "address_type", "address")

    organization_number: str
    address_type: AddressType
    address: str

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        orgno = f.organization("organizationNumber")
        email, mobile = f.email("email"), f.mobile("mobile")
        given = [name for name in ("email", "mobile") if f.present(name)]
        if not given:
            f.fail("email", "Give an e-mail address or a mobile number.")
        elif len(given) == 2:
            f.fail("mobile", "One address per entry: give an e-mail address or a mobile number, not both.")
        f.done()
        if email is not None:
            return cls(orgno, AddressType.EMAIL, email)
        return cls(orgno, AddressType.SMS, mobile or "")


@dataclass(frozen=True, slots=True)
class UserAddressRecord(Record):
    COLUMNS = ("nationalIdentityNumber", "organizationNumber", "email", "mobile")
    REQUIRED = ("nationalIdentityNumber", "organizationNumber")
    CONFLICT = ("national_identity_number", "organization_number")
    UPDATE = ("email", "mobile")

    national_identity_number: str
    organization_number: str
    email: str | None
    mobile: str | None

    @classmethod
    def parse(cls, raw: Raw, prefix: str = "") -> Self:
        f = Fields(raw, prefix)
        record = cls(
            f.person("nationalIdentityNumber"),
            f.organization("organizationNumber"),
            f.email("email"),
            f.mobile("mobile"),
        )
        if not (f.present("email") or f.present("mobile")):
            f.fail("email", "Give an e-mail address, a mobile number, or both.")
        f.done()
        return record


# The import kinds of contract §9, in the order a full load would use them.
RECORDS: dict[str, type[Record]] = {
    "persons": PersonRecord,
    "organizations": OrganizationRecord,
    "resources": ResourceRecord,
    "roles": RoleRecord,
    "delegations": DelegationRecord,
    "contacts": ContactRecord,
    "org-addresses": OrganizationAddressRecord,
    "user-addresses": UserAddressRecord,
}
