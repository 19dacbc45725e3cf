"""Run an engine over many texts: in this process, in a pool of processes, or in threads.

This is the seam a cluster plugs into: anything with `speak(requests)` and `close()` that
yields each request's key with its samples can stand in for the local pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol, TypeVar

import numpy as np

from narrate.engines.base import Engine
from narrate.engines.registry import create_engine
from narrate.errors import EngineError
from narrate.voices import Voice

Key = TypeVar("Key", bound=Hashable)


# Applied to each chunk's samples where it was spoken (in the worker): (samples, rate) -> samples.
Finish = Callable[[np.ndarray, int], np.ndarray]


def unchanged(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    return samples


class Executor(Protocol):
    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, np.ndarray]]:
        """Synthesize each (key, text); yields (key, samples) as they finish, in any order."""
        ...

    def close(self) -> None: ...


class InlineExecutor:
    """One engine in this process: the simplest executor, and the one tests reason about."""

    def __init__(self, engine: Engine, finish: Finish = unchanged) -> None:
        self.engine = engine
        self.finish = finish

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, np.ndarray]]:
        for key, text in requests:
            yield key, self.speak_one(text)

    def speak_one(self, text: str) -> np.ndarray:
        return self.finish(self.engine.synthesize(text), self.engine.sample_rate)

    def close(self) -> None:
        pass


# The engine of a pool worker process: built once by the initializer, used for every chunk
# that process speaks. Per-process state is what a process pool is for.
_worker: InlineExecutor | None = None


def _init_worker(voice: Voice, finish: Finish) -> None:
    global _worker
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

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, np.ndarray]]:
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
                    samples = future.result()
                except BrokenProcessPool as error:
                    raise EngineError(
                        "a synthesis worker process died (out of memory or killed?)"
                    ) from error
                yield key, samples

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


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
