"""What executors pass around: a chunk's outcome (its Speech, or why it has none) and the
Executor seam a cluster or a pool plugs into."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

import numpy as np

from narrate.engines.base import Speech
from narrate.errors import NarrateError

Key = TypeVar("Key", bound=Hashable)

#: Applied to each chunk's samples where it was spoken (in the worker): (samples, rate) ->
#: samples of the same length, so word timings stay true (leveling is such a function).
Finish = Callable[[np.ndarray, int], np.ndarray]


def unchanged(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    return samples


def finished(speech: Speech, finish: Finish, sample_rate: int) -> Speech:
    """`speech` with `finish` applied to its samples; its word timings are kept."""
    return replace(speech, samples=finish(speech.samples, sample_rate))


@dataclass(frozen=True)
class ChunkFailure:
    """Synthesizing one chunk failed: the error, for the caller to raise or to record."""

    error: Exception

    def __str__(self) -> str:
        if isinstance(self.error, NarrateError):
            return str(self.error)
        return f"{type(self.error).__name__}: {self.error}"


#: What an executor yields for each request: the chunk's speech, or why it has none.
Outcome = Speech | ChunkFailure


class Executor(Protocol):
    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        """Synthesize each (key, text); yields (key, outcome) as they finish, in any order.

        `requests` may be a lazy iterator: it is read only as fast as work is taken on, and
        `speak` may be called again on the same executor with more requests. A failure of
        one chunk comes as a ChunkFailure; raising ends the whole run.
        """
        ...

    def close(self) -> None: ...
