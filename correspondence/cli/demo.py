"""`correspondence demo`: load the demo world and show how to call the service as each demo actor."""

from __future__ import annotations

import typer
from tortoise import Tortoise

from correspondence.cli.environment import load_settings
from correspondence.kit import db
from correspondence.registry import demo as demo_world
from correspondence.settings import Settings

DEFAULT_URL = "http://127.0.0.1:8000"
EXAMPLE_QUERY = "{ me { actorType name parties { party name roles canReadConfidential } } }"


def demo() -> None:
    """Load the demo world (re-runnable: entries are upserted) and print a token per actor."""
    settings = load_settings(dev_mode_default=True)
    db.migrate(settings.effective_database_url)
    load_demo_world(settings)
    typer.echo("Demo world loaded.")
    print_access(settings, DEFAULT_URL)


def load_demo_world(settings: Settings) -> None:
    async def load() -> None:
        # An ORM context of its own (no global fallback), so loading never disturbs one this process runs.
        await Tortoise.init(config=db.tortoise_config(settings.effective_database_url))
        try:
            await demo_world.load_world()
        finally:
            await Tortoise.close_connections()

    db.run_isolated(load())


def print_access(settings: Settings, base_url: str) -> None:
    """Where to click, a token per demo actor, and an example query."""
    tokens = demo_world.actor_tokens(settings)
    lines = [
        f"GraphiQL: {base_url}/graphql" + ("" if settings.dev_mode else " (served in dev mode only)"),
        f"Tokens (valid {demo_world.TOKEN_TTL_SECONDS // 3600} h; send as `Authorization: Bearer <token>`):",
    ]
    for description, token in tokens:
        lines += [f"  {description}", f"    {token}"]
    lines += [
        f"Example query, as {demo_world.ACTORS[1].description.split(':')[0]}:",
        f"  TOKEN={tokens[1][1]}",
        f"  curl -s {base_url}/graphql -H 'Content-Type: application/json' -H \"Authorization: Bearer $TOKEN\" \\",
        f'    -d \'{{"query": "{EXAMPLE_QUERY}"}}\'',
    ]
    typer.echo("\n".join(lines))
