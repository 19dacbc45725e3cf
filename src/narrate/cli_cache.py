"""`narrate cache info` and `narrate cache clear`: the sentence cache's commands."""

from __future__ import annotations

from typing import Annotated

import typer

from narrate.cli_options import CacheDirOption, ConfigOption

cache_app = typer.Typer(
    help="The sentence cache: `narrate cache info`, `narrate cache clear`.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain click help, as for narrate itself
)


@cache_app.command("info")
def cache_info_command(
    cache_dir: CacheDirOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """Show the cache folder, its entries and their size."""
    from narrate.cli_render import cache_report
    from narrate.cli_settings import narration_settings
    from narrate.speaking.store import cache_info

    info = cache_info(narration_settings(config, cache_dir=cache_dir).cache_dir)
    for line in cache_report(info, as_json=as_json):
        typer.echo(line.text, err=line.err)


@cache_app.command("clear")
def cache_clear_command(cache_dir: CacheDirOption = None, config: ConfigOption = None) -> None:
    """Remove every cached sentence."""
    from narrate.cli_settings import narration_settings
    from narrate.speaking.store import clear_cache

    directory, removed = clear_cache(narration_settings(config, cache_dir=cache_dir).cache_dir)
    typer.echo(f"removed {removed} entries from {directory}")
