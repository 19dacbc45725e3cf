"""`narrate serve` and `narrate watch`: the service commands, registered on the CLI's app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from narrate.cli_options import (
    AllowPrivateOption,
    CacheDirOption,
    ClusterOption,
    ConfigOption,
    VoiceOption,
)

TOKEN_ENV = "NARRATE_TOKEN"
GHOST_SECRET_ENV = "NARRATE_GHOST_SECRET"


def serve_command(
    output_dir: Annotated[Path, typer.Argument(help="Folder for the narrations and the feed.")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", help="Public address of this server (default http://HOST:PORT)."
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help=f"File with the API's bearer token (else ${TOKEN_ENV})."),
    ] = None,
    ghost_secret_file: Annotated[
        Path | None,
        typer.Option(
            "--ghost-secret-file",
            help=f"File with the Ghost webhook's secret (else ${GHOST_SECRET_ENV}).",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Narrations at once (one shared voice).")
    ] = 2,
    max_queued: Annotated[
        int, typer.Option("--max-queued", min=1, help="Queued narrations before 429.")
    ] = 100,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, help="Largest request body in bytes (413).")
    ] = 1_000_000,
    deadline: Annotated[
        float, typer.Option("--deadline", min=1, help="Seconds a narration may take.")
    ] = 600.0,
    grace: Annotated[
        float,
        typer.Option("--grace", min=0, help="On SIGTERM, seconds to finish what runs."),
    ] = 30.0,
    private_files: Annotated[
        bool, typer.Option("--private-files", help="Files need the bearer token too.")
    ] = False,
    voice: VoiceOption = None,
    cluster: ClusterOption = None,
    cache_dir: CacheDirOption = None,
    allow_private_network: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Run the narration service: POST /v1/narrations, files under /audio/, the feed."""
    from narrate.cli_settings import batch_settings
    from narrate.errors import UsageError
    from narrate.service.app import ApiSettings
    from narrate.service.server import ServeSettings, read_secret, serve

    token = read_secret(token_file, TOKEN_ENV)
    if not token:
        raise UsageError(f"give the API's bearer token: --token-file FILE or ${TOKEN_ENV}")
    batch = batch_settings(
        config,
        output_dir=output_dir,
        voice=voice,
        cluster=cluster,
        cache_dir=cache_dir,
        allow_private_network=allow_private_network or None,
    )
    public = (base_url or batch.base_url or f"http://{host}:{port}").rstrip("/")
    api = ApiSettings(
        token=token,
        base_url=public,
        ghost_secret=read_secret(ghost_secret_file, GHOST_SECRET_ENV),
        max_body=max_body,
        max_queued=max_queued,
        private_files=private_files,
    )
    settings = ServeSettings(
        batch=batch, api=api, host=host, port=port, workers=workers, deadline=deadline,
        grace=grace,
    )  # fmt: skip
    said = f"narrate: serving {output_dir} at {public} (feed: {public}/feed.xml)"
    serve(settings, on_start=lambda: typer.echo(said, err=True))


def watch_command(
    sources: Annotated[
        list[str], typer.Argument(help="Folders, globs, RSS/Atom feeds or sitemaps to watch.")
    ],
    every: Annotated[str, typer.Option("--every", help="Time between rounds: 30s, 5m, 1h.")] = "5m",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output folder (default output/).")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Address the output folder is served from.")
    ] = None,
    voice: VoiceOption = None,
    cache_dir: CacheDirOption = None,
    allow_private_network: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Narrate the new and changed posts of SOURCE... every --every, until SIGTERM."""
    from narrate.cli_settings import batch_settings
    from narrate.service.watch import Round, parse_interval, watch

    interval = parse_interval(every)
    settings = batch_settings(
        config,
        output_dir=output,
        voice=voice,
        base_url=base_url,
        cache_dir=cache_dir,
        allow_private_network=allow_private_network or None,
    )

    def report(done: Round) -> None:
        if done.error is not None:
            typer.echo(f"narrate: round {done.number} failed: {done.error}", err=True)
        elif done.result is not None:
            for post in done.result.failed:
                typer.echo(f"narrate: failed: {post.id}: {post.error}", err=True)
            typer.echo(f"round {done.number}: {done.result.summary()}", err=True)

    watch(sources, settings, interval, report)


def register(app: typer.Typer) -> None:
    """Add `serve` and `watch` to the CLI."""
    app.command("serve")(serve_command)
    app.command("watch")(watch_command)
