"""Loudness to a target: integrated loudness (ITU BS.1770) under a true-peak ceiling.

Neural voices are peak-normalized sentence by sentence, so speech comes out with a
peak-to-loudness ratio near 18 dB, while -16 LUFS under -1 dBTP allows 15: a plain gain
cannot meet both. So each chunk is first leveled on its own (in the worker that spoke it):
band-limited for the encoder, driven to a reference loudness above any usual target, and
held under a ceiling by a look-ahead true-peak limiter. The joined narration then only needs
one measurement and an attenuation to the target, which keeps its peaks under the ceiling,
after MP3 encoding too. Leveling every sentence alike also evens out the voice's level.
"""

from __future__ import annotations

import numpy as np

from narrate.audio.bs1770 import integrated_loudness
from narrate.audio.filters import low_pass, peak_envelope
from narrate.audio.formats import LoudnessTarget

# Measured as pyloudnorm measures (bs1770.py) and filtered with scipy.fft (filters.py):
# scipy.signal, which pyloudnorm needs, takes 0.7 s to import. scipy loads in the functions
# that need it, so that `narrate script` and `--help` never pay for it.

# Chunks are driven to this loudness before their limiter, so that reaching the usual
# targets (-16, -19, -23) is an attenuation. Joined, a narration measures well below it: the
# limiter takes some of the drive, and the pauses' edges lower BS.1770's gated mean. -11
# gives -15.8 to -15.9 LUFS joined on the example and bench articles (-13 gave -16.3, a
# lift that needed a limiter over the whole narration). A louder target falls back to
# limiting the whole.
REFERENCE_LUFS = -11.0
# How far past the target the fallback drives the limiter, in LU.
DRIVE_LU = 3.5
# Speech needs little above 9 kHz; band-limiting to it before the limiter keeps a lossy
# encoder's own low-pass from raising the peaks again (by 3 dB at 64 kb/s MP3, measured).
BANDWIDTH_HZ = 9000
# Lossy encoding raises true peaks by about 1 dB (measured at 64 kb/s MP3): limit below the
# ceiling by this much.
CODEC_MARGIN_DB = 1.5
# normalize_loudness takes a narration's sample peaks as its true peaks plus this margin.
SAMPLE_PEAK_MARGIN_DB = 0.5
# Chunks are limited that margin lower still, so that joined they pass that check on an
# attenuation alone: a second limiter over the whole narration took most of the time after
# synthesis (4 of 5 s on bench/post_synthesis.py's 2,000-word article).
CHUNK_CEILING_DBTP = -1.0 - CODEC_MARGIN_DB - SAMPLE_PEAK_MARGIN_DB
LOOKAHEAD_SECONDS = 0.008
# True peaks are found between samples: look at the signal oversampled 4 times (BS.1770-4).
OVERSAMPLING = 4
# Silence and near-silence measure as -inf or absurdly low: leave such audio alone.
QUIETEST_LUFS = -70.0
# A lift up to this many dB is met by limiting only the peaks it pushes over the ceiling,
# when that keeps the loudness within TOLERANCE_LU of the target.
SMALL_GAIN_DB = 2.0
TOLERANCE_LU = 0.2
# How far a true peak can rise above the samples around it, for audio band-limited to
# BANDWIDTH_HZ; and the context kept around each loud stretch (over the limiter's reach).
INTERSAMPLE_DB = 1.0
PEAK_REGION_PAD_SECONDS = 0.02
# What level_chunk does, as part of every sentence-cache key (cached chunks are leveled):
# changing a setting above changes it; bump the leading number when the code changes.
LEVELING_VERSION = (
    f"3:{REFERENCE_LUFS}:{BANDWIDTH_HZ}:{CHUNK_CEILING_DBTP}:{LOOKAHEAD_SECONDS}:{OVERSAMPLING}"
)


def level_chunk(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Level one chunk: band-limit, drive to REFERENCE_LUFS, true-peak limit; int16 out."""
    if samples.size == 0:
        return samples
    audio = _as_float(samples)
    if sample_rate / 2 > BANDWIDTH_HZ:
        # Zero-phase, so nothing moves in time.
        audio = low_pass(audio, sample_rate, BANDWIDTH_HZ, order=8)
    measured = integrated_loudness(audio, sample_rate)
    if not np.isfinite(measured) or measured < QUIETEST_LUFS:
        return _as_int16(audio)
    driven = audio * _gain(REFERENCE_LUFS - measured)
    # Only the stretches around loud samples can need limiting (limit_peaks): the narration
    # is attenuated to its target afterwards, several dB below this ceiling.
    return _as_int16(limit_peaks(driven, _gain(CHUNK_CEILING_DBTP), sample_rate))


def normalize_loudness(samples: np.ndarray, sample_rate: int, target: LoudnessTarget) -> np.ndarray:
    """Return int16 samples at `target` loudness with true peaks under its ceiling.

    Leveled chunks (level_chunk) need only an attenuation here, or a small gain that lifts
    a few peaks over the ceiling: those alone are limited. Anything else (a louder target,
    unleveled audio) is driven into the limiter and brought back down.
    """
    audio = _as_float(samples)
    measured = integrated_loudness(audio, sample_rate)
    if not np.isfinite(measured) or measured < QUIETEST_LUFS:
        return _as_int16(audio)
    ceiling = _gain(target.true_peak - CODEC_MARGIN_DB)
    gain = target.integrated - measured
    peak = float(np.abs(audio).max()) * _gain(gain)
    if peak <= ceiling * _gain(-SAMPLE_PEAK_MARGIN_DB):
        return _as_int16(audio * _gain(gain))
    if gain <= SMALL_GAIN_DB:
        # A narration that came out a little quiet (long pauses lower the gated mean) needs
        # a small lift: limit only the peaks it pushes over.
        lifted = audio * _gain(gain)
        limited = limit_peaks(lifted, ceiling, sample_rate)
        # What limiting took off, as a change of energy: the loud stretches it touches are
        # all inside BS.1770's gate, so this is the change of loudness, without measuring
        # the whole narration again.
        taken = 10 * np.log10(_energy(lifted) / max(_energy(limited), 1e-12))
        if taken <= TOLERANCE_LU:
            return _as_int16(limited)
    drive = DRIVE_LU
    for _attempt in range(3):
        driven = limit(audio * _gain(target.integrated + drive - measured), ceiling, sample_rate)
        makeup = target.integrated - integrated_loudness(driven, sample_rate)
        if makeup <= 0:
            break
        # The limiter took more than `drive`: a positive makeup gain would raise the peaks
        # again, so drive harder instead.
        drive += makeup + 0.5
    return _as_int16(driven * _gain(min(makeup, 0.0)))


def limit_peaks(audio: np.ndarray, ceiling: float, sample_rate: int) -> np.ndarray:
    """limit(), run only around samples within INTERSAMPLE_DB of the ceiling: elsewhere no
    peak, between samples or not, can reach it. On speech, whose loud peaks are rare, this
    costs a fraction of limiting (and 4x oversampling) the whole narration."""
    hot = np.flatnonzero(np.abs(audio) > ceiling * _gain(-INTERSAMPLE_DB))
    if hot.size == 0:
        return audio
    pad = int(PEAK_REGION_PAD_SECONDS * sample_rate)
    breaks = np.flatnonzero(np.diff(hot) > 2 * pad)
    starts = np.maximum(np.concatenate([hot[:1], hot[breaks + 1]]) - pad, 0)
    ends = np.minimum(np.concatenate([hot[breaks], hot[-1:]]) + pad + 1, audio.size)
    # The stretches are limited in one call, laid end to end: each begins and ends a pad
    # away from any loud sample, so a join between two of them needs no gain reduction.
    index = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)])
    limited = audio.copy()
    limited[index] = limit(audio[index], ceiling, sample_rate)
    return limited


def limit(audio: np.ndarray, ceiling: float, sample_rate: int) -> np.ndarray:
    """A look-ahead true-peak limiter: no (oversampled) peak exceeds `ceiling`.

    The gain each sample needs is spread to its neighbours by a moving minimum, then
    smoothed by a moving average half as wide, so the smoothed gain never rises above what
    a peak needs while it changes gradually (over ~8 ms) around it.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    width = max(1, int(LOOKAHEAD_SECONDS * sample_rate)) | 1
    envelope = peak_envelope(audio, sample_rate, OVERSAMPLING)
    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-9)).astype(np.float32)
    gain = uniform_filter1d(minimum_filter1d(needed, size=2 * width + 1), size=width)
    return audio * np.minimum(gain, needed.max(initial=1.0))


def _energy(audio: np.ndarray) -> float:
    return float(np.dot(audio, audio))


def _gain(decibels: float) -> float:
    return float(10 ** (decibels / 20))


def _as_float(samples: np.ndarray) -> np.ndarray:
    if samples.dtype == np.int16:
        return np.multiply(samples, 1 / 32768, dtype=np.float32)
    return samples.astype(np.float32, copy=False)


def _as_int16(audio: np.ndarray) -> np.ndarray:
    return np.round(np.clip(audio, -1.0, 32767 / 32768) * 32768).astype(np.int16)
