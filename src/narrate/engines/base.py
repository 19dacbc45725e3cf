"""The engine interface: text in, mono int16 PCM out (and, where an engine knows them, when
each spoken word sounds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # planning (`narrate script`) builds engines without loading numpy
    import numpy as np

#: Bump when narrate changes the samples an engine gives for the same text and identity()
#: (piper_seed's noise generator, how calls are made): it is part of every sentence-cache key
#: and of the batch's settings fingerprint.
SYNTHESIS_VERSION = "2"


@dataclass(frozen=True)
class WordTiming:
    """One spoken word of a chunk: its text as the engine spoke it, and where it sounds, in
    samples from the start of the chunk's own audio (before trimming)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Speech:
    """What an engine gives for one chunk: mono int16 samples, and the words' timings when
    the engine knows them (empty for engines that do not, such as gTTS)."""

    samples: np.ndarray = field(repr=False)
    words: tuple[WordTiming, ...] = ()


@runtime_checkable
class Engine(Protocol):
    """A speech engine built from a voice profile.

    `sample_rate` and `max_chars` must be known without loading a model, so the pipeline can
    plan chunks before any synthesis. Expensive state loads on the first `synthesize` call and
    is kept for the life of the engine (one per process). `synthesize` must be safe to call
    from several threads at once on one engine (a Dask worker with `--nthreads 2`): per-call
    state (a seed) is passed along, never stored on the engine.

    An engine that knows word timings also has `synthesize_timed(text) -> Speech`; callers use
    `speak()` below, which falls back to `synthesize` for engines that do not.
    """

    name: str
    sample_rate: int
    max_chars: int
    #: True when calls go over the network: run them in threads, not processes.
    remote: bool
    # Optional: `threaded = True` says the heavy work of a call releases the GIL (onnxruntime,
    # numpy), so threads of one process sharing one engine keep every core busy: a pool of
    # threads (one model in memory, nothing to start) replaces a pool of processes.

    def synthesize(self, text: str) -> np.ndarray:
        """Speak `text`; returns mono int16 samples at `sample_rate`."""
        ...

    def identity(self) -> str:
        """What makes this engine's audio what it is (model package version, a hash of the
        model file, options): part of cache keys and the batch's settings fingerprint."""
        ...


def speak(engine: Engine, text: str) -> Speech:
    """`text` spoken by `engine`, with word timings when the engine gives them."""
    timed = getattr(engine, "synthesize_timed", None)
    if timed is not None:
        speech: Speech = timed(text)
        return speech
    return Speech(engine.synthesize(text))
