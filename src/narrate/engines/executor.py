"""Run an engine over many texts: in this process, in a pool of processes, or in threads.

This is the seam a cluster plugs into: anything with `speak(requests)` and `close()` that
yields each request's key with its samples can stand in for the local pool. An executor may
yield a ChunkFailure in place of samples when one chunk fails, so that a batch fails that
post alone; raising from `speak` ends the whole run instead.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol, TypeVar

import numpy as np

from narrate.engines.base import Engine
from narrate.engines.registry import create_engine
from narrate.errors import EngineError, NarrateError
from narrate.voices import Voice

Key = TypeVar("Key", bound=Hashable)


# Applied to each chunk's samples where it was spoken (in the worker): (samples, rate) -> samples.
Finish = Callable[[np.ndarray, int], np.ndarray]


def unchanged(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    return samples


@dataclass(frozen=True)
class ChunkFailure:
    """Synthesizing one chunk failed: the error, for the caller to raise or to record."""

    error: Exception

    def __str__(self) -> str:
        if isinstance(self.error, NarrateError):
            return str(self.error)
        return f"{type(self.error).__name__}: {self.error}"


#: What an executor yields for each request: the chunk's samples, or why it has none.
Outcome = np.ndarray | ChunkFailure


class Executor(Protocol):
    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        """Synthesize each (key, text); yields (key, samples) as they finish, in any order.

        `requests` may be a lazy iterator: it is read only as fast as work is taken on, and
        `speak` may be called again on the same executor with more requests.
        """
        ...

    def close(self) -> None: ...


class InlineExecutor:
    """One engine in this process: the simplest executor, and the one tests reason about."""

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

    def speak_one(self, text: str) -> np.ndarray:
        return self.finish(self.engine.synthesize(text), self.engine.sample_rate)

    def close(self) -> None:
        pass


# The engine of a pool worker process: built once by the initializer, used for every chunk
# that process speaks. Per-process state is what a process pool is for.
_worker: InlineExecutor | None = None


def _init_worker(voice: Voice, finish: Finish) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent cancels the work and reports in one
    # line; workers that took the signal too would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = InlineExecutor(create_engine(voice), finish)


def _speak_in_worker(text: str) -> np.ndarray:
    if _worker is None:
        raise EngineError("synthesis worker was not initialized")
    return _worker.speak_one(text)


class PoolExecutor:
    """A pool of worker processes (local engines) or threads (network engines).

    At most `jobs * 4` requests are in flight, so memory stays bounded however many chunks
    are fed in.
    """

    def __init__(self, voice: Voice, engine: Engine, jobs: int, finish: Finish = unchanged) -> None:
        self.jobs = max(1, jobs)
        self._pool: futures.Executor
        if engine.remote:
            self._pool = futures.ThreadPoolExecutor(max_workers=self.jobs)
            self._call: Callable[[str], np.ndarray] = InlineExecutor(engine, finish).speak_one
        else:
            # forkserver: a fork of a process that already runs onnxruntime threads can hang.
            # Workers fork from a server that has imported the engine once. As with any
            # process pool, a script using the API needs `if __name__ == "__main__":`.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["numpy", "onnxruntime", type(engine).__module__])
            self._pool = futures.ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=context,
                initializer=_init_worker,
                initargs=(voice, finish),
            )
            self._call = _speak_in_worker

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        pending: dict[futures.Future, Key] = {}
        source = iter(requests)
        limit = self.jobs * 4
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                key, text = item
                pending[self._pool.submit(self._call, text)] = key
            if not pending:
                break
            done, _ = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
            for future in done:
                key = pending.pop(future)
                try:
                    outcome: Outcome = future.result()
                except BrokenProcessPool as error:
                    raise EngineError(
                        "a synthesis worker process died (out of memory or killed?)"
                    ) from error
                except Exception as error:  # the engine failed on this chunk only
                    outcome = ChunkFailure(error)
                yield key, outcome

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class AdaptiveExecutor:
    """Speaks a handful of chunks in this process and more in a pool of processes.

    A pool costs seconds to start (a process per core, each loading the model): more than a
    few chunks take. So each `speak` looks at its first `threshold` requests; fewer than that
    (a batch where one sentence was edited) are spoken inline, and once a pool has been
    started it takes everything.
    """

    def __init__(
        self,
        voice: Voice,
        engine: Engine,
        jobs: int,
        finish: Finish = unchanged,
        threshold: int = 8,
    ) -> None:
        self.voice, self.engine, self.jobs, self.finish = voice, engine, jobs, finish
        self.threshold = threshold
        self._inline = InlineExecutor(engine, finish)
        self._pool: PoolExecutor | None = None

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        source = iter(requests)
        head = list(itertools.islice(source, self.threshold))
        if self._pool is None and len(head) < self.threshold:
            yield from self._inline.speak(head)
            return
        if self._pool is None:
            self._pool = PoolExecutor(self.voice, self.engine, self.jobs, self.finish)
        yield from self._pool.speak(itertools.chain(head, source))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def open_executor(
    voice: Voice, engine: Engine, jobs: int | None = None, finish: Finish = unchanged
) -> Executor:
    """The executor for `jobs` workers (default: all cores); one job runs inline.

    `finish` must be a module-level function: it travels to the worker processes.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 and not engine.remote:
        return InlineExecutor(engine, finish)
    return PoolExecutor(voice, engine, jobs, finish)


def local_executor(
    voice: Voice, engine: Engine, jobs: int | None = None, finish: Finish = unchanged
) -> Executor:
    """open_executor for work of unknown size (a batch): with more than one job, a pool is
    started only when a run has enough chunks to synthesize to pay for it."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs > 1 and not engine.remote:
        return AdaptiveExecutor(voice, engine, jobs, finish)
    return open_executor(voice, engine, jobs, finish)
