"""The `narrate` command: a thin typer layer over the library.

`narrate ARTICLE` is short for `narrate speak ARTICLE`; other subcommands sit beside it.
Errors of narrate's own type become one line on stderr: exit 1 for failures, 2 for usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from narrate import __version__
from narrate.errors import NarrateError

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
            typer.echo(f"narrate: error: {error}", err=True)
            raise SystemExit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("narrate: interrupted; nothing half-written was kept", err=True)
            raise SystemExit(130) from None


app = typer.Typer(
    cls=NarrateGroup,
    help="Turn written articles into narrated audio, with the AI-assistance disclosure.\n\n"
    "Run `narrate ARTICLE` (a .md, .html or .txt file, or an http(s) URL) to write "
    "output/<slug>.mp3.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"narrate {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn written articles into narrated audio, with the AI-assistance disclosure."""


ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Project settings file (default ./narrate.toml).")
]
VoiceOption = Annotated[
    str | None,
    typer.Option("--voice", "-v", help="Voice name or profile .toml (see `narrate voices`)."),
]


@app.command("speak")
def speak_command(
    article: Annotated[
        str, typer.Argument(help="Article: .md, .html, .txt, an http(s) URL, or -.")
    ],
    voice: VoiceOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file, or a folder for <slug>.mp3.")
    ] = None,
    audio_format: Annotated[
        str | None, typer.Option("--format", "-f", help="mp3 (default), m4a, ogg or wav.")
    ] = None,
    bitrate: Annotated[str | None, typer.Option(help="Bit rate, e.g. 64k (CBR).")] = None,
    loudness: Annotated[
        float | None, typer.Option(help="Integrated loudness target in LUFS (default -16).")
    ] = None,
    disclosure: Annotated[
        str | None, typer.Option(help="Disclosure sentence spoken and tagged (never empty).")
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="Read the article as this language (e.g. en).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    include_code: Annotated[bool, typer.Option(help="Speak Markdown code blocks.")] = False,
    include_tables: Annotated[bool, typer.Option(help="Speak Markdown tables.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    config: ConfigOption = None,
) -> None:
    """Narrate ARTICLE to output/<slug>.mp3 (the default command: `narrate ARTICLE`)."""
    from narrate.cli_progress import progress_display
    from narrate.cli_settings import narration_settings
    from narrate.pipeline import narrate_article

    settings = narration_settings(
        config,
        voice=voice,
        output=output,
        audio_format=audio_format,
        bitrate=bitrate,
        loudness=loudness,
        disclosure=disclosure,
        language=language,
        jobs=jobs,
        include_code=include_code,
        include_tables=include_tables,
    )
    with progress_display(quiet) as on_progress:
        result = narrate_article(article, settings, on_progress=on_progress)
    typer.echo(str(result.path))


@app.command("voices")
def voices_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the voices as JSON.")] = False,
) -> None:
    """List the voice profiles: name, engine, language, description."""
    from narrate.voices import DEFAULT_VOICE, available_voices

    voices = available_voices()
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "name": v.name,
                        "engine": v.engine,
                        "language": v.language,
                        "description": v.description,
                        "default": v.name == DEFAULT_VOICE,
                        "path": v.path,
                    }
                    for v in voices.values()
                ],
                indent=2,
            )
        )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("voice", "engine", "language", "description", box=None)
    for v in voices.values():
        name = f"{v.name} (default)" if v.name == DEFAULT_VOICE else v.name
        table.add_row(name, v.engine, v.language, v.description)
    Console(width=max(100, Console().width)).print(table)


@app.command("script")
def script_command(
    article: Annotated[
        str, typer.Argument(help="Article: .md, .html, .txt, an http(s) URL, or -.")
    ],
    voice: VoiceOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text (one sentence a line) or json.")
    ] = "text",
    normalized: Annotated[
        bool, typer.Option("--normalized", help="Show the text after normalization and lexicon.")
    ] = False,
    language: Annotated[str | None, typer.Option(help="Read the article as this language.")] = None,
    include_code: Annotated[bool, typer.Option(help="Speak Markdown code blocks.")] = False,
    include_tables: Annotated[bool, typer.Option(help="Speak Markdown tables.")] = False,
    config: ConfigOption = None,
) -> None:
    """Print exactly what will be spoken: one sentence a line, blocks parted by blank lines."""
    from narrate.cli_settings import narration_settings
    from narrate.errors import UsageError
    from narrate.pipeline import script_for
    from narrate.text.script_export import script_as_data, script_as_text

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown --format {output_format!r}; choose text or json")
    settings = narration_settings(
        config,
        voice=voice,
        language=language,
        include_code=include_code,
        include_tables=include_tables,
    )
    article_data, script = script_for(article, settings)
    if output_format == "json":
        typer.echo(json.dumps(script_as_data(article_data, script), indent=2, ensure_ascii=False))
    else:
        typer.echo(script_as_text(script, spoken=normalized))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # `narrate script x | head`
        sys.stderr.close()
        raise SystemExit(0) from None
