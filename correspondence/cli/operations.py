"""Operator commands that need no running service: migrations and dev tokens."""

from __future__ import annotations

from typing import Annotated

import typer

from correspondence.access.actor import SCOPE_ADMIN, SCOPE_NOTIFICATIONS, SCOPE_READ, SCOPE_SERVICE_OWNER, SCOPE_WRITE
from correspondence.adapters.tokens import mint_dev_token
from correspondence.kit import db
from correspondence.kit.identifiers import (
    InvalidIdentifier,
    validate_national_identity_number,
    validate_organization_number,
)
from correspondence.settings import Settings


def migrate() -> None:
    """Apply every pending database migration."""
    settings = Settings()
    applied = db.migrate(settings.effective_database_url)
    typer.echo(f"Applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else "; up to date."))


def token(
    person: Annotated[str | None, typer.Option(help="National identity number of a person.")] = None,
    service_owner: Annotated[str | None, typer.Option(help="Organization number of a service owner.")] = None,
    system: Annotated[str | None, typer.Option(help="Organization number of an end-user system.")] = None,
    admin: Annotated[bool, typer.Option(help="An administrator token.")] = False,
    scope: Annotated[
        list[str] | None, typer.Option(help="Scopes instead of the actor's defaults (repeatable).")
    ] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.", min=1)] = 3600,
) -> None:
    """Print a token signed by the dev key (last line of output). Only dev-mode services accept it."""
    chosen = [x for x in (person, service_owner, system) if x] + (["admin"] if admin else [])
    if len(chosen) != 1:
        raise typer.BadParameter("Give exactly one of --person, --service-owner, --system, --admin.")
    try:
        claims, default_scopes = _claims(person, service_owner, system)
    except InvalidIdentifier as error:
        raise typer.BadParameter(str(error)) from None
    claims["scope"] = " ".join(scope or default_scopes)
    typer.echo(mint_dev_token(Settings(), claims, ttl))


def _claims(person: str | None, service_owner: str | None, system: str | None) -> tuple[dict[str, object], list[str]]:
    if person:
        return {"pid": validate_national_identity_number(person)}, [SCOPE_READ]
    if service_owner:
        orgno = validate_organization_number(service_owner)
        return {"consumer": f"0192:{orgno}"}, [SCOPE_SERVICE_OWNER, SCOPE_WRITE, SCOPE_NOTIFICATIONS]
    if system:
        return {"consumer": f"0192:{validate_organization_number(system)}"}, [SCOPE_READ]
    return {}, [SCOPE_ADMIN]
