"""Attachment test fixtures: resources owned by two agencies, and helpers for the two upload paths."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis

from correspondence.app import create_app
from correspondence.registry.models import Organization, Resource
from correspondence.settings import Settings
from tests.attachment.support import FOREIGN_RESOURCE, RESOURCE
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, GraphQLClient


@pytest.fixture
async def resources(db_clean: str) -> None:
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Organization.create(organization_number=ORG_AGENCY_2, name="Tolletaten")
    await Resource.create(resource_id=RESOURCE, owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    await Resource.create(resource_id=FOREIGN_RESOURCE, owner_organization_number=ORG_AGENCY_2, title_nb="Tollbrev")


ClientFactory = Callable[..., AbstractAsyncContextManager[GraphQLClient]]


@pytest.fixture
def client_with(settings: Settings, redis_pool: ArqRedis) -> ClientFactory:
    """A client of an app whose settings differ from the defaults (smaller limits, other master keys)."""

    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[GraphQLClient]:
        app = create_app(settings.model_copy(update=overrides))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            yield GraphQLClient(http)

    return make
