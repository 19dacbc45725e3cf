"""Progress on a terminal with rich: sentences spoken, elapsed time, audio seconds; for a
batch, posts done and a line per post."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from narrate.batching.report import BatchProgress, BatchProgressCallback
from narrate.pipeline import Progress, ProgressCallback


def _warnings_only(event: Progress) -> None:
    if event.stage == "warning":
        print(f"narrate: warning: {event.message}", file=sys.stderr)


@contextlib.contextmanager
def progress_display(quiet: bool) -> Iterator[ProgressCallback]:
    """A progress callback drawing on stderr; only warnings (a line each) when quiet or
    when stderr is no terminal."""
    if quiet or not sys.stderr.isatty():
        yield _warnings_only
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import (
        Progress as Bar,
    )

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("sentences"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[audio]:.0f} s of audio"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None, audio=0.0)

        def update(event: Progress) -> None:
            if event.stage == "warning":
                bar.console.print(f"narrate: warning: {event.message}", markup=False)
                return
            bar.update(
                task,
                description=event.stage,
                completed=event.done,
                total=event.total or None,
                audio=event.audio_seconds,
            )

        yield update


@contextlib.contextmanager
def batch_progress_display(quiet: bool) -> Iterator[BatchProgressCallback]:
    """One overall bar (posts, sentences, audio minutes, time left) and a line for each post
    narrated or failed, on stderr; nothing when quiet or when stderr is no terminal."""
    if quiet or not sys.stderr.isatty():
        yield _ignore_batch
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("posts"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[sentences]} sentences, {task.fields[minutes]:.1f} min of audio"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("posts", total=None, sentences=0, minutes=0.0)

        def update(event: BatchProgress) -> None:
            bar.update(
                task,
                completed=event.posts_done,
                total=event.posts_total or None,
                sentences=event.sentences_done,
                minutes=event.audio_seconds / 60,
            )
            post = event.post
            if post is None or post.status not in ("narrated", "failed"):
                return
            if post.status == "failed":
                error = escape(post.error or "")
                bar.console.print(f"[red]failed[/]  {escape(post.id)}: {error}", highlight=False)
                return
            seconds = round(post.duration or 0)
            bar.console.print(
                f"[green]narrated[/]  {escape(post.title or post.id)} "
                f"({seconds // 60}:{seconds % 60:02d}) -> {escape(str(post.path))}",
                highlight=False,
            )
            for warning in post.warnings:
                bar.console.print(f"narrate: warning: {warning}", markup=False)

        yield update


def _ignore_batch(_: BatchProgress) -> None:
    pass
