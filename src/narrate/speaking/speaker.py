"""The one speaker: chunk requests in, each chunk's leveled speech out, in request order.

`narrate ARTICLE`, `narrate batch` and the Python API all speak through a Speaker that
open_speaker sets up: the voice's engine, the sentence cache in front of one executor (this
process, a pool of worker processes or threads, or a Dask cluster), and the identity of the
speech it gives (what a cache key and a batch's fingerprint are made of).

Executors finish chunks in any order; the speaker hands them on in the order they
were asked for, so assembly can stream. Work is sent in windows of a few dozen chunks, the
longest of each window first, so the workers finish together instead of one of them
speaking a long sentence alone at the end.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic

from narrate.engines.base import Engine
from narrate.engines.registry import create_engine
from narrate.errors import EngineError
from narrate.speaking.cached import (
    CachedExecutor,
    CacheStats,
    VoiceCache,
    speech_identity,
    voice_cache,
)
from narrate.speaking.chunks import ChunkFailure, Executor, Key, Outcome
from narrate.speaking.inline import InlineExecutor, SharedExecutor
from narrate.speaking.pool import AdaptiveExecutor, EngineFactory, default_jobs
from narrate.speaking.settings import SpeakerSettings
from narrate.voices import Voice

#: Builds the executor a speaker speaks with: (voice, engine) -> Executor.
ExecutorFactory = Callable[[Voice, Engine], Executor]

#: Chunks sorted longest first together; results wait at most about this many chunks for
#: the one before them, so memory stays bounded.
WINDOW = 16


class Speaker(Generic[Key]):
    """Speaks chunk requests (key, text) through `executor`, serving cached chunks from
    `cache` when given; yields (key, Speech or ChunkFailure) in request order. Closing the
    speaker closes the executor. Made by open_speaker, it knows its voice and engine too."""

    def __init__(
        self,
        executor: Executor,
        cache: VoiceCache | None = None,
        window: int = WINDOW,
        *,
        voice: Voice | None = None,
        engine: Engine | None = None,
    ) -> None:
        self.executor: Executor = executor if cache is None else CachedExecutor(executor, cache)
        self.cache = cache
        self.inner = executor
        self.voice = voice
        self.engine = engine
        self.window = max(1, window)
        self._spoken = 0
        self._failed = 0

    @property
    def stats(self) -> CacheStats:
        """Chunks read from the cache, synthesized and failed, over this speaker's life."""
        if isinstance(self.executor, CachedExecutor):
            return self.executor.stats
        return CacheStats(0, self._spoken, self._failed)

    @property
    def identity(self) -> str:
        """What decides the samples of this speaker's chunks, but their text."""
        if self.voice is None or self.engine is None:
            raise ValueError("a Speaker made without its voice and engine has no identity")
        return speech_identity(self.voice, self.engine)

    def shared_by(self, voice: Voice) -> Speaker | None:
        """This speaker's engine and executor as one narration's own speaker (its own cache
        view and counts), for a narration in `voice`; None for another voice. Closing it
        leaves them open: the speaker that opened them closes them."""
        if self.voice is None or self.engine is None or voice.name != self.voice.name:
            return None
        return Speaker(
            _Borrowed(self.inner), self.cache, self.window, voice=voice, engine=self.engine
        )

    def missing(self, texts: Iterable[str]) -> int:
        """How many distinct texts of `texts` would have to be synthesized."""
        texts = set(texts)
        return len(texts) if self.cache is None else self.cache.count_missing(texts)

    def warm_up(self) -> None:
        """Start loading the model now, before any chunk is known: in a pool of threads
        (cheap to start, and the engine they load is the one every chunk uses); an engine
        spoken by worker processes waits for get_ready."""
        inner = self.inner
        if isinstance(inner, AdaptiveExecutor) and not inner.engine.remote and inner.threaded:
            inner.start_pool()

    def get_ready(self, opening: Sequence[str], *, long: bool) -> None:
        """Before an article is planned: when its opening chunks are not all cached (a
        repeat is served by the cache, and loads no model), start loading the model while
        the rest is planned: a pool of threads always (cheap), of worker processes only for a
        `long` article (they cost seconds to start). Call from the main thread."""
        inner = self.inner
        if not isinstance(inner, AdaptiveExecutor) or inner.engine.remote:
            return
        if (long or inner.threaded) and self.missing(opening):
            inner.start_pool()

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


class _Borrowed:
    """Another speaker's executor, lent: speaks through it, never closes it."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        return self.inner.speak(requests)

    def close(self) -> None:
        pass


class PlanningOnly:
    """The executor of a speaker that only plans (a batch's --dry-run): it speaks nothing."""

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        for key, _text in requests:
            yield key, ChunkFailure(EngineError("this speaker only plans; it speaks nothing"))

    def close(self) -> None:
        pass


def open_speaker(
    voice: Voice,
    settings: SpeakerSettings | None = None,
    *,
    engine: Engine | None = None,
    executor: Executor | None = None,
    executor_factory: ExecutorFactory | None = None,
    planning_only: bool = False,
    shared: bool = False,
) -> Speaker:
    """The speaker for `voice`: its engine (built here unless given), the sentence cache
    unless settings turn it off, and the executor: `executor` or `executor_factory`'s when
    given, else the settings' cluster or local workers (open_executor). `planning_only`: an
    engine and identity to plan with, and nothing started. `shared`: one loaded engine that
    several narrations speak through at once, each in its own thread (see shared_by)."""
    settings = settings or SpeakerSettings()
    engine = engine or create_engine(voice)
    if planning_only:
        executor = PlanningOnly()
    elif shared and executor is None and executor_factory is None and not settings.cluster:
        from narrate.audio.loudness import level_chunk

        executor = SharedExecutor(engine, level_chunk)
    elif executor is None:
        if executor_factory is not None:
            executor = executor_factory(voice, engine)
        else:
            executor = open_executor(voice, engine, jobs=settings.jobs, cluster=settings.cluster)
    cache = voice_cache(settings.cache_dir, voice, engine) if settings.cache else None
    return Speaker(executor, cache, voice=voice, engine=engine)


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
