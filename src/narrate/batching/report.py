"""What a batch reports: one PostReport per post, progress events while it runs, and the
BatchResult at the end (also as JSON-ready data for `narrate batch --json`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What happened to a post in this run.
NARRATED = "narrated"
FAILED = "failed"
UNCHANGED = "unchanged"
SKIPPED = "skipped"  # before --since, or past --limit
PLANNED = "planned"  # --dry-run: would be narrated


@dataclass(frozen=True)
class PostReport:
    """One post's outcome. `reason` says why it was (or would be) narrated: new, changed,
    settings changed, output missing, failed before, forced; or why it was skipped."""

    id: str
    source: str
    status: str
    reason: str = ""
    title: str | None = None
    path: Path | None = None
    duration: float | None = None
    error: str | None = None
    sentences: int = 0
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "status": self.status,
            "reason": self.reason,
            "title": self.title,
            "path": str(self.path) if self.path else None,
            "duration": round(self.duration, 3) if self.duration is not None else None,
            "error": self.error,
            "sentences": self.sentences,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class BatchProgress:
    """Where a run is: posts dealt with (narrated, unchanged, failed or skipped) of all found,
    sentences spoken and audio seconds written; `post` is set when one has just finished."""

    posts_done: int
    posts_total: int
    sentences_done: int = 0
    audio_seconds: float = 0.0
    post: PostReport | None = None


BatchProgressCallback = Callable[[BatchProgress], None]


@dataclass(frozen=True)
class BatchResult:
    """A whole run: every post's report in source order, the feed written (if any), chunks
    synthesized and read from the sentence cache, and notes for the user."""

    posts: tuple[PostReport, ...]
    output_dir: Path
    feed: Path | None
    elapsed: float
    synthesized: int
    cached: int
    dry_run: bool = False
    notes: tuple[str, ...] = ()

    def with_status(self, status: str) -> tuple[PostReport, ...]:
        return tuple(p for p in self.posts if p.status == status)

    @property
    def failed(self) -> tuple[PostReport, ...]:
        return self.with_status(FAILED)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def audio_seconds(self) -> float:
        return sum(p.duration or 0.0 for p in self.with_status(NARRATED))

    def summary(self) -> str:
        counts = [
            (len(self.with_status(status)), label)
            for status, label in (
                (PLANNED, "to narrate"),
                (NARRATED, "narrated"),
                (UNCHANGED, "unchanged"),
                (SKIPPED, "skipped"),
                (FAILED, "failed"),
            )
        ]
        said = ", ".join(f"{count} {label}" for count, label in counts if count)
        return said or "nothing to narrate"

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "output_dir": str(self.output_dir),
            "feed": str(self.feed) if self.feed else None,
            "elapsed": round(self.elapsed, 3),
            "audio_seconds": round(self.audio_seconds, 3),
            "chunks": {"synthesized": self.synthesized, "cached": self.cached},
            "counts": {
                status: len(self.with_status(status))
                for status in (NARRATED, UNCHANGED, SKIPPED, FAILED, PLANNED)
            },
            "notes": list(self.notes),
            "posts": [p.as_dict() for p in self.posts],
        }
