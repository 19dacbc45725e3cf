"""Filters for leveling, in the frequency domain (scipy.fft; scipy.signal costs 0.7 s to
import): a zero-phase low-pass and the oversampled envelope true peaks are read from.

Both take the signal's FFT once, padded with silence so that what one end of a chunk rings
does not wrap around into the other, to a power of two. scipy.fft keeps the plans it made
(16 of each kind, several MB each at these lengths); with one length per chunk it would
build and free a plan for nearly every chunk, and the heap they leave fragmented made a
narration's memory grow with its length (by 107 MB over two hours, against 61 MB with
powers of two, which a handful of cached plans cover).
"""

from __future__ import annotations

import math

import numpy as np

# Silence after the signal, in seconds, before its FFT: more than the low-pass rings for.
PAD_SECONDS = 0.05


def _padded_size(samples: int, rate: int) -> int:
    """The FFT length for `samples`: with the padding, rounded up to a power of two."""
    return 1 << (samples + int(PAD_SECONDS * rate) - 1).bit_length()


def low_pass(audio: np.ndarray, rate: int, cutoff: float, order: int) -> np.ndarray:
    """`audio` through a Butterworth low-pass of `order` run forwards and backwards, as
    scipy's sosfiltfilt does: zero phase (nothing moves in time), magnitude squared."""
    from scipy import fft

    size = _padded_size(audio.size, rate)
    frequencies = np.arange(size // 2 + 1) * (math.pi / size)  # half the angle, per bin
    # The bilinear transform's warped frequency against the cutoff's, as butter() designs.
    with np.errstate(over="ignore", divide="ignore"):
        ratio = np.tan(frequencies) / math.tan(math.pi * cutoff / rate)
        gain = (1 / (1 + np.abs(ratio) ** (2 * order))).astype(np.float32)
    spectrum = fft.rfft(audio.astype(np.float32, copy=False), size)
    return fft.irfft(spectrum * gain, size)[: audio.size]


def peak_envelope(audio: np.ndarray, rate: int, factor: int) -> np.ndarray:
    """The largest magnitude of `audio` between each sample and the next, seen through
    band-limited interpolation at `factor` times the rate (BS.1770's true peak): one value
    per sample, never below the sample's own magnitude."""
    from scipy import fft

    size = _padded_size(audio.size, rate)
    spectrum = fft.rfft(audio.astype(np.float32, copy=False), size)
    wide = np.zeros(size * factor // 2 + 1, dtype=spectrum.dtype)
    wide[: spectrum.size] = spectrum
    if size % 2 == 0:
        wide[spectrum.size - 1] *= 0.5  # the old Nyquist bin, now split between two
    between = fft.irfft(wide, size * factor)[: audio.size * factor]
    np.abs(between, out=between)
    envelope = np.abs(audio).astype(np.float32) / factor
    for phase in range(1, factor):  # a strided maximum per phase: reshape().max() is slow
        np.maximum(envelope, between[phase::factor], out=envelope)
    return envelope * factor
