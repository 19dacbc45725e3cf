"""Join synthesized chunks into one narration, with pauses set by the script's structure.

Each chunk's own leading and trailing silence is trimmed first, so the pauses heard are the
profile's pauses whatever the engine left around its speech. Every time is counted in samples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from narrate.audio.ffmpeg import pydub_audio_segment
from narrate.text.script import Part, Script, Sentence
from narrate.voices import Pauses

# Below this level a chunk's edge counts as silence; piper's breaths sit well under it.
SILENCE_DBFS = -50.0
TRIM_STEP_MS = 5
# Kept on each side of a trimmed chunk so soft onsets and releases are not clipped.
EDGE_MARGIN_SECONDS = 0.02
LEAD_IN_SECONDS = 0.25
TAIL_SECONDS = 0.75


@dataclass(frozen=True)
class Timing:
    """Where one sentence sounds in the narration, in samples."""

    id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Chapter:
    """A stretch of the narration: the introduction, or a heading and what follows it."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Rendered:
    """The joined narration: mono int16 samples plus the sentence and chapter timings."""

    samples: np.ndarray = field(repr=False, compare=False)
    sample_rate: int
    sentences: tuple[Timing, ...]
    chapters: tuple[Chapter, ...]

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    def seconds(self, sample: int) -> float:
        return sample / self.sample_rate


ChunkAudio = Callable[[Sentence, int], np.ndarray]


def trim_silence(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Cut leading and trailing silence (below SILENCE_DBFS), keeping a short margin."""
    if samples.size == 0:
        return samples
    audio_segment = pydub_audio_segment()  # before pydub.silence: it points pydub at ffmpeg
    from pydub.silence import detect_leading_silence

    segment = audio_segment(samples.tobytes(), frame_rate=sample_rate, sample_width=2, channels=1)
    lead_ms = detect_leading_silence(segment, SILENCE_DBFS, TRIM_STEP_MS)
    if lead_ms >= len(segment):
        return samples[:0]
    tail_ms = detect_leading_silence(segment.reverse(), SILENCE_DBFS, TRIM_STEP_MS)
    margin = int(EDGE_MARGIN_SECONDS * sample_rate)
    start = max(0, lead_ms * sample_rate // 1000 - margin)
    end = min(samples.size, samples.size - tail_ms * sample_rate // 1000 + margin)
    return samples[start:end]


def assemble(script: Script, chunk_audio: ChunkAudio, sample_rate: int, pauses: Pauses) -> Rendered:
    """Join every chunk of `script` in order; `chunk_audio(sentence, i)` gives chunk i's PCM."""
    pieces: list[np.ndarray] = []
    cursor = 0

    def add(samples: np.ndarray) -> None:
        nonlocal cursor
        pieces.append(samples)
        cursor += samples.size

    def silence(seconds: float) -> None:
        add(np.zeros(round(seconds * sample_rate), dtype=np.int16))

    timings: list[Timing] = []
    chapter_starts: list[tuple[str, int]] = []
    silence(LEAD_IN_SECONDS)
    previous: Part | None = None
    for block in script.blocks:
        if previous is not None:
            silence(_gap(previous, block.part, pauses))
        if block.part is Part.INTRO:
            chapter_starts.append((script.title or "Introduction", 0))
        elif block.part is Part.HEADING:
            chapter_starts.append((block.text, cursor))
        for index, sentence in enumerate(block.sentences):
            if index:
                silence(pauses.sentence)
            start = cursor
            for chunk_index in range(len(sentence.chunks)):
                if chunk_index:
                    silence(pauses.chunk)
                add(trim_silence(chunk_audio(sentence, chunk_index), sample_rate))
            timings.append(Timing(sentence.id, sentence.text, start, cursor))
        previous = block.part
    silence(TAIL_SECONDS)
    samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
    ends = [start for _, start in chapter_starts[1:]] + [samples.size]
    chapters = tuple(
        Chapter(title, start, end) for (title, start), end in zip(chapter_starts, ends, strict=True)
    )
    return Rendered(samples, sample_rate, tuple(timings), chapters)


def _gap(previous: Part, current: Part, pauses: Pauses) -> float:
    if previous is Part.INTRO:
        return pauses.intro
    if current is Part.HEADING:
        return pauses.heading_before
    if previous is Part.HEADING:
        return pauses.heading_after
    return pauses.paragraph
