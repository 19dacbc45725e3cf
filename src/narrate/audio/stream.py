"""Loudness to a target over a stream of blocks, encoded as they come.

Blocks are taken as the narration is joined (while chunks are still being spoken), written
to a temporary file of raw PCM (the spool) and measured: BS.1770 integrated loudness,
incrementally (K-weighting filters carry their state from block to block, and only one sum
of squares per gating boundary is kept), and the sample peak. Leveled chunks keep their
loudness, so the first two minutes predict the whole within a fraction of a LU: the gain is
set from them and ffmpeg starts encoding, in a thread of its own that follows the spool
(reads each block back as it is written, applies the gain, feeds the pipe) while synthesis
goes on. The narration is never held back by the encoder: once every block is in, the
caller's `meanwhile` work (captions, the manifest's words) runs while ffmpeg finishes.

At the end the whole is measured; if the gain missed the target by more than
ONE_PASS_TOLERANCE_LU (or the peaks need the limiter), the encoder is stopped and a second
pass reads the spool back, applies the exact gain (and the limiter where peaks need it, as
normalize_loudness does for a whole narration) and encodes again. A narration shorter than
two minutes is measured whole before any encoding. Memory is a few blocks, whatever the
length: the spool is on disk.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import numpy as np

from narrate.audio import loudness as lv
from narrate.audio.bs1770 import LoudnessMeter
from narrate.audio.encode import EncodeSettings, aimed, encode_blocks

# The gain is set once this much of the narration is measured, and encoding starts.
DECIDE_AFTER_SECONDS = 120.0
# How far the one-pass result may end from the target before it is encoded again exactly.
ONE_PASS_TOLERANCE_LU = 0.25
# How often a follower of the spool looks whether its encoding was stopped, in seconds.
POLL_SECONDS = 0.1


class Stopped(Exception):
    """Raised into an encoding's blocks when it is stopped (Encoding.stop)."""


class Spool:
    """Blocks written to a temporary file of raw int16 PCM and read back, by one reader that
    follows the writing (follow) or once it is done (blocks)."""

    def __init__(self, folder: Path | None = None) -> None:
        # Unbuffered: a block is in the file, for a follower to read, once written.
        self.file: BinaryIO = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
            dir=folder, prefix=".narrate-", suffix=".pcm", buffering=0
        )
        self.sizes: list[int] = []
        self.frames = 0  # samples written
        self._done = False
        self._lock = threading.Lock()  # the file's position: one writer, one reader
        self._grown = threading.Condition(self._lock)

    def write(self, samples: np.ndarray) -> None:
        data = memoryview(samples.astype(np.int16, copy=False).tobytes())
        with self._lock:
            self.file.seek(self.frames * 2)
            while data:
                data = data[self.file.write(data) :]
            self.frames += samples.size
            self.sizes.append(samples.size)
            self._grown.notify_all()

    def finish(self) -> None:
        """Every block is written: a follower ends after the last."""
        with self._lock:
            self._done = True
            self._grown.notify_all()

    def blocks(self) -> Iterator[np.ndarray]:
        """Every block in order, once finish() was called."""
        return self.follow(threading.Event())

    def follow(self, stop: threading.Event) -> Iterator[np.ndarray]:
        """Every block in order, waiting for each as it is written, until finish(); raises
        Stopped once `stop` is set."""
        index = offset = 0
        while True:
            with self._lock:
                while index == len(self.sizes) and not self._done and not stop.is_set():
                    self._grown.wait(POLL_SECONDS)
                if stop.is_set():
                    raise Stopped
                if index == len(self.sizes):
                    return
                size = self.sizes[index]
            yield self._read(offset, size)
            index += 1
            offset += size * 2

    def _read(self, offset: int, size: int) -> np.ndarray:
        with self._lock:
            self.file.seek(offset)
            data = self.file.read(size * 2)
        return np.frombuffer(data, dtype=np.int16)

    def close(self) -> None:
        self.file.close()


class Encoding:
    """encode_blocks in a thread of its own, fed by `blocks(stop)`: wait() for it, or
    stop() it (its ffmpeg killed, its file left for the caller to write again or remove).
    As a context manager, an exception in the body stops it."""

    def __init__(
        self,
        blocks: Callable[[threading.Event], Iterable[np.ndarray]],
        sample_rate: int,
        path: Path,
        settings: EncodeSettings,
    ) -> None:
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run,
            args=(blocks(self._stop), sample_rate, path, settings),
            name="narrate-encoder",
            daemon=True,  # joined on every path; a daemon never keeps a Ctrl-C from exiting
        )
        self._thread.start()

    def _run(
        self, blocks: Iterable[np.ndarray], rate: int, path: Path, settings: EncodeSettings
    ) -> None:
        try:
            encode_blocks(self._unless_stopped(blocks), rate, path, settings)
        except BaseException as error:  # handed to wait()
            self._error = error

    def _unless_stopped(self, blocks: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
        for block in blocks:
            if self._stop.is_set():
                raise Stopped
            yield block

    def wait(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error

    def check(self) -> None:
        """Raise what ended the encoding early (ffmpeg failed): the narration need not go on."""
        if self._error is not None and not self._thread.is_alive():
            raise self._error

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> Encoding:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:
            self.stop()


def encode_leveled(
    blocks: Iterable[np.ndarray],
    sample_rate: int,
    path: Path,
    settings: EncodeSettings,
    folder: Path | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
    meanwhile: Callable[[], None] = lambda: None,
) -> None:
    """Encode mono int16 `blocks` to `path` at `settings.loudness` (see the module's
    docstring); reports "leveling" and "encoding" as the last pass starts, and runs
    `meanwhile` once every block is taken, while the encoder finishes."""
    target = aimed(settings) if settings.loudness is not None else None
    spool = Spool(folder)
    meter = LoudnessMeter(sample_rate)
    source = iter(blocks)

    def take(until_frames: float = np.inf, encoding: Encoding | None = None) -> None:
        for block in source:
            if encoding is not None:
                encoding.check()
            spool.write(block)
            if target is not None:
                meter.add(block)
            if spool.frames >= until_frames:
                return
        spool.finish()

    try:
        take(DECIDE_AFTER_SECONDS * sample_rate)
        gain_db = 0.0 if target is None else _plain_gain(meter, target)
        if gain_db is not None:
            gain = lv._gain(gain_db)

            def gained(stop: threading.Event) -> Iterator[np.ndarray]:
                for block in spool.follow(stop):
                    yield block if target is None else lv._as_int16(lv._as_float(block) * gain)

            with Encoding(gained, sample_rate, path, settings) as encoding:
                take(encoding=encoding)
                exact = 0.0 if target is None else _plain_gain(meter, target)
                if exact is not None and abs(exact - gain_db) <= ONE_PASS_TOLERANCE_LU:
                    on_stage("leveling")
                    on_stage("encoding")
                    meanwhile()
                    encoding.wait()
                    return
                encoding.stop()
        take()
        on_stage("leveling")
        on_stage("encoding")
        assert target is not None  # no target: a plain pass always
        leveled = _leveled(spool, meter, sample_rate, target, folder)
        with Encoding(lambda stop: leveled, sample_rate, path, settings) as encoding:
            meanwhile()
            encoding.wait()
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
    driven: Spool | None = None
    for _attempt in range(3):
        if driven is not None:  # the limiter took more than the drive: drive harder
            driven.close()
        driven = Spool(folder)
        after = LoudnessMeter(rate)
        drive_gain = lv._gain(target.integrated + drive - measured)
        for block in spool.blocks():
            limited = lv._as_int16(lv.limit(lv._as_float(block) * drive_gain, ceiling, rate))
            driven.write(limited)
            after.add(limited)
        driven.finish()
        makeup = target.integrated - after.integrated()
        if makeup <= 0:
            break
        drive += makeup + 0.5
    assert driven is not None
    try:
        for block in driven.blocks():
            yield lv._as_int16(lv._as_float(block) * lv._gain(min(makeup, 0.0)))
    finally:
        driven.close()
