"""Configuration for the CLI commands: settings with clear messages when something is missing or invalid."""

from __future__ import annotations

import logging
from typing import NoReturn

import typer
from pydantic import ValidationError

from correspondence.settings import Settings

ENV_PREFIX = "CORRESPONDENCE_"
CONFIGURATION_ERROR = 2


def fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(CONFIGURATION_ERROR)


def load_settings(*, dev_mode_default: bool = False) -> Settings:
    """The settings from the environment; `dev_mode_default` applies when CORRESPONDENCE_DEV_MODE is not set."""
    try:
        settings = Settings()
        if dev_mode_default and "dev_mode" not in settings.model_fields_set:
            settings = Settings(dev_mode=True)
    except ValidationError as error:
        problems = "\n".join(
            f"  {ENV_PREFIX}{'.'.join(str(part) for part in e['loc']).upper()}: {e['msg']}" for e in error.errors()
        )
        fail(f"Invalid configuration:\n{problems}")
    return settings


def require(command: str, missing: dict[str, str]) -> None:
    """Stop at once when any required variable is missing; `missing` maps each missing name to what it is for."""
    if not missing:
        return
    lines = "\n".join(f"  {name}: {purpose}" for name, purpose in missing.items())
    fail(
        f"correspondence {command}: missing configuration:\n{lines}\n"
        f"`{command}` never starts embedded services; for everything on one machine use `correspondence run`."
    )


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
