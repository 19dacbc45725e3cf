"""The hibari engine: real synthesis with the voice inside the hibari-tts wheel."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pytest

from narrate.engines.base import speak
from narrate.engines.hibari import HibariEngine
from narrate.errors import VoiceError

SENTENCE = "The ferry will carry two hundred passengers."


def test_speaks_a_sentence_as_int16_at_24_khz(hibari_engine):
    samples = hibari_engine.synthesize(SENTENCE)
    assert samples.dtype == np.int16
    assert hibari_engine.sample_rate == 24_000
    assert 1.5 < samples.size / 24_000 < 6  # about 3 s of speech
    assert np.abs(samples).max() > 3000  # not silence


def test_same_text_gives_same_samples_whatever_came_before(hibari_engine):
    first = hibari_engine.synthesize(SENTENCE)
    hibari_engine.synthesize("Something else entirely, to move any shared state along.")
    assert np.array_equal(first, hibari_engine.synthesize(SENTENCE))


def test_different_text_gets_different_noise(hibari_engine):
    a = hibari_engine.synthesize("Yes.")
    b = hibari_engine.synthesize("Yes!")
    assert not np.array_equal(a[: min(a.size, b.size)], b[: min(a.size, b.size)])


def test_another_process_gives_identical_samples(hibari_engine):
    code = (
        "import sys, numpy as np\n"
        "from narrate.voices import get_voice\n"
        "from narrate.engines.hibari import HibariEngine\n"
        "e = HibariEngine(get_voice('heart'))\n"
        "e.synthesize('Warm up first, so the call count differs.')\n"
        f"sys.stdout.buffer.write(e.synthesize({SENTENCE!r}).tobytes())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert np.array_equal(np.frombuffer(out, dtype=np.int16), hibari_engine.synthesize(SENTENCE))


@pytest.mark.parametrize("fixture", ["hibari_engine", "piper_engine"])
def test_threads_sharing_one_engine_get_the_samples_of_one_thread(request, fixture):
    """A Dask worker with two threads shares one engine: the seed must travel with the call."""
    engine = request.getfixturevalue(fixture)
    texts = ["One sentence to speak.", "A different sentence, longer than the first one."] * 4
    alone = [engine.synthesize(text) for text in texts[:2]]
    with ThreadPoolExecutor(max_workers=2) as threads:
        together = list(threads.map(engine.synthesize, texts))
    for index, samples in enumerate(together):
        assert np.array_equal(samples, alone[index % 2]), index


def test_identity_names_package_version_and_model_digest(hibari_engine):
    from importlib.metadata import version

    identity = hibari_engine.identity()
    assert identity.startswith("hibari:")
    assert version("hibari-tts") in identity
    parts = identity.split(":")
    assert any(len(p) == 16 and all(c in "0123456789abcdef" for c in p) for p in parts)


def test_speaking_rate_changes_duration_and_identity(hibari_voice, hibari_engine):
    fast = HibariEngine(replace(hibari_voice, options={"speaking_rate": 1.3}))
    assert fast.identity() != hibari_engine.identity()
    assert fast.synthesize(SENTENCE).size < 0.92 * hibari_engine.synthesize(SENTENCE).size


def test_lexicon_phonemes_reach_the_model(hibari_engine):
    """`[word](/phonemes/)` is read as those phonemes: the written word no longer matters."""
    a = hibari_engine.synthesize("We went to [Kyiv](/kˈiv/) today.")
    b = hibari_engine.synthesize("We went to [Anywhere](/kˈiv/) today.")
    plain = hibari_engine.synthesize("We went to Kyiv today.")
    assert abs(a.size - b.size) <= 600  # same phonemes, same length (noise seeds differ)
    assert a.size != plain.size


def test_voice_not_in_the_wheel_is_refused_without_download(hibari_voice):
    with pytest.raises(VoiceError, match="not in the package"):
        HibariEngine(replace(hibari_voice, options={"voice": "emma"}))


def test_out_of_range_rate_is_refused(hibari_voice):
    with pytest.raises(VoiceError, match="speaking_rate"):
        HibariEngine(replace(hibari_voice, options={"speaking_rate": 5}))


def test_nothing_to_say_gives_no_samples(hibari_engine):
    assert speak(hibari_engine, "🙂 中文").samples.size == 0


def test_samples_are_hibaris_own_for_the_same_seed(hibari_engine):
    """The engine's one session (with the phoneme durations as an extra output) gives what
    hibari's own call gives with the engine's seed: the timings change nothing heard."""
    from hibari import Hibari

    from narrate.engines.hibari_timing import to_int16
    from narrate.engines.identity import seed_for

    seed = seed_for(hibari_engine.identity(), SENTENCE)
    own = to_int16(Hibari(threads=1)(SENTENCE, speed=hibari_engine.speed, seed=seed))
    assert np.array_equal(hibari_engine.synthesize(SENTENCE), own)


def test_engine_sets_everything_hibaris_constructor_sets(hibari_engine):
    """The engine builds hibari's Hibari around its own session (hibari_around): a hibari
    whose constructor sets something more fails here, not in a listener's narration."""
    from hibari import Hibari

    assert set(vars(hibari_engine._load())) == set(vars(Hibari(threads=1)))


def test_session_keeps_no_memory_pattern_per_sentence_length(hibari_engine):
    """Memory patterns, one per input length, fragment the heap over a long narration
    (engines/onnx_session.py)."""
    options = hibari_engine._load().sess.get_session_options()
    assert options.enable_mem_pattern is False
    assert options.intra_op_num_threads == 1


@pytest.mark.parametrize(
    "title, name", [("Pope", "Leo"), ("King", "Charles"), ("Queen", "Victoria"), ("part", "Irish")]
)
def test_a_name_after_a_title_is_not_read_as_a_zeroth_numeral(hibari_engine, title, name):
    """hibari's own numeral pattern matched an empty numeral before any I, V, X, L or C:
    "Pope Leo" was spoken "Pope the zeroth Leo" (mend_roman_numerals)."""
    tts = hibari_engine._load()
    (together,) = tts.phonemize(f"{title} {name}")
    assert together.split() == [*tts.phonemize(title)[0].split(), *tts.phonemize(name)[0].split()]


def test_a_roman_numeral_after_a_title_is_still_read(hibari_engine):
    tts = hibari_engine._load()
    assert tts.phonemize("Henry VIII") == tts.phonemize("Henry the eighth")


def test_the_timed_model_is_the_model_with_the_duration_output_and_nothing_else():
    """timed_model appends the output to the serialized bytes (no onnx import): parsed, it is
    the model onnx itself would have written with that output appended."""
    import onnx

    from narrate.engines.hibari import BUNDLED_VOICES, bundled_model_path
    from narrate.engines.hibari_timing import DURATION_TENSOR, timed_model

    path = str(bundled_model_path(BUNDLED_VOICES[0], BUNDLED_VOICES[0]))
    expected = onnx.load(path)
    expected.graph.output.append(onnx.ValueInfoProto(name=DURATION_TENSOR))
    timed = onnx.load_from_string(timed_model(path))
    assert timed.graph.output[-1].name == DURATION_TENSOR
    assert timed.SerializeToString() == expected.SerializeToString()
