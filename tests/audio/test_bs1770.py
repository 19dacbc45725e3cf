"""BS.1770 loudness without scipy.signal, held to pyloudnorm (the reference) and ffmpeg."""

import numpy as np
import pyloudnorm
import pytest

from narrate.audio.bs1770 import KWeighting, LoudnessMeter, integrated_loudness


def _speechlike(rate: int, seconds: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    gates = np.repeat(rng.random(seconds) > 0.3, rate)  # talk and pauses, a second each
    return (rng.standard_normal(gates.size) * 3000 * gates).astype(np.int16)


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100, 48000])
def test_loudness_is_pyloudnorms_at_every_rate(rate):
    audio = _speechlike(rate, 12, rate)
    expected = pyloudnorm.Meter(rate).integrated_loudness(audio / 32768)
    assert abs(integrated_loudness(audio, rate) - expected) < 1e-6


def test_audio_shorter_than_a_gating_block_is_measured_padded_with_silence():
    audio = (np.random.default_rng(3).standard_normal(3000) * 3000).astype(np.int16)
    padded = np.pad(audio / 32768, (0, 9600 - 3000))
    expected = pyloudnorm.Meter(24000).integrated_loudness(padded)
    assert abs(integrated_loudness(audio, 24000) - expected) < 1e-6


def test_silence_measures_minus_infinity():
    assert integrated_loudness(np.zeros(48000, np.int16), 24000) == -np.inf
    meter = LoudnessMeter(24000)
    assert meter.integrated() == -np.inf


def test_k_weighting_in_blocks_is_the_iir_filter_run_over_the_whole():
    from scipy.signal import lfilter

    rate = 22050
    audio = np.random.default_rng(5).standard_normal(3 * rate)
    expected = audio
    for stage in pyloudnorm.Meter(rate)._filters.values():
        expected = lfilter(stage.b, stage.a, expected)
    weighting = KWeighting(rate)
    pieces, start = [], 0
    for size in (1, 700, 40000, 5, 30000):
        pieces.append(weighting(audio[start : start + size]))
        start += size
    # In float32 (twice as fast): within its rounding of a signal of unit variance.
    np.testing.assert_allclose(np.concatenate(pieces), expected[:start], atol=1e-5)
