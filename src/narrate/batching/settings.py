"""How a batch runs: its settings (the narration settings every post shares, and which
posts), their check, and the executor it speaks with unless given another."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from narrate.engines.base import Engine
from narrate.errors import UsageError
from narrate.planning import NarrationSettings
from narrate.publish.feed import FeedChannel
from narrate.speaking.chunks import Executor
from narrate.speaking.speaker import open_executor
from narrate.voices import Voice

#: Builds the executor a batch speaks with: (voice, engine) -> Executor.
ExecutorFactory = Callable[[Voice, Engine], Executor]


@dataclass(frozen=True)
class BatchSettings:
    """How to run a batch: the narration settings every post shares, and which posts."""

    narration: NarrationSettings = NarrationSettings()
    force: bool = False  # narrate every post, changed or not
    dry_run: bool = False  # list what would be narrated; write nothing
    since: str | None = None  # ISO date: leave out posts dated before it
    limit: int | None = None  # narrate at most this many posts
    base_url: str | None = None  # where the output folder is served (feed enclosures)
    cluster: str | None = None  # a Dask scheduler (tcp://HOST:8786) or local:N for synthesis
    channel: FeedChannel = FeedChannel()


def checked(settings: BatchSettings) -> BatchSettings:
    """`settings`, or UsageError naming the option that is wrong."""
    if settings.since:
        try:
            date.fromisoformat(settings.since)
        except ValueError:
            raise UsageError(f"--since {settings.since!r}: give a date as YYYY-MM-DD") from None
    if settings.limit is not None and settings.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if settings.base_url and not settings.base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url {settings.base_url!r}: give an http(s) address")
    return settings


def default_executor_factory(settings: BatchSettings) -> ExecutorFactory:
    """The local pool, or the Dask cluster named by the settings."""

    def executor(voice: Voice, engine: Engine) -> Executor:
        return open_executor(
            voice, engine, jobs=settings.narration.jobs,
            cluster=settings.cluster or settings.narration.cluster,
        )  # fmt: skip

    return executor
