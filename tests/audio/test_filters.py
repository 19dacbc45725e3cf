"""Leveling's filters, held to scipy.signal's (sosfiltfilt, resample_poly)."""

import numpy as np
from scipy.signal import butter, resample_poly, sosfiltfilt

from narrate.audio.filters import low_pass, peak_envelope

RATE = 24000


def _noise(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    audio = rng.standard_normal(int(seconds * RATE)) * 0.1
    fade = np.minimum(1, np.minimum(np.arange(audio.size), np.arange(audio.size)[::-1]) / 2400)
    return (audio * fade).astype(np.float32)  # chunks begin and end quietly


def test_low_pass_is_a_zero_phase_butterworth_as_sosfiltfilt_runs_it():
    audio = _noise(3)
    expected = sosfiltfilt(butter(8, 9000, fs=RATE, output="sos"), audio)
    result = low_pass(audio, RATE, 9000, order=8)
    assert result.shape == audio.shape
    assert np.abs(result - expected).max() < 1e-3 * np.abs(expected).max()


def test_low_pass_removes_what_is_above_the_cutoff():
    t = np.arange(RATE) / RATE
    tone = lambda hz: np.sin(2 * np.pi * hz * t).astype(np.float32)  # noqa: E731
    kept = low_pass(tone(1000) + tone(11000), RATE, 9000, order=8)
    middle = slice(RATE // 4, 3 * RATE // 4)
    np.testing.assert_allclose(kept[middle], tone(1000)[middle], atol=2e-3)


def test_peak_envelope_finds_the_peaks_between_samples():
    # A tone at a quarter of the rate, sampled off its crests: every sample reads 0.707.
    t = np.arange(RATE) / RATE
    audio = np.sin(2 * np.pi * (RATE / 4) * t + np.pi / 4).astype(np.float32) * 0.5
    audio *= np.minimum(1, np.minimum(np.arange(RATE), np.arange(RATE)[::-1]) / 240)
    envelope = peak_envelope(audio, RATE, 4)
    middle = slice(RATE // 4, 3 * RATE // 4)
    assert np.abs(audio[middle]).max() < 0.36
    # Every other gap between samples holds a crest; the others a zero crossing.
    crests = np.maximum(envelope[middle][::2], envelope[middle][1::2])
    np.testing.assert_allclose(crests, 0.5, atol=0.01)
    assert envelope[middle].max() < 0.51


def test_peak_envelope_is_never_below_the_samples_and_agrees_with_resample_poly():
    audio = low_pass(_noise(2, seed=3), RATE, 9000, order=8)
    envelope = peak_envelope(audio, RATE, 4)
    assert np.all(envelope >= np.abs(audio))
    oversampled = np.abs(resample_poly(audio, 4, 1))[: audio.size * 4].reshape(-1, 4).max(axis=1)
    assert abs(20 * np.log10(envelope.max() / oversampled.max())) < 0.1


def test_chunks_of_any_length_are_filtered_with_few_fft_lengths():
    """scipy.fft caches 16 plans of each kind: chunks of every length from 1 to 30 s must
    need fewer distinct transforms than that, or a plan is built and freed per chunk (and
    the heap, fragmented, grows with the narration's length)."""
    from scipy import fft

    rate = 24000
    lengths = set()
    forward, inverse = fft.rfft, fft.irfft

    def noted(transform):
        def run(x, n=None, *args, **kwargs):
            lengths.add((transform.__name__, n))
            return transform(x, n, *args, **kwargs)

        return run

    fft.rfft, fft.irfft = noted(forward), noted(inverse)
    try:
        rng = np.random.default_rng(3)
        for seconds in np.linspace(1, 30, 200):
            audio = rng.standard_normal(int(seconds * rate)).astype(np.float32)
            low_pass(audio, rate, 9000, 8)
            peak_envelope(audio, rate, 4)
    finally:
        fft.rfft, fft.irfft = forward, inverse
    assert len({n for kind, n in lengths if kind == "rfft"}) < 16, sorted(lengths)
    assert len({n for kind, n in lengths if kind == "irfft"}) < 16, sorted(lengths)
