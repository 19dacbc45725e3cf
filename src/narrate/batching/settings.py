"""How a batch runs: its settings (the narration settings every post shares, and which
posts) and their check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from narrate.errors import UsageError
from narrate.planning import NarrationSettings
from narrate.publish.feed import FeedChannel
from narrate.speaking.speaker import ExecutorFactory

__all__ = ["BatchSettings", "ExecutorFactory", "checked"]


@dataclass(frozen=True)
class BatchSettings:
    """How to run a batch: the narration settings every post shares (its voice, where and how
    it is spoken: jobs, cluster, cache), and which posts."""

    narration: NarrationSettings = NarrationSettings()
    force: bool = False  # narrate every post, changed or not
    dry_run: bool = False  # list what would be narrated; write nothing
    since: str | None = None  # ISO date: leave out posts dated before it
    limit: int | None = None  # narrate at most this many posts
    base_url: str | None = None  # where the output folder is served (feed enclosures)
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
