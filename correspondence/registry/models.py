"""Local copies of the national registries (contract §2).

Keys are the national identifiers themselves, with no foreign keys between registries: each registry is loaded
on its own schedule and in any order, exactly as the real copies are.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from correspondence.registry.records import AddressType as AddressType


class Person(Model):
    national_identity_number = fields.CharField(pk=True, max_length=11)
    name = fields.CharField(max_length=255)

    class Meta:
        table = "person"


class Organization(Model):
    organization_number = fields.CharField(pk=True, max_length=9)
    name = fields.CharField(max_length=255)
    parent_organization_number = fields.CharField(max_length=9, null=True, db_index=True)

    class Meta:
        table = "organization"


class Resource(Model):
    resource_id = fields.CharField(pk=True, max_length=255)
    owner_organization_number = fields.CharField(max_length=9, db_index=True)
    title_nb = fields.CharField(max_length=255)
    title_nn = fields.CharField(max_length=255, null=True)
    title_en = fields.CharField(max_length=255, null=True)
    is_confidential = fields.BooleanField(default=False)
    retention_days = fields.IntField(null=True)

    class Meta:
        table = "resource"


class Role(Model):
    id = fields.IntField(pk=True)
    national_identity_number = fields.CharField(max_length=11)  # indexed by the unique constraint it leads
    organization_number = fields.CharField(max_length=9, db_index=True)
    role_code = fields.CharField(max_length=16)

    class Meta:
        table = "role"
        unique_together = (("national_identity_number", "organization_number", "role_code"),)


class Delegation(Model):
    id = fields.IntField(pk=True)
    national_identity_number = fields.CharField(max_length=11)  # indexed by the unique constraint it leads
    organization_number = fields.CharField(max_length=9, db_index=True)
    resource_id = fields.CharField(max_length=255)

    class Meta:
        table = "delegation"
        unique_together = (("national_identity_number", "organization_number", "resource_id"),)


class Contact(Model):
    """The contact and reservation register (KRR)."""

    national_identity_number = fields.CharField(pk=True, max_length=11)
    email = fields.CharField(max_length=320, null=True)
    mobile = fields.CharField(max_length=20, null=True)
    reserved = fields.BooleanField(default=False)
    last_confirmed = fields.DatetimeField(null=True)

    class Meta:
        table = "contact"


class OrganizationNotificationAddress(Model):
    """The business notification address register: one row per address."""

    id = fields.IntField(pk=True)
    organization_number = fields.CharField(max_length=9)  # indexed by the unique constraint it leads
    address_type = fields.CharEnumField(AddressType, max_length=8)
    address = fields.CharField(max_length=320)

    class Meta:
        table = "organization_notification_address"
        unique_together = (("organization_number", "address_type", "address"),)


class UserNotificationAddress(Model):
    """An address a person registered for notifications about one organization."""

    id = fields.IntField(pk=True)
    national_identity_number = fields.CharField(max_length=11)  # indexed by the unique constraint it leads
    organization_number = fields.CharField(max_length=9, db_index=True)
    email = fields.CharField(max_length=320, null=True)
    mobile = fields.CharField(max_length=20, null=True)

    class Meta:
        table = "user_notification_address"
        unique_together = (("national_identity_number", "organization_number"),)
