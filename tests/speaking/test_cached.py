"""The sentence cache as a voice sees it: keys of all that decides a chunk, word timings
kept beside the samples, and the executor that synthesizes only what is missing."""

from dataclasses import replace

import numpy as np

from narrate.audio.loudness import level_chunk
from narrate.engines.base import Speech, WordTiming
from narrate.engines.piper import PiperEngine
from narrate.errors import EngineError
from narrate.speaking.cached import CachedExecutor, voice_cache
from narrate.speaking.chunks import ChunkFailure
from narrate.speaking.inline import InlineExecutor


def test_key_changes_with_text_voice_options_and_engine(tmp_path, voice, piper_engine):
    cache = voice_cache(tmp_path, voice, piper_engine)
    text = "Same words."
    faster = replace(voice, options={**voice.options, "speaking_rate": 1.2})
    renamed = replace(voice, name="joe-copy")
    keys = {
        cache.key(text),
        cache.key("Other words."),
        voice_cache(tmp_path, faster, PiperEngine(faster)).key(text),
        voice_cache(tmp_path, renamed, piper_engine).key(text),
    }
    assert len(keys) == 4
    assert voice_cache(tmp_path, voice, piper_engine).key(text) == cache.key(text)


def test_only_misses_reach_the_engine_and_repeats_are_spoken_once(tmp_path, voice, piper_engine):
    cache = voice_cache(tmp_path, voice, piper_engine)
    texts = ["One.", "Two.", "One.", "Three.", "One."]
    first = CachedExecutor(InlineExecutor(piper_engine, level_chunk), cache)
    spoken = dict(first.speak(enumerate(texts)))
    assert sorted(spoken) == [0, 1, 2, 3, 4]
    assert first.stats.synthesized == 3
    np.testing.assert_array_equal(spoken[0].samples, spoken[4].samples)

    again = CachedExecutor(InlineExecutor(piper_engine, level_chunk), cache, lookahead=2)
    replayed = dict(again.speak(enumerate(texts)))
    assert again.stats.synthesized == 0 and again.stats.hits == 5
    for key, speech in spoken.items():
        np.testing.assert_array_equal(replayed[key].samples, speech.samples)
        assert replayed[key].words == speech.words


class _FailsOn:
    """An engine that cannot say one word: how a failing chunk travels through the cache."""

    name = "failing"
    sample_rate = 22050
    max_chars = 100
    remote = False

    def __init__(self, engine: PiperEngine, word: str) -> None:
        self.engine = engine
        self.word = word

    def synthesize(self, text: str) -> np.ndarray:
        if self.word in text:
            raise EngineError(f"cannot say {self.word!r}")
        return self.engine.synthesize(text)

    def identity(self) -> str:
        return self.engine.identity()


def test_a_failed_chunk_is_passed_on_and_not_cached(tmp_path, voice, piper_engine):
    cache = voice_cache(tmp_path, voice, piper_engine)
    executor = CachedExecutor(InlineExecutor(_FailsOn(piper_engine, "zebra")), cache)
    outcomes = dict(executor.speak([(1, "A zebra."), (2, "A horse.")]))
    assert isinstance(outcomes[1], ChunkFailure) and "zebra" in str(outcomes[1])
    assert isinstance(outcomes[2], Speech)
    assert executor.stats.failed == 1 and cache.get(cache.key("A zebra.")) is None


def test_word_timings_survive_the_cache(tmp_path, voice, piper_engine):
    cache = voice_cache(tmp_path, voice, piper_engine)
    speech = Speech(np.arange(100, dtype=np.int16), (WordTiming("Hello", 3, 40),))
    cache.put(cache.key("Hello."), speech)
    back = cache.get(cache.key("Hello."))
    assert back is not None and back.words == speech.words
    np.testing.assert_array_equal(back.samples, speech.samples)


def test_an_entry_without_its_words_is_a_miss(tmp_path, voice, piper_engine):
    cache = voice_cache(tmp_path, voice, piper_engine)
    key = cache.key("Hello.")
    cache.put(key, Speech(np.arange(100, dtype=np.int16)))
    cache.store.path_for(key).with_suffix(".words.json").unlink()
    assert cache.get(key) is None
