"""Attachment test fixtures: resources owned by two agencies, and two persons to send to."""

from __future__ import annotations

import pytest

from correspondence.registry.models import Organization, Person, Resource
from tests.attachment.support import FOREIGN_RESOURCE, RESOURCE
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, PERSON_A, PERSON_B


@pytest.fixture
async def resources(db_clean: str) -> None:
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Organization.create(organization_number=ORG_AGENCY_2, name="Tolletaten")
    await Resource.create(resource_id=RESOURCE, owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    await Resource.create(resource_id=FOREIGN_RESOURCE, owner_organization_number=ORG_AGENCY_2, title_nb="Tollbrev")


@pytest.fixture
async def people(db_clean: str) -> None:
    await Person.create(national_identity_number=PERSON_A, name="Kari Nordmann")
    await Person.create(national_identity_number=PERSON_B, name="Ola Nordmann")
