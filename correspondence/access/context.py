"""The per-request (or per-websocket-message) GraphQL context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from starlette.requests import HTTPConnection
from strawberry.dataloader import DataLoader

from correspondence.access.actor import Actor
from correspondence.access.cache import access_of
from correspondence.access.grants import AccessScope
from correspondence.adapters.rate_limits import FairUse
from correspondence.kit.errors import Unauthenticated
from correspondence.kit.fair_use import LimitClass
from correspondence.settings import Settings

L = TypeVar("L", bound=DataLoader[Any, Any])
T = TypeVar("T")


class Loaders:
    """DataLoaders looked up by class, created on first use, living as long as one request."""

    def __init__(self) -> None:
        self._loaders: dict[type[DataLoader[Any, Any]], DataLoader[Any, Any]] = {}

    def get(self, loader_class: type[L]) -> L:
        loader = self._loaders.get(loader_class)
        if loader is None:
            loader = self._loaders[loader_class] = loader_class()  # type: ignore[call-overload]
        return loader  # type: ignore[return-value]


@dataclass
class Context:
    settings: Settings
    connection: HTTPConnection | None
    actor: Actor | None = None
    auth_error: Unauthenticated | None = None
    loaders: Loaders = field(default_factory=Loaders)
    fair_use: FairUse | None = None  # the process's limits; None counts nothing
    # Websockets only: the `connection_init` payload, when the token expires (epoch seconds), and how the
    # server closes the connection (code, reason) without waiting.
    connection_params: dict[str, Any] = field(default_factory=dict)
    token_expires_at: float | None = None
    close_connection: Callable[[int, str], None] | None = None
    _per_request: dict[Callable[[Context], object], object] = field(default_factory=dict)

    def for_operation(self) -> Context:
        """The context of one operation on a websocket: the connection's caller, with loaders and per-request
        values of its own. The connection's context lives as long as the socket; rows its loaders cached, or
        concurrent operations' loaders, must never answer another operation."""
        return replace(self, loaders=Loaders(), _per_request={})

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise self.auth_error or Unauthenticated("A bearer token is required.")
        return self.actor

    async def take_fair_use(self, limit_class: LimitClass, cost: int = 1) -> None:
        """Count `cost` of the caller's fair use of `limit_class`, or refuse with RATE_LIMITED before anything is
        written."""
        if self.fair_use is not None:
            await self.fair_use.take(limit_class, fair_use_key(self.require_actor()), cost)

    async def access(self) -> AccessScope:
        """Judged anew for every operation, never kept in the context: a websocket's context lives as long as
        the connection, and a revoked role or delegation must stop the next operation on it. The process's access
        cache makes asking again cheap."""
        return await access_of(self.require_actor())

    def per_request(self, factory: Callable[[Context], T]) -> T:
        """What `factory` makes of this context, made on first use and shared by the rest of the request (like
        `loaders`): for what every item of a page must have in common. The factory is the key."""
        if factory not in self._per_request:
            self._per_request[factory] = factory(self)
        return cast("T", self._per_request[factory])


def fair_use_key(actor: Actor) -> str:
    """Whose use it is: the organization (service owners, end-user systems) or the person the token speaks for."""
    return actor.party or actor.kind.value
