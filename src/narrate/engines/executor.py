"""Run an engine over many texts: in this process, in a pool of processes, or in threads.

This is the seam a cluster plugs into: anything with `speak(requests)` and `close()` that
yields each request's key with its samples can stand in for the local pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent import futures
from typing import Protocol, TypeVar

import numpy as np

from narrate.engines.base import Engine
from narrate.engines.registry import create_engine
from narrate.voices import Voice

Key = TypeVar("Key", bound=Hashable)


class Executor(Protocol):
    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, np.ndarray]]:
        """Synthesize each (key, text); yields (key, samples) as they finish, in any order."""
        ...

    def close(self) -> None: ...


class InlineExecutor:
    """One engine in this process: the simplest executor, and the one tests reason about."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, np.ndarray]]:
        for key, text in requests:
            yield key, self.engine.synthesize(text)

    def close(self) -> None:
        pass


# The engine of a pool worker process: built once by the initializer, used for every chunk
# that process speaks. Per-process state is what a process pool is for.
_worker_engine: Engine | None = None


def _init_worker(voice: Voice) -> None:
    global _worker_engine
    _worker_engine = create_engine(voice)


def _speak_in_worker(text: str) -> np.ndarray:
    assert _worker_engine is not None, "worker initializer did not run"
    return _worker_engine.synthesize(text)


class PoolExecutor:
    """A pool of worker processes (local engines) or threads (network engines).

    At most `jobs * 4` requests are in flight, so memory stays bounded however many chunks
    are fed in.
    """

    def __init__(self, voice: Voice, engine: Engine, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._engine = engine
        self._pool: futures.Executor
        if engine.remote:
            self._pool = futures.ThreadPoolExecutor(max_workers=self.jobs)
            self._call: Callable[[str], np.ndarray] = engine.synthesize
        else:
            # forkserver: a fork of a process that already runs onnxruntime threads can hang.
            context = multiprocessing.get_context("forkserver")
            self._pool = futures.ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=context,
                initializer=_init_worker, initargs=(voice,),
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
                yield key, future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def open_executor(voice: Voice, engine: Engine, jobs: int | None = None) -> Executor:
    """The executor for `jobs` workers (default: all cores); one job runs inline."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 and not engine.remote:
        return InlineExecutor(engine)
    return PoolExecutor(voice, engine, jobs)
