import re

import numpy as np
import pytest

from narrate.audio.encode import EncodeSettings, encode
from narrate.audio.ffmpeg import run_ffmpeg
from narrate.audio.loudness import LoudnessTarget, integrated_loudness, limit, normalize_loudness


@pytest.fixture(scope="module")
def speech(piper_engine):
    text = (
        "The council voted on Tuesday to replace the harbor's diesel ferry. "
        "It will carry one hundred and fifty passengers. Fares will not change."
    )
    return piper_engine.synthesize(text), piper_engine.sample_rate


def ebur128(path):
    log = run_ffmpeg(
        ["-nostats", "-i", str(path), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"]
    ).stderr.decode()
    summary = log.split("Summary:")[-1]
    loudness = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return loudness, peak


@pytest.mark.parametrize("target", [-16.0, -19.0])
def test_mp3_meets_loudness_and_true_peak_measured_by_ffmpeg(speech, tmp_path, target):
    samples, rate = speech
    path = tmp_path / "out.mp3"
    encode(samples, rate, path, EncodeSettings(loudness=LoudnessTarget(integrated=target)))
    loudness, peak = ebur128(path)
    assert abs(loudness - target) <= 1.0
    assert peak <= -1.0


def test_limiter_keeps_every_sample_under_the_ceiling():
    rng = np.random.default_rng(1)
    audio = (rng.standard_normal(22050) * 0.5).astype(np.float32)
    assert np.abs(limit(audio, 0.5, 22050)).max() <= 0.5 + 1e-6


def test_silence_is_left_alone():
    silence = np.zeros(22050, dtype=np.int16)
    np.testing.assert_array_equal(normalize_loudness(silence, 22050, LoudnessTarget()), silence)


def test_pyloudnorm_and_ffmpeg_agree_on_wav(speech, tmp_path):
    samples, rate = speech
    path = tmp_path / "out.wav"
    encode(samples, rate, path, EncodeSettings(format="wav", loudness=None))
    assert abs(integrated_loudness(samples, rate) - ebur128(path)[0]) < 0.5
