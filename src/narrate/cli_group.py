"""The `narrate` command group: `narrate ARTICLE` routed to `narrate speak ARTICLE`, and
narrate's own errors turned into one line on stderr and an exit code."""

from __future__ import annotations

from typing import Any

import click
import typer
from typer.core import TyperGroup

from narrate.errors import NarrateError
from narrate.terminal import for_terminal

DEFAULT_COMMAND = "speak"


class NarrateGroup(TyperGroup):
    """Routes `narrate ARTICLE` to the default command and turns NarrateError into one line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        top_level_only = {"--help", "-h", "--version"}
        if (
            first is not None
            and first not in self.commands
            and not (set(args[: args.index(first)]) & top_level_only)
        ):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NarrateError as error:
            typer.echo(f"narrate: error: {for_terminal(str(error))}", err=True)
            raise SystemExit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("narrate: interrupted; nothing half-written was kept", err=True)
            raise SystemExit(130) from None
