"""The engine interface: text in, mono int16 PCM out."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

#: Bump when narrate changes the samples an engine gives for the same text and identity()
#: (piper_seed's noise generator, how calls are made): it is part of every sentence-cache key.
SYNTHESIS_VERSION = "1"


@runtime_checkable
class Engine(Protocol):
    """A speech engine built from a voice profile.

    `sample_rate` and `max_chars` must be known without loading a model, so the pipeline can
    plan chunks before any synthesis. Expensive state loads on the first `synthesize` call and
    is kept for the life of the engine (one per process).
    """

    name: str
    sample_rate: int
    max_chars: int
    #: True when calls go over the network: run them in threads, not processes.
    remote: bool

    def synthesize(self, text: str) -> np.ndarray:
        """Speak `text`; returns mono int16 samples at `sample_rate`."""
        ...

    def identity(self) -> str:
        """What makes this engine's audio what it is (model, options): part of cache keys."""
        ...
