"""Attachment test fixtures: resources owned by two agencies."""

from __future__ import annotations

import pytest

from correspondence.registry.models import Organization, Resource
from tests.attachment.support import FOREIGN_RESOURCE, RESOURCE
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2


@pytest.fixture
async def resources(db_clean: str) -> None:
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Organization.create(organization_number=ORG_AGENCY_2, name="Tolletaten")
    await Resource.create(resource_id=RESOURCE, owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    await Resource.create(resource_id=FOREIGN_RESOURCE, owner_organization_number=ORG_AGENCY_2, title_nb="Tollbrev")
