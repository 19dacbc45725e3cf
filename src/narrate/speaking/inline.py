"""One engine in this process: the simplest executor, and the one tests reason about."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from narrate.engines.base import Engine, Speech, speak
from narrate.speaking.chunks import ChunkFailure, Finish, Key, Outcome, finished, unchanged


class InlineExecutor:
    """Speaks each request in turn with one engine, in this process."""

    def __init__(self, engine: Engine, finish: Finish = unchanged) -> None:
        self.engine = engine
        self.finish = finish

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        for key, text in requests:
            try:
                outcome: Outcome = self.speak_one(text)
            except Exception as error:  # any engine's failure belongs to this chunk alone
                outcome = ChunkFailure(error)
            yield key, outcome

    def speak_one(self, text: str) -> Speech:
        return finished(speak(self.engine, text), self.finish, self.engine.sample_rate)

    def close(self) -> None:
        pass
