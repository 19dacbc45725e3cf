"""Word timings from piper's alignments and hibari's duration tensor: the samples are
exactly those of `synthesize`, and the words fall in order inside the audio."""

import numpy as np
import pytest

from narrate.engines.base import speak

SENTENCES = [
    "The council voted forty-eight to two, on Tuesday.",
    "It's the U.S. team's best year — really! A second sentence follows.",
]


@pytest.fixture(params=["piper_engine", "hibari_engine"])
def engine(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("text", SENTENCES)
def test_timed_samples_equal_plain_samples(engine, text):
    assert np.array_equal(engine.synthesize_timed(text).samples, engine.synthesize(text))


@pytest.mark.parametrize("text", SENTENCES)
def test_every_spoken_word_has_a_time_in_order_inside_the_audio(engine, text):
    speech = speak(engine, text)
    assert len(speech.words) == len([t for t in text.split() if any(c.isalnum() for c in t)])
    previous_end = 0
    for word in speech.words:
        assert previous_end <= word.start < word.end <= speech.samples.size
        previous_end = word.end


def test_a_longer_word_lasts_longer(engine):
    words = {w.text: w for w in speak(engine, "A council deliberated.").words}
    assert (
        words["deliberated."].end - words["deliberated."].start > words["A"].end - words["A"].start
    )
