"""The `correspondence` command: one sub-command per operator task (contract §9)."""

from __future__ import annotations

import typer

from correspondence.cli import attachment, demo, operations, registry, run, serve, storage

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Correspondence: secure digital letters.")
app.command("run")(run.run)
app.command("api")(serve.api)
app.command("worker")(serve.worker)
app.command("migrate")(operations.migrate)
app.command("token")(operations.token)
app.command("import")(registry.import_command)
app.command("demo")(demo.demo)
app.command("rotate-keys")(attachment.rotate_keys)
app.add_typer(storage.app, name="storage")
