from dataclasses import replace

import numpy as np
import pytest

from narrate.engines.piper import PiperEngine
from narrate.errors import VoiceError


def test_speaks_a_sentence_as_int16_at_the_model_rate(piper_engine):
    samples = piper_engine.synthesize("The ferry sails at noon.")
    assert samples.dtype == np.int16
    assert piper_engine.sample_rate == 22050
    seconds = samples.size / piper_engine.sample_rate
    assert 0.8 < seconds < 4.0
    assert np.abs(samples).max() > 3000  # speech, not silence


def test_same_text_gives_same_samples_whatever_came_before(piper_engine):
    first = piper_engine.synthesize("Reproducible speech, chunk by chunk.")
    piper_engine.synthesize("Something else in between.")
    again = piper_engine.synthesize("Reproducible speech, chunk by chunk.")
    np.testing.assert_array_equal(first, again)


def test_fresh_engine_reproduces_the_same_samples(voice, piper_engine):
    text = "A new process speaks the same way."
    np.testing.assert_array_equal(
        PiperEngine(voice).synthesize(text), piper_engine.synthesize(text)
    )


def test_speaking_rate_changes_duration(voice, piper_engine):
    fast = PiperEngine(replace(voice, options={**voice.options, "speaking_rate": 1.5}))
    text = "The council voted seven to two on Tuesday."
    assert fast.synthesize(text).size < 0.8 * piper_engine.synthesize(text).size


def test_speaking_rate_is_part_of_identity(voice, piper_engine):
    fast = PiperEngine(replace(voice, options={**voice.options, "speaking_rate": 1.2}))
    assert fast.identity() != piper_engine.identity()


def test_missing_model_package_names_the_pip_install(voice):
    broken = replace(voice, options={"model_package": "no_such_voice_pkg"})
    with pytest.raises(VoiceError, match="pip install no-such-voice-pkg"):
        PiperEngine(broken)


def test_out_of_range_rate_is_refused(voice):
    with pytest.raises(VoiceError, match="speaking_rate"):
        PiperEngine(replace(voice, options={**voice.options, "speaking_rate": 9}))


def test_session_keeps_no_memory_pattern_per_sentence_length(piper_engine):
    """Memory patterns, one per input length, fragment the heap over a long narration
    (engines/onnx_session.py)."""
    _voice, seeded = piper_engine._load()
    assert seeded._session.get_session_options().enable_mem_pattern is False
