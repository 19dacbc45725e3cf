"""Intro and outro audio (a station's jingle): read once before synthesis, at the voice's
sample rate, mono, their silent edges trimmed and leveled as a spoken chunk is, so the
narration's one loudness pass brings music and speech to the same target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrate.audio.assemble import trim_silence
from narrate.audio.loudness import level_chunk
from narrate.errors import AudioError
from narrate.ffmpeg import decode_file

# A jingle is a few seconds; a file past this is most likely the wrong one.
MAX_JINGLE_SECONDS = 120.0


@dataclass(frozen=True)
class Jingles:
    """The samples played before the title (intro) and after the article (outro)."""

    intro: np.ndarray | None = None
    outro: np.ndarray | None = None


def load_jingles(intro: Path | None, outro: Path | None, sample_rate: int) -> Jingles:
    """The intro and outro files as samples at `sample_rate`; AudioError in one line for a
    file that is missing, not audio, silent or too long."""
    return Jingles(
        _jingle(intro, "intro", sample_rate) if intro else None,
        _jingle(outro, "outro", sample_rate) if outro else None,
    )


def _jingle(path: Path, what: str, sample_rate: int) -> np.ndarray:
    if not path.is_file():
        raise AudioError(f"{what} {path}: no such file")
    try:
        samples, _rate = decode_file(str(path), sample_rate)
    except AudioError as error:
        raise AudioError(f"{what} {path}: not audio ffmpeg can read ({error})") from None
    samples = trim_silence(samples, sample_rate)
    if samples.size == 0:
        raise AudioError(f"{what} {path}: the file is silent")
    if samples.size > MAX_JINGLE_SECONDS * sample_rate:
        raise AudioError(f"{what} {path}: longer than {MAX_JINGLE_SECONDS:.0f} s")
    return level_chunk(samples, sample_rate)
