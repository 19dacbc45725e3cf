"""The speaker: chunks in request order whatever order they finish in, the longest of each
window sent first, the cache in front."""

import numpy as np
from fakes import BabbleEngine

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
    engine = BabbleEngine()
    speaker = Speaker(InlineExecutor(engine))
    spoken = dict(speaker.speak(enumerate(TEXTS)))
    sizes = [spoken[i].samples.size for i in range(len(TEXTS))]
    assert sizes == [engine.synthesize(t).size for t in TEXTS]
    assert speaker.stats.synthesized == len(TEXTS) and speaker.stats.hits == 0
