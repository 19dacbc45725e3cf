import mutagen
import numpy as np
import pytest
from mutagen.mp3 import BitrateMode

from narrate.audio.encode import EncodeSettings, encode, output_format
from narrate.errors import UsageError
from narrate.ffmpeg import decode_file

RATE = 22050


@pytest.fixture(scope="module")
def speech(piper_engine):
    return piper_engine.synthesize("A short sentence for the encoder.")


def test_mp3_is_cbr_mono_at_the_voice_rate_with_exact_duration(speech, tmp_path):
    path = tmp_path / "a.mp3"
    encode(speech, RATE, path, EncodeSettings(bitrate="64k"))
    info = mutagen.File(path).info
    assert (info.channels, info.sample_rate) == (1, RATE)
    assert abs(info.bitrate - 64000) <= 100
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
    assert abs(info.length - speech.size / RATE) < 0.06  # Xing/LAME header gives the length
    decoded, rate = decode_file(str(path))
    assert rate == RATE and abs(decoded.size - speech.size) < RATE * 0.06


@pytest.mark.parametrize("name", ["m4a", "ogg", "wav"])
def test_other_formats_decode(speech, tmp_path, name):
    path = tmp_path / f"a.{name}"
    encode(speech, RATE, path, EncodeSettings(format=name))
    decoded, rate = decode_file(str(path))
    assert rate == RATE
    assert abs(decoded.size - speech.size) / RATE < 0.1


def test_wav_without_loudness_is_lossless(speech, tmp_path):
    path = tmp_path / "a.wav"
    encode(speech, RATE, path, EncodeSettings(format="wav", loudness=None))
    decoded, _ = decode_file(str(path))
    np.testing.assert_array_equal(decoded, speech)


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="mp3, m4a, ogg, wav"):
        output_format("flac8")
