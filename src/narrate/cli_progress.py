"""Progress on a terminal with rich: sentences spoken, elapsed time, audio seconds."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from narrate.pipeline import Progress, ProgressCallback


def _silent(_: Progress) -> None:
    pass


@contextlib.contextmanager
def progress_display(quiet: bool) -> Iterator[ProgressCallback]:
    """A progress callback drawing on stderr; silent when quiet or stderr is no terminal."""
    if quiet or not sys.stderr.isatty():
        yield _silent
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
            bar.update(
                task,
                description=event.stage,
                completed=event.done,
                total=event.total or None,
                audio=event.audio_seconds,
            )

        yield update
