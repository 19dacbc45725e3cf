"""Fake engines for tests of the speaking machinery: importable by worker processes (they
are built there by name, through an engine factory)."""

from __future__ import annotations

import os
import signal

import numpy as np

from narrate.voices import Voice

#: A chunk containing this kills the worker process that speaks it.
MARKER = "Kaboom"


class DyingEngine:
    """A tone as long as the text; SIGKILLs its own process on the marker word."""

    name = "dying"
    sample_rate = 22050
    max_chars = 400
    remote = False

    def synthesize(self, text: str) -> np.ndarray:
        if MARKER in text:
            os.kill(os.getpid(), signal.SIGKILL)
        t = np.arange(len(text) * 400) / self.sample_rate
        return (np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16)

    def identity(self) -> str:
        return "dying:1"


def dying_engine(voice: Voice) -> DyingEngine:
    return DyingEngine()


class BabbleEngine:
    """Speech-like noise, fast: syllables of filtered noise, about 60 ms per character, so
    a long article makes a long narration in seconds."""

    name = "babble"
    max_chars = 400
    remote = False

    def __init__(self, sample_rate: int = 22050) -> None:
        self.sample_rate = sample_rate

    def synthesize(self, text: str) -> np.ndarray:
        rng = np.random.default_rng(len(text))
        size = len(text) * self.sample_rate * 60 // 1000
        syllable = self.sample_rate // 5
        envelope = np.abs(np.sin(np.pi * np.arange(size) / syllable))
        noise = np.convolve(rng.standard_normal(size), np.ones(8) / 8, mode="same")
        return (noise * envelope * 9000).astype(np.int16)

    def identity(self) -> str:
        return "babble:1"
