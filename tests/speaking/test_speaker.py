"""The speaker: chunks in request order whatever order they finish in, the longest of each
window sent first, the cache in front."""

import numpy as np

from narrate.engines.base import Speech
from narrate.speaking.inline import InlineExecutor
from narrate.speaking.speaker import Speaker


class ReversingExecutor:
    """Takes every request first, then finishes them last to first; records what it got."""

    def __init__(self) -> None:
        self.received: list[str] = []

    def speak(self, requests):
        taken = list(requests)
        self.received.extend(text for _, text in taken)
        for key, text in reversed(taken):
            yield key, Speech(np.full(len(text), 1, dtype=np.int16))

    def close(self) -> None:
        pass


class ToneEngine:
    name = "tone"
    sample_rate = 16000
    max_chars = 100
    remote = False

    def synthesize(self, text: str) -> np.ndarray:
        return np.full(len(text), 7, dtype=np.int16)

    def identity(self) -> str:
        return "tone:1"


TEXTS = ["a", "bbbb", "cc", "dddddd", "e", "fff"]


def test_chunks_come_in_request_order_whatever_order_they_finish_in():
    speaker = Speaker(ReversingExecutor(), window=4)
    keys = [key for key, _ in speaker.speak(enumerate(TEXTS))]
    assert keys == list(range(len(TEXTS)))


def test_the_longest_chunks_of_each_window_are_sent_first():
    executor = ReversingExecutor()
    list(Speaker(executor, window=4).speak(enumerate(TEXTS)))
    assert executor.received == ["dddddd", "bbbb", "cc", "a", "fff", "e"]


def test_stats_count_synthesized_chunks_without_a_cache():
    speaker = Speaker(InlineExecutor(ToneEngine()))
    spoken = dict(speaker.speak(enumerate(TEXTS)))
    assert [spoken[i].samples.size for i in range(len(TEXTS))] == [len(t) for t in TEXTS]
    assert speaker.stats.synthesized == len(TEXTS) and speaker.stats.hits == 0
