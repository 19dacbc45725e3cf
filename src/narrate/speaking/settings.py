"""How chunks are spoken, as settings: where (this process, local workers, a cluster) and
whether through the sentence cache. Light to import: planning and the CLI build it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SpeakerSettings:
    """Where a speaker's chunks are synthesized, and the sentence cache in front of it."""

    jobs: int | None = None  # local workers (default: all cores; one speaks inline)
    cluster: str | None = None  # a Dask scheduler (tcp://HOST:8786) or local:N
    cache: bool = True  # reuse synthesized chunks (exact: chunks are reproducible)
    cache_dir: Path | None = None  # None: the per-user cache folder (platformdirs)
