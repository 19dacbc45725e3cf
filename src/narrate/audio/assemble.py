"""Join spoken chunks into one narration, with pauses set by the script's structure.

Each chunk's own leading and trailing silence is trimmed first, so the pauses heard are the
profile's pauses whatever the engine left around its speech. Every time is counted in
samples. A Joiner streams: chunks come in script order and leave as blocks of samples, one
at a time, so a narration of any length is never held whole; its timeline (sentences with
their words, chapters) is complete once the last block has left.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from narrate.engines.base import Speech, WordTiming
from narrate.errors import AudioError
from narrate.text.script import Part, Script
from narrate.timing import Chapter, Rendered, Timing
from narrate.voices import Pauses

# Below this level a chunk's edge counts as silence; piper's breaths sit well under it.
SILENCE_DBFS = -50.0
TRIM_STEP_MS = 5
# Kept on each side of a trimmed chunk so soft onsets and releases are not clipped.
EDGE_MARGIN_SECONDS = 0.02
LEAD_IN_SECONDS = 0.25
TAIL_SECONDS = 0.75


def trim_bounds(samples: np.ndarray, sample_rate: int) -> tuple[int, int]:
    """Where a chunk's sound starts and ends (silence below SILENCE_DBFS cut in steps of
    TRIM_STEP_MS, as pydub's detect_leading_silence does), keeping a short margin."""
    step = max(1, sample_rate * TRIM_STEP_MS // 1000)
    steps = samples.size // step
    if steps == 0:
        return 0, 0
    frames = samples[: steps * step].astype(np.float64).reshape(steps, step)
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    # pydub measures dBFS against the int16 maximum, 32768.
    loud = np.flatnonzero(rms > 32768 * 10 ** (SILENCE_DBFS / 20))
    if loud.size == 0:
        return 0, 0
    margin = int(EDGE_MARGIN_SECONDS * sample_rate)
    lead = int(loud[0]) * step
    tail = samples.size - (int(loud[-1]) + 1) * step
    return max(0, lead - margin), min(samples.size, samples.size - tail + margin)


def trim_silence(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Cut leading and trailing silence (below SILENCE_DBFS), keeping a short margin."""
    start, end = trim_bounds(samples, sample_rate)
    return samples[start:end]


#: Chapter titles of the intro and outro audio, when a narration has them.
INTRO_CHAPTER, OUTRO_CHAPTER = "Intro", "Outro"


class Joiner:
    """Lays a script's chunks end to end with its pauses, as a stream of sample blocks;
    `intro` and `outro` samples (audio.jingles) before the title and after the article,
    each parted from the speech by a paragraph's pause and a chapter of its own."""

    def __init__(
        self,
        script: Script,
        sample_rate: int,
        pauses: Pauses,
        intro: np.ndarray | None = None,
        outro: np.ndarray | None = None,
    ) -> None:
        self.script, self.sample_rate, self.pauses = script, sample_rate, pauses
        self.intro, self.outro = intro, outro
        self.cursor = 0
        self.sentences: list[Timing] = []
        self._chapter_starts: list[tuple[str, int]] = []
        self._finished = False

    def _silence(self, seconds: float) -> np.ndarray:
        block = np.zeros(round(seconds * self.sample_rate), dtype=np.int16)
        self.cursor += block.size
        return block

    def blocks(self, chunks: Iterable[Speech]) -> Iterator[np.ndarray]:
        """Yield the narration's samples block by block (a pause, or a trimmed chunk);
        `chunks` gives the speech of every chunk of the script, in script order."""
        source = iter(chunks)
        yield self._silence(LEAD_IN_SECONDS)
        if self.intro is not None:
            yield from self._jingle(INTRO_CHAPTER, self.intro)
            yield self._silence(self.pauses.paragraph)
        previous: Part | None = None
        for block in self.script.blocks:
            if previous is not None:
                yield self._silence(_gap(previous, block.part, self.pauses))
            if block.part is Part.INTRO:
                start = self.cursor if self.intro is not None else 0
                self._chapter_starts.append((self.script.title or "Introduction", start))
            elif block.part is Part.HEADING:
                self._chapter_starts.append((block.text, self.cursor))
            for index, sentence in enumerate(block.sentences):
                if index:
                    yield self._silence(self.pauses.sentence)
                start = self.cursor
                words: list[WordTiming] = []
                for chunk_index in range(len(sentence.chunks)):
                    if chunk_index:
                        yield self._silence(self.pauses.chunk)
                    speech = next(source, None)
                    if speech is None:
                        raise AudioError(f"no audio for sentence {sentence.id}")
                    first, last = trim_bounds(speech.samples, self.sample_rate)
                    words.extend(
                        _placed(speech.words, self.cursor - first, self.cursor, last - first)
                    )
                    self.cursor += last - first
                    yield speech.samples[first:last]
                self.sentences.append(
                    Timing(sentence.id, sentence.text, start, self.cursor, tuple(words))
                )
            previous = block.part
        if next(source, None) is not None:
            raise AudioError("more chunks than the script has")
        if self.outro is not None:
            yield self._silence(self.pauses.paragraph)
            yield from self._jingle(OUTRO_CHAPTER, self.outro)
        yield self._silence(TAIL_SECONDS)
        self._finished = True

    def _jingle(self, title: str, samples: np.ndarray) -> Iterator[np.ndarray]:
        self._chapter_starts.append((title, 0 if title == INTRO_CHAPTER else self.cursor))
        self.cursor += samples.size
        yield samples

    def rendered(self, samples: np.ndarray | None = None) -> Rendered:
        """The timeline, once every block has been taken; with `samples` when joined."""
        if not self._finished:
            raise AudioError("the narration was not joined to its end")
        ends = [start for _, start in self._chapter_starts[1:]] + [self.cursor]
        chapters = tuple(
            Chapter(title, start, end)
            for (title, start), end in zip(self._chapter_starts, ends, strict=True)
        )
        return Rendered(samples, self.sample_rate, tuple(self.sentences), chapters, self.cursor)


def assemble(
    script: Script, chunks: Iterable[Speech], sample_rate: int, pauses: Pauses
) -> Rendered:
    """Join every chunk of `script` in memory; `chunks` gives their speech in script order."""
    joiner = Joiner(script, sample_rate, pauses)
    pieces = list(joiner.blocks(chunks))
    samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
    return joiner.rendered(samples)


def _placed(
    words: Iterable[WordTiming], shift: int, lowest: int, length: int
) -> Iterator[WordTiming]:
    """Words moved to absolute samples by `shift`, kept within the trimmed chunk."""
    highest = lowest + length
    for word in words:
        start = min(max(word.start + shift, lowest), highest)
        end = min(max(word.end + shift, start), highest)
        yield WordTiming(word.text, start, end)


def _gap(previous: Part, current: Part, pauses: Pauses) -> float:
    if previous is Part.INTRO:
        return pauses.intro
    if current is Part.HEADING:
        return pauses.heading_before
    if previous is Part.HEADING:
        return pauses.heading_after
    return pauses.paragraph
