"""Loudness to a target over a stream of blocks, encoded as they come.

Blocks are taken as the narration is joined (while chunks are still being spoken), written
to a temporary file of raw PCM and measured: BS.1770 integrated loudness, incrementally
(K-weighting filters carry their state from block to block, and only one sum of squares per
gating boundary is kept), and the sample peak. Leveled chunks keep their loudness, so the
first two minutes predict the whole within a fraction of a LU: the gain is set from them and
the encoder is fed from then on, while synthesis goes on. At the end the whole is measured;
if the gain missed the target by more than ONE_PASS_TOLERANCE_LU (or the peaks need the
limiter), a second pass reads the spooled blocks back one by one, applies the exact gain
(and the limiter where peaks need it, as normalize_loudness does for a whole narration) and
encodes again. A narration shorter than two minutes is measured whole before any encoding.
Memory is two minutes of samples at most, whatever the length.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from narrate.audio import loudness as lv
from narrate.audio.bs1770 import LoudnessMeter
from narrate.audio.encode import EncodeSettings, aimed, encode_blocks

# The gain is set once this much of the narration is measured, and encoding starts.
DECIDE_AFTER_SECONDS = 120.0
# How far the one-pass result may end from the target before it is encoded again exactly.
ONE_PASS_TOLERANCE_LU = 0.25


class Spool:
    """Blocks written to a temporary file of raw int16 PCM, to be read back one by one."""

    def __init__(self, folder: Path | None = None) -> None:
        # Closed by close(), once the second pass has read it back.
        self.file: BinaryIO = tempfile.TemporaryFile(  # noqa: SIM115
            dir=folder, prefix=".narrate-", suffix=".pcm"
        )
        self.sizes: list[int] = []

    def write(self, samples: np.ndarray) -> None:
        self.file.write(samples.astype(np.int16, copy=False).tobytes())
        self.sizes.append(samples.size)

    def blocks(self) -> Iterator[np.ndarray]:
        self.file.seek(0)
        for size in self.sizes:
            yield np.frombuffer(self.file.read(size * 2), dtype=np.int16)

    def close(self) -> None:
        self.file.close()


def encode_leveled(
    blocks: Iterable[np.ndarray],
    sample_rate: int,
    path: Path,
    settings: EncodeSettings,
    folder: Path | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> None:
    """Encode mono int16 `blocks` to `path` at `settings.loudness` (see the module's
    docstring); reports "leveling" and "encoding" as the last pass starts."""
    if settings.loudness is None:
        on_stage("encoding")
        encode_blocks(blocks, sample_rate, path, settings)
        return
    target = aimed(settings)
    spool = Spool(folder)
    meter = LoudnessMeter(sample_rate)
    source = iter(blocks)
    try:
        head: list[np.ndarray] = []
        for block in source:
            spool.write(block)
            meter.add(block)
            head.append(block)
            if meter.frames >= DECIDE_AFTER_SECONDS * sample_rate:
                break
        gain_db = _plain_gain(meter, target)
        if gain_db is not None:
            gain = lv._gain(gain_db)

            def one_pass() -> Iterator[np.ndarray]:
                while head:
                    yield lv._as_int16(lv._as_float(head.pop(0)) * gain)
                for block in source:
                    spool.write(block)
                    meter.add(block)
                    yield lv._as_int16(lv._as_float(block) * gain)

            encode_blocks(one_pass(), sample_rate, path, settings)
            exact = _plain_gain(meter, target)
            if exact is not None and abs(exact - gain_db) <= ONE_PASS_TOLERANCE_LU:
                on_stage("leveling")
                on_stage("encoding")
                return
        head.clear()
        for block in source:
            spool.write(block)
            meter.add(block)
        on_stage("leveling")
        on_stage("encoding")
        leveled = _leveled(spool, meter, sample_rate, target, folder)
        encode_blocks(leveled, sample_rate, path, settings)
    finally:
        spool.close()


def _plain_gain(meter: LoudnessMeter, target: lv.LoudnessTarget) -> float | None:
    """The gain in dB that brings what `meter` measured to the target, when a plain gain
    keeps its peaks under the ceiling (as in normalize_loudness); None otherwise."""
    measured = meter.integrated()
    if not np.isfinite(measured) or measured < lv.QUIETEST_LUFS:
        return None
    gain_db = target.integrated - measured
    ceiling = lv._gain(target.true_peak - lv.CODEC_MARGIN_DB - lv.SAMPLE_PEAK_MARGIN_DB)
    return gain_db if meter.peak * lv._gain(gain_db) <= ceiling else None


def _leveled(
    spool: Spool,
    meter: LoudnessMeter,
    rate: int,
    target: lv.LoudnessTarget,
    folder: Path | None,
) -> Iterator[np.ndarray]:
    measured = meter.integrated()
    if not np.isfinite(measured) or measured < lv.QUIETEST_LUFS:
        yield from spool.blocks()
        return
    ceiling = lv._gain(target.true_peak - lv.CODEC_MARGIN_DB)
    gain = lv._gain(target.integrated - measured)
    if meter.peak * gain <= ceiling * lv._gain(-lv.SAMPLE_PEAK_MARGIN_DB):
        for block in spool.blocks():
            yield lv._as_int16(lv._as_float(block) * gain)
        return
    if target.integrated - measured <= lv.SMALL_GAIN_DB:
        # A little lift: limit only the peaks it pushes over, if that costs little loudness
        # (the energy limiting takes off, as in normalize_loudness).
        lifted_energy = limited_energy = 0.0
        for block in spool.blocks():
            lifted = lv._as_float(block) * gain
            limited = lv.limit_peaks(lifted, ceiling, rate)
            lifted_energy += lv._energy(lifted)
            limited_energy += lv._energy(limited)
        taken = 10 * np.log10(lifted_energy / max(limited_energy, 1e-12))
        if taken <= lv.TOLERANCE_LU:
            for block in spool.blocks():
                yield lv._as_int16(lv.limit_peaks(lv._as_float(block) * gain, ceiling, rate))
            return
    # Drive into the limiter and bring back down, measuring the driven audio on a second
    # spool (a louder target, or audio that was not leveled chunk by chunk).
    drive = lv.DRIVE_LU
    for _attempt in range(3):
        driven = Spool(folder)
        after = LoudnessMeter(rate)
        drive_gain = lv._gain(target.integrated + drive - measured)
        for block in spool.blocks():
            limited = lv._as_int16(lv.limit(lv._as_float(block) * drive_gain, ceiling, rate))
            driven.write(limited)
            after.add(limited)
        makeup = target.integrated - after.integrated()
        if makeup <= 0:
            break
        driven.close()
        drive += makeup + 0.5
    try:
        for block in driven.blocks():
            yield lv._as_int16(lv._as_float(block) * lv._gain(min(makeup, 0.0)))
    finally:
        driven.close()
