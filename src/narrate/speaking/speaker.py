"""The one speaker: chunk requests in, each chunk's leveled speech out, in request order.

`narrate ARTICLE`, `narrate batch` and the Python API all speak through a Speaker: the
sentence cache in front of one executor (this process, a pool of worker processes, or a Dask
cluster). Executors finish chunks in any order; the speaker hands them on in the order they
were asked for, so assembly can stream. Work is sent in windows of a few dozen chunks, the
longest of each window first, so the workers finish together instead of one of them
speaking a long sentence alone at the end.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Generic

from narrate.engines.base import Engine
from narrate.engines.registry import create_engine
from narrate.speaking.cached import CachedExecutor, CacheStats, VoiceCache
from narrate.speaking.chunks import ChunkFailure, Executor, Key, Outcome
from narrate.speaking.inline import InlineExecutor
from narrate.speaking.pool import AdaptiveExecutor, EngineFactory, default_jobs
from narrate.voices import Voice

#: Chunks sorted longest first together; results wait at most about this many chunks for
#: the one before them, so memory stays bounded.
WINDOW = 16


class Speaker(Generic[Key]):
    """Speaks chunk requests (key, text) through `executor`, serving cached chunks from
    `cache` when given; yields (key, Speech or ChunkFailure) in request order. Closing the
    speaker closes the executor."""

    def __init__(
        self, executor: Executor, cache: VoiceCache | None = None, window: int = WINDOW
    ) -> None:
        self.executor: Executor = executor if cache is None else CachedExecutor(executor, cache)
        self.window = max(1, window)
        self._spoken = 0
        self._failed = 0

    @property
    def stats(self) -> CacheStats:
        """Chunks read from the cache, synthesized and failed, over this speaker's life."""
        if isinstance(self.executor, CachedExecutor):
            return self.executor.stats
        return CacheStats(0, self._spoken, self._failed)

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        keys: dict[int, Key] = {}
        arrived: dict[int, Outcome] = {}
        following = 0

        def numbered() -> Iterator[tuple[int, str]]:
            source = iter(requests)
            for start in itertools.count(0, self.window):
                window = list(itertools.islice(source, self.window))
                if not window:
                    return
                for offset, (key, _text) in enumerate(window):
                    keys[start + offset] = key
                order = sorted(range(len(window)), key=lambda i: -len(window[i][1]))
                for i in order:
                    yield start + i, window[i][1]

        for number, outcome in self.executor.speak(numbered()):
            arrived[number] = outcome
            while following in arrived:
                ready = arrived.pop(following)
                if isinstance(ready, ChunkFailure):
                    self._failed += 1
                else:
                    self._spoken += 1
                yield keys.pop(following), ready
                following += 1

    def close(self) -> None:
        self.executor.close()

    def __enter__(self) -> Speaker[Key]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_executor(
    voice: Voice,
    engine: Engine,
    *,
    jobs: int | None = None,
    cluster: str | None = None,
    factory: EngineFactory = create_engine,
    start_pool: bool = False,
) -> Executor:
    """The executor for a run: the Dask cluster `cluster` names (tcp://HOST:PORT, local:N),
    else `jobs` local workers (default: all cores; one runs inline). A local pool is started
    only when a run has enough chunks to synthesize to pay for it; `start_pool` starts it
    now, ahead of the chunks (call from the main thread)."""
    from narrate.audio.loudness import level_chunk

    if cluster:
        from narrate.speaking.cluster import DaskExecutor

        return DaskExecutor(cluster, voice, finish=level_chunk)
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 and not engine.remote:
        return InlineExecutor(engine, level_chunk)
    executor = AdaptiveExecutor(voice, engine, jobs, level_chunk, factory=factory)
    if start_pool and not engine.remote:
        executor.start_pool()
    return executor
