"""The `narrate` command: a thin typer layer over the library.

`narrate ARTICLE` is short for `narrate speak ARTICLE`; other subcommands sit beside it.
Errors of narrate's own type become one line on stderr: exit 1 for failures, 2 for usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from narrate.cli_cache import cache_app
from narrate.cli_group import NarrateGroup
from narrate.cli_options import (
    AllowPrivateOption,
    CacheDirOption,
    ClusterOption,
    ConfigOption,
    IntroOption,
    JobsOption,
    NoCacheOption,
    OutroOption,
    QuietOption,
    VoiceOption,
)
from narrate.terminal import for_terminal
from narrate.version import __version__

if TYPE_CHECKING:
    from narrate.cli_render import Line

app = typer.Typer(
    cls=NarrateGroup,
    help="Turn written articles into narrated audio, with the AI-assistance disclosure.\n\n"
    "Run `narrate ARTICLE` (a .md, .html or .txt file, or an http(s) URL) to write "
    "output/<slug>.mp3.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain click help: typer's rich help imports rich.markdown and markdown-it (0.15 s of a
    # 0.3 s `--help`); the help text is the same, without boxes.
    rich_markup_mode=None,
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
    jobs: JobsOption = None,
    cluster: ClusterOption = None,
    include_code: Annotated[bool, typer.Option(help="Speak Markdown code blocks.")] = False,
    include_tables: Annotated[bool, typer.Option(help="Speak Markdown tables.")] = False,
    srt: Annotated[
        bool, typer.Option("--srt", help="Also write SubRip captions beside the WebVTT ones.")
    ] = False,
    cover: Annotated[
        Path | None,
        typer.Option(help="Cover art image (JPEG, PNG...); default: the article's lead image."),
    ] = None,
    intro: IntroOption = None,
    outro: OutroOption = None,
    embed_transcript: Annotated[
        bool, typer.Option("--embed-transcript", help="Embed the transcript in the tags.")
    ] = False,
    c2pa_cert: Annotated[
        Path | None,
        typer.Option("--c2pa-cert", help="Sign with C2PA: certificate chain (PEM, leaf first)."),
    ] = None,
    c2pa_key: Annotated[
        Path | None, typer.Option("--c2pa-key", help="Sign with C2PA: private key (PEM).")
    ] = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    allow_private_network: AllowPrivateOption = False,
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
        cluster=cluster,
        include_code=include_code,
        include_tables=include_tables,
        srt=srt,
        cover=cover,
        intro=intro,
        outro=outro,
        embed_transcript=embed_transcript,
        c2pa_cert=c2pa_cert,
        c2pa_key=c2pa_key,
        cache_dir=cache_dir,
        no_cache=no_cache,
        allow_private_network=allow_private_network or None,  # None: narrate.toml's
    )
    with progress_display(quiet) as on_progress:
        result = narrate_article(article, settings, on_progress=on_progress)
    typer.echo(str(result.path))


@app.command("voices")
def voices_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the voices as JSON.")] = False,
    language: Annotated[
        str | None,
        typer.Option("--language", help="Only the voices that speak LANG (e.g. de), best first."),
    ] = None,
) -> None:
    """List the voice profiles: name, engine, language, description."""
    from narrate.cli_render import voices_listing

    echo(voices_listing(language, as_json=as_json))


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
    allow_private_network: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Print exactly what will be spoken: one sentence a line, blocks parted by blank lines."""
    from narrate.cli_settings import narration_settings
    from narrate.errors import UsageError
    from narrate.planning import script_for
    from narrate.text.script_export import script_as_data, script_as_text

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown --format {output_format!r}; choose text or json")
    settings = narration_settings(
        config,
        voice=voice,
        language=language,
        include_code=include_code,
        include_tables=include_tables,
        allow_private_network=allow_private_network or None,  # None: narrate.toml's
    )

    def warn(message: str) -> None:
        typer.echo(f"narrate: warning: {message}", err=True)

    article_data, script = script_for(article, settings, warn=warn)
    if output_format == "json":
        typer.echo(json.dumps(script_as_data(article_data, script), indent=2, ensure_ascii=False))
    else:
        typer.echo(for_terminal(script_as_text(script, spoken=normalized)))


@app.command("inspect")
def inspect_command(
    file: Annotated[Path, typer.Argument(help="An audio file: .mp3, .m4a, .ogg or .wav.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the inspection as JSON.")] = False,
) -> None:
    """Show duration, loudness, tags, chapters and the disclosure; exit 1 when it is missing."""
    from narrate.inspect import inspect_file, inspection_as_text

    inspection = inspect_file(file)
    if as_json:
        typer.echo(json.dumps(inspection.as_data(), indent=2, ensure_ascii=False))
    else:
        typer.echo(inspection_as_text(inspection))
    if not inspection.disclosure.complete:
        typer.echo(f"narrate: {file}: the AI-assistance disclosure is missing", err=True)
        raise typer.Exit(1)


@app.command("batch")
def batch_command(
    sources: Annotated[
        list[str],
        typer.Argument(help="Folders of posts (recursive), globs, RSS/Atom feeds or sitemaps."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output folder (default output/).")
    ] = None,
    voice: VoiceOption = None,
    audio_format: Annotated[
        str | None, typer.Option("--format", "-f", help="mp3 (default), m4a, ogg or wav.")
    ] = None,
    jobs: JobsOption = None,
    force: Annotated[bool, typer.Option("--force", help="Narrate every post again.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be narrated; write nothing.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Only posts dated on or after DATE (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=0, help="Narrate at most N posts.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Address the output folder is served from (feed.xml)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a report as JSON.")] = False,
    cluster: ClusterOption = None,
    intro: IntroOption = None,
    outro: OutroOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    allow_private_network: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Narrate the new and changed posts of SOURCE... and write the podcast feed."""
    from narrate.batching.run import batch
    from narrate.cli_progress import batch_progress_display
    from narrate.cli_settings import batch_settings

    settings = batch_settings(
        config,
        output_dir=output,
        voice=voice,
        audio_format=audio_format,
        jobs=jobs,
        force=force,
        dry_run=dry_run,
        since=since,
        limit=limit,
        base_url=base_url,
        cluster=cluster,
        intro=intro,
        outro=outro,
        cache_dir=cache_dir,
        no_cache=no_cache,
        allow_private_network=allow_private_network or None,  # None: narrate.toml's
    )
    with batch_progress_display(quiet or as_json) as on_progress:
        result = batch(sources, settings, on_progress=on_progress)
    from narrate.cli_render import batch_report

    echo(batch_report(result, as_json=as_json))
    if not result.ok:
        raise typer.Exit(1)


@app.command("player")
def player_command(
    source: Annotated[
        str, typer.Argument(help="A narration's audio (.mp3...) or an article to narrate first.")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (or folder) to write.")
    ] = None,
    page: Annotated[
        bool, typer.Option("--page", help="Write a standalone listening page.")
    ] = False,
    inject: Annotated[
        Path | None,
        typer.Option("--inject", help="Put the player into this HTML page (after its h1)."),
    ] = None,
    selector: Annotated[
        str | None,
        typer.Option("--selector", help="With --inject: the CSS selector to put it after."),
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Address the audio is served from.")
    ] = None,
    script: Annotated[
        bool, typer.Option("--script", help="Write narrate-player.js; print its <script> tag.")
    ] = False,
    voice: VoiceOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    allow_private_network: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Write the audio player for a narration: a snippet, a page, into a page, or a script."""
    from narrate.cli_progress import progress_display
    from narrate.cli_settings import narration_settings
    from narrate.make_player import PlayerOptions, make_player

    settings = narration_settings(
        config,
        voice=voice,
        cache_dir=cache_dir,
        no_cache=no_cache,
        allow_private_network=allow_private_network or None,  # None: narrate.toml's
    )
    options = PlayerOptions(
        output=output, page=page, inject=inject, selector=selector, base_url=base_url, script=script
    )
    with progress_display(quiet) as on_progress:
        result = make_player(source, options, settings, on_progress=on_progress)
    typer.echo(str(result.path))
    if result.tag:
        typer.echo(result.tag)


app.add_typer(cache_app, name="cache")


def echo(lines: Iterable[Line]) -> None:
    """Print what a command renders (narrate.cli_render), each line to its stream."""
    for line in lines:
        typer.echo(for_terminal(line.text), err=line.err)  # a feed's ids and titles too


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # `narrate script x | head`
        sys.stderr.close()
        raise SystemExit(0) from None


from narrate.cli_serve import register as _register_service  # noqa: E402

_register_service(app)
