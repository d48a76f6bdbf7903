"""Test helpers: dev tokens for each actor, a GraphQL client, an SQL query counter, national numbers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from correspondence.access.actor import SCOPE_ADMIN, SCOPE_NOTIFICATIONS, SCOPE_READ, SCOPE_SERVICE_OWNER, SCOPE_WRITE
from correspondence.adapters.tokens import mint_dev_token
from correspondence.settings import Settings

# Valid test identifiers (correct date parts and check digits).
PERSON_A = "01010112377"
PERSON_B = "02020212317"
PERSON_C = "03030312367"
PERSON_D = "04040412307"
ORG_AGENCY = "974760673"
ORG_COMPANY = "910000004"
ORG_SUBUNIT = "910000012"
ORG_OTHER = "910000020"
ORG_AGENCY_2 = "910000039"


class Tokens:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def mint(self, claims: dict[str, Any], ttl: int = 3600) -> str:
        return mint_dev_token(self.settings, claims, ttl)

    def person(self, pid: str, scopes: tuple[str, ...] = (SCOPE_READ,)) -> str:
        return self.mint({"pid": pid, "scope": " ".join(scopes)})

    def service_owner(
        self, orgno: str, scopes: tuple[str, ...] = (SCOPE_SERVICE_OWNER, SCOPE_WRITE, SCOPE_NOTIFICATIONS)
    ) -> str:
        return self.mint({"consumer": f"0192:{orgno}", "scope": " ".join(scopes)})

    def system(self, orgno: str) -> str:
        return self.mint({"consumer": f"0192:{orgno}", "scope": SCOPE_READ})

    def admin(self) -> str:
        return self.mint({"scope": SCOPE_ADMIN})


@dataclass
class GraphQLResult:
    status: int
    body: dict[str, Any]

    @property
    def data(self) -> Any:
        assert not self.body.get("errors"), self.body.get("errors")
        return self.body["data"]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.errors]

    @property
    def fields(self) -> list[str]:
        return [e.get("extensions", {}).get("field") for e in self.errors]


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> GraphQLResult:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": variables or {}}
        response = await self.http.post("/graphql", json=body, headers=headers)
        return GraphQLResult(response.status_code, response.json())


class QueryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            self.statements.append(message)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries() -> Iterator[QueryCounter]:
    """Counts the SQL statements Tortoise sends (it logs each one at DEBUG on `tortoise.db_client`)."""
    logger = logging.getLogger("tortoise.db_client")
    counter = QueryCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)
