"""The per-request (or per-websocket-message) GraphQL context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from starlette.requests import HTTPConnection
from strawberry.dataloader import DataLoader

from correspondence.access.actor import Actor
from correspondence.access.cache import access_of
from correspondence.access.grants import AccessScope
from correspondence.attachment.content import vault
from correspondence.attachment.links import LinkSigner
from correspondence.kit import clock
from correspondence.kit.errors import Unauthenticated
from correspondence.settings import Settings

L = TypeVar("L", bound=DataLoader[Any, Any])


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
    # Websockets only: the `connection_init` payload, when the token expires (epoch seconds), and how the
    # server closes the connection (code, reason) without waiting.
    connection_params: dict[str, Any] = field(default_factory=dict)
    token_expires_at: float | None = None
    close_connection: Callable[[int, str], None] | None = None
    _link_signer: LinkSigner | None = None

    def for_operation(self) -> Context:
        """The context of one operation on a websocket: the connection's caller, with loaders and per-request
        values of its own. The connection's context lives as long as the socket; rows its loaders cached, or
        concurrent operations' loaders, must never answer another operation."""
        return replace(self, loaders=Loaders(), _link_signer=None)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise self.auth_error or Unauthenticated("A bearer token is required.")
        return self.actor

    async def access(self) -> AccessScope:
        """Judged anew for every operation, never kept in the context: a websocket's context lives as long as
        the connection, and a revoked role or delegation must stop the next operation on it. The process's access
        cache makes asking again cheap."""
        return await access_of(self.require_actor())

    def link_signer(self) -> LinkSigner:
        """One per request: every download link of a page carries the same claims and expiry."""
        if self._link_signer is None:
            self._link_signer = LinkSigner(vault(self.settings).keyring, self.require_actor(), clock.now())
        return self._link_signer
