"""One engine in this process: the simplest executor, and the one tests reason about."""

from __future__ import annotations

import threading
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


class SharedExecutor(InlineExecutor):
    """An inline executor over one engine that several narrations use at once, each in its
    own thread (narrate serve): an engine that says it is `threaded` (it releases the GIL
    while it speaks) serves them all together, any other one speaks for one at a time."""

    def __init__(self, engine: Engine, finish: Finish = unchanged) -> None:
        super().__init__(engine, finish)
        self._lock = None if getattr(engine, "threaded", False) else threading.Lock()

    def speak_one(self, text: str) -> Speech:
        if self._lock is None:
            return super().speak_one(text)
        with self._lock:
            return super().speak_one(text)
