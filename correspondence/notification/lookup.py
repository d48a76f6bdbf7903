"""Recipient lookup (contract §5): from an order's recipients to the addresses to notify, one per address and channel.

Runs at order time (for the `recipientLookup` answer) and again when the order is processed, so a reservation or
an address registered in between counts. Sources: the contact register (KRR: reservation, staleness) for persons,
business notification addresses for organizations, and, when a resource is named, the addresses that persons with
access to it registered for the organization. For a confidential correspondence, and for a standalone order
naming a confidential resource, only persons with access are notified: no business address, no raw address.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from correspondence.access.batch import OrganizationReaders
from correspondence.kit.contact_points import InvalidContactPoint, email_key, normalize_email, normalize_mobile
from correspondence.kit.identifiers import organization_urn, person_urn
from correspondence.kit.turns import in_turns
from correspondence.notification.enums import DeliveryChannel, NotificationChannel, NotificationResult
from correspondence.notification.schedule import months_before
from correspondence.registry import repository as registry_repository
from correspondence.registry.records import AddressType, ContactRecord, OrganizationAddressRecord, UserAddressRecord

STALE_AFTER_MONTHS = 18


class LookupStatus(StrEnum):
    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class Recipient:
    """One recipient of an order: a person, an organization, or raw addresses (e-mail and/or mobile)."""

    national_identity_number: str | None = None
    organization_number: str | None = None
    email_address: str | None = None
    mobile_number: str | None = None

    @property
    def label(self) -> str:
        """How the lookup summary names this recipient."""
        return (
            self.national_identity_number or self.organization_number or self.email_address or self.mobile_number or ""
        )

    def to_json(self) -> dict[str, str]:
        values = {
            "nationalIdentityNumber": self.national_identity_number,
            "organizationNumber": self.organization_number,
            "emailAddress": self.email_address,
            "mobileNumber": self.mobile_number,
        }
        return {k: v for k, v in values.items() if v}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recipient:
        return cls(
            national_identity_number=data.get("nationalIdentityNumber"),
            organization_number=data.get("organizationNumber"),
            email_address=data.get("emailAddress"),
            mobile_number=data.get("mobileNumber"),
        )


@dataclass(frozen=True, slots=True)
class Target:
    """A notification to create: an address on a channel, or a failed one (no address) saying why."""

    channel: DeliveryChannel
    address: str | None
    recipient: str | None  # party URN, if the recipient is a registered party
    recipient_name: str | None
    result: NotificationResult = NotificationResult.NEW
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class LookupRequest:
    recipients: list[Recipient]
    channel: NotificationChannel
    now: datetime
    resource_id: str | None = None
    ignore_reservation: bool = False
    use_stale_contact_information: bool = False
    # For a confidential correspondence: its recipient's URN; only persons with access to it are notified.
    confidential_for: str | None = None
    # A standalone order naming a confidential resource: the same rule, each recipient organization being the
    # inbox that persons need access to (a person recipient reads their own).
    confidential_resource: bool = False

    @property
    def confidential(self) -> bool:
        return self.confidential_for is not None or self.confidential_resource


@dataclass
class LookupResult:
    targets: list[Target] = field(default_factory=list)
    reserved: list[str] = field(default_factory=list)
    missing_contact: list[str] = field(default_factory=list)
    recipients: int = 0

    @property
    def status(self) -> LookupStatus:
        failed = len(set(self.reserved) | set(self.missing_contact))
        if failed == 0:
            return LookupStatus.SUCCESS
        return LookupStatus.FAILED if failed >= self.recipients else LookupStatus.PARTIAL_SUCCESS

    def summary(self) -> dict[str, Any]:
        return {"status": self.status.value, "isReserved": self.reserved, "missingContact": self.missing_contact}

    @property
    def sendable(self) -> list[Target]:
        return [t for t in self.targets if t.result is NotificationResult.NEW]


@dataclass
class _Contacts:
    emails: list[str] = field(default_factory=list)
    mobiles: list[str] = field(default_factory=list)


def choose_channels(channel: NotificationChannel, contacts: _Contacts) -> list[tuple[DeliveryChannel, str]]:
    """The addresses one recipient is notified on; a preferred channel falls back to the other when missing."""
    emails = [(DeliveryChannel.EMAIL, a) for a in contacts.emails]
    mobiles = [(DeliveryChannel.SMS, a) for a in contacts.mobiles]
    match channel:
        case NotificationChannel.EMAIL:
            return emails
        case NotificationChannel.SMS:
            return mobiles
        case NotificationChannel.EMAIL_PREFERRED:
            return emails or mobiles
        case NotificationChannel.SMS_PREFERRED:
            return mobiles or emails
        case NotificationChannel.EMAIL_AND_SMS:
            return emails + mobiles


def primary_channel(channel: NotificationChannel) -> DeliveryChannel:
    return (
        DeliveryChannel.SMS
        if channel in (NotificationChannel.SMS, NotificationChannel.SMS_PREFERRED)
        else DeliveryChannel.EMAIL
    )


async def lookup(request: LookupRequest) -> LookupResult:
    (result,) = await lookup_many([request])
    return result


async def lookup_many(requests: Sequence[LookupRequest]) -> list[LookupResult]:
    """The lookups of many orders (a processing batch): the register is read once, in a few set-based queries,
    for all requests alike in resource, confidentiality and time; the answers are each request's own."""
    groups: dict[tuple[str | None, bool, datetime], list[int]] = {}
    for index, request in enumerate(requests):
        groups.setdefault((request.resource_id, request.confidential, request.now), []).append(index)
    results: dict[int, LookupResult] = {}
    for indexes in groups.values():
        registry = await _Registry.load([requests[index] for index in indexes])
        async for turn in in_turns(indexes):  # a send's 500 lookups hold the event loop a turn at a time
            for index in turn:
                results[index] = _lookup(requests[index], registry)
    return [results[index] for index in range(len(requests))]


def _lookup(request: LookupRequest, registry: _Registry) -> LookupResult:
    result = LookupResult(recipients=len({r.label for r in request.recipients}))
    seen: set[tuple[DeliveryChannel, str]] = set()

    def add(recipient: Recipient, groups: list[tuple[_Contacts, str | None, str | None]]) -> None:
        found = False
        for contacts, party, name in groups:
            for channel, address in choose_channels(request.channel, contacts):
                found = True
                key = (channel, email_key(address) if channel is DeliveryChannel.EMAIL else address)
                if key not in seen:
                    seen.add(key)
                    result.targets.append(Target(channel, address, party, name))
        if not found:
            _missing(result, request, recipient)

    for recipient in request.recipients:
        if recipient.national_identity_number:
            pid = recipient.national_identity_number
            if request.confidential_for and not registry.may_read(pid, request.confidential_for):
                continue
            contact = registry.contacts.get(pid)
            if contact is not None and contact.reserved and not request.ignore_reservation:
                result.reserved.append(pid)
                result.targets.append(
                    Target(
                        primary_channel(request.channel),
                        None,
                        person_urn(pid),
                        registry.person_names.get(pid),
                        NotificationResult.FAILED_RECIPIENT_RESERVED,
                        "The person has reserved against digital contact.",
                    )
                )
                continue
            usable = contact is not None and (request.use_stale_contact_information or not registry.is_stale(contact))
            contacts = _contacts_of(contact) if usable and contact is not None else _Contacts()
            add(recipient, [(contacts, person_urn(pid), registry.person_names.get(pid))])
        elif recipient.organization_number:
            add(recipient, registry.organization_groups(recipient.organization_number, request))
        elif not request.confidential:  # a raw address is nobody with access
            raw = _Contacts(
                emails=[recipient.email_address] if recipient.email_address else [],
                mobiles=[recipient.mobile_number] if recipient.mobile_number else [],
            )
            add(recipient, [(raw, None, None)])
    return result


async def names_confidential_resource(resource_id: str | None) -> bool:
    """Whether a standalone order's resource is confidential; asked again at send time, as the lookup is."""
    if resource_id is None:
        return False
    resource = await registry_repository.resource(resource_id)
    return resource is not None and resource.is_confidential


def _missing(result: LookupResult, request: LookupRequest, recipient: Recipient) -> None:
    result.missing_contact.append(recipient.label)
    party = (
        person_urn(recipient.national_identity_number)
        if recipient.national_identity_number
        else organization_urn(recipient.organization_number)
        if recipient.organization_number
        else None
    )
    result.targets.append(
        Target(
            primary_channel(request.channel),
            None,
            party,
            None,
            NotificationResult.FAILED_RECIPIENT_NOT_IDENTIFIED,
            "No contact details for the chosen channel.",
        )
    )


def _emails(values: Iterable[str | None]) -> list[str]:
    out = []
    for value in values:
        if value:
            try:
                out.append(normalize_email(value))
            except InvalidContactPoint:
                continue  # a broken registry entry is no address
    return out


def _mobiles(values: Iterable[str | None]) -> list[str]:
    out = []
    for value in values:
        if value:
            try:
                out.append(normalize_mobile(value, from_registry=True))
            except InvalidContactPoint:
                continue
    return out


def _contacts_of(contact: ContactRecord) -> _Contacts:
    return _Contacts(_emails([contact.email]), _mobiles([contact.mobile]))


@dataclass
class _Registry:
    """Everything the lookup needs, read in a few queries for all recipients at once."""

    stale_before: datetime
    contacts: dict[str, ContactRecord]
    person_names: dict[str, str]
    organization_names: dict[str, str]
    business: dict[str, list[OrganizationAddressRecord]]
    readers: OrganizationReaders | None  # who may read the resource, when the order names one or is confidential
    user_addresses: dict[str, list[UserAddressRecord]]
    confidential_resource: bool

    @classmethod
    async def load(cls, requests: Sequence[LookupRequest]) -> _Registry:
        """For requests alike in resource, confidentiality and time (`lookup_many` groups them so)."""
        request = requests[0]
        recipients = [r for each in requests for r in each.recipients]
        pids = {r.national_identity_number for r in recipients if r.national_identity_number}
        orgnos = {r.organization_number for r in recipients if r.organization_number}
        for each in requests:
            if each.confidential_for and each.confidential_for.startswith(organization_urn("")):
                orgnos.add(each.confidential_for.removeprefix(organization_urn("")))
        organizations = await registry_repository.organizations(orgnos) if orgnos else []
        business: dict[str, list[OrganizationAddressRecord]] = {}
        readers: OrganizationReaders | None = None
        user_addresses: dict[str, list[UserAddressRecord]] = {}
        if orgnos:
            for address in await registry_repository.organization_addresses(orgnos):
                business.setdefault(address.organization_number, []).append(address)
        if orgnos and (request.resource_id or any(each.confidential_for for each in requests)):
            readers = await OrganizationReaders.load(orgnos, request.resource_id)
            for entry in await registry_repository.user_addresses_in(orgnos):
                user_addresses.setdefault(entry.organization_number, []).append(entry)
        people = pids | {e.national_identity_number for entries in user_addresses.values() for e in entries}
        return cls(
            stale_before=months_before(request.now, STALE_AFTER_MONTHS),
            contacts={c.national_identity_number: c for c in await registry_repository.contacts(pids)} if pids else {},
            person_names=await registry_repository.person_names(people) if people else {},
            organization_names={o.organization_number: o.name for o in organizations},
            business=business,
            readers=readers,
            user_addresses=user_addresses,
            confidential_resource=request.confidential,
        )

    def is_stale(self, contact: ContactRecord) -> bool:
        return contact.last_confirmed is not None and contact.last_confirmed < self.stale_before

    def has_access(self, pid: str, orgno: str) -> bool:
        """Whether the person may read the named resource in the organization's inbox (contract §2)."""
        return self.readers is not None and self.readers.may_read(pid, orgno, self.confidential_resource)

    def may_read(self, pid: str, party: str) -> bool:
        if party == person_urn(pid):
            return True
        return party.startswith(organization_urn("")) and self.has_access(pid, party.removeprefix(organization_urn("")))

    def organization_groups(self, orgno: str, request: LookupRequest) -> list[tuple[_Contacts, str | None, str | None]]:
        groups: list[tuple[_Contacts, str | None, str | None]] = []
        name = self.organization_names.get(orgno)
        if not request.confidential:
            entries = self.business.get(orgno, [])
            business = _Contacts(
                _emails(a.address for a in entries if a.address_type is AddressType.EMAIL),
                _mobiles(a.address for a in entries if a.address_type is AddressType.SMS),
            )
            groups.append((business, organization_urn(orgno), name))
        if request.resource_id or request.confidential_for:
            for entry in self.user_addresses.get(orgno, []):
                pid = entry.national_identity_number
                if self.has_access(pid, orgno):
                    contacts = _Contacts(_emails([entry.email]), _mobiles([entry.mobile]))
                    groups.append((contacts, person_urn(pid), self.person_names.get(pid)))
        return groups
