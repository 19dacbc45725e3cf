"""The timing model: where each sentence, word and chapter sounds in a narration, in samples.

audio/ produces it; tags/ and publish/ read it (chapters, captions, the manifest, the
read-along player).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from narrate.engines.base import WordTiming

if TYPE_CHECKING:  # tags and plans read timings without loading numpy
    import numpy as np


@dataclass(frozen=True)
class Timing:
    """Where one sentence sounds in the narration, in samples; `words` are its spoken words
    at absolute sample positions (empty for engines that give no word timings)."""

    id: str
    text: str
    start: int
    end: int
    words: tuple[WordTiming, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """A stretch of the narration: the introduction, or a heading and what follows it."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Rendered:
    """The joined narration: its sentence and chapter timings and its length, with its mono
    int16 samples when they are held in memory (None when they were streamed to a file)."""

    samples: np.ndarray | None = field(repr=False, compare=False)
    sample_rate: int
    sentences: tuple[Timing, ...]
    chapters: tuple[Chapter, ...]
    #: Length in samples; -1 means len(samples).
    length: int = -1

    @property
    def frames(self) -> int:
        if self.length >= 0 or self.samples is None:
            return max(self.length, 0)
        return len(self.samples)

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate

    def seconds(self, sample: int) -> float:
        return sample / self.sample_rate
