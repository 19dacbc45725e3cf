"""The options several `narrate` commands share, as typer Annotated types."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Project settings file (default ./narrate.toml).")
]
VoiceOption = Annotated[
    str | None,
    typer.Option(
        "--voice",
        "-v",
        help="Voice name or profile .toml (see `narrate voices`); auto: the best voice for "
        "the article's language.",
    ),
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Sentence cache folder (default: the user cache folder)."),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Synthesize every sentence; read and keep no cache.")
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
ClusterOption = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        help="Synthesize on a Dask cluster: tcp://HOST:8786, or local:N worker processes.",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private-network",
        help="Let links and redirects reach private, loopback and link-local addresses.",
    ),
]
IntroOption = Annotated[
    Path | None,
    typer.Option(
        "--intro", help="Audio played before the title (a jingle: any format ffmpeg reads)."
    ),
]
OutroOption = Annotated[
    Path | None, typer.Option("--outro", help="Audio played after the article.")
]
