"""A pool of worker processes, or of threads sharing one engine (network engines, and local
engines whose heavy work releases the GIL), and the adaptive executor that speaks a handful
of chunks inline and more in a pool.

Each worker process builds the engine once and loads its model in the initializer, so a
pool started early (while the article is read and planned) is warm when chunks come. A
worker that dies (out of memory, a crash on odd text) fails only the chunk it held: the pool
is restarted, the chunks that were in flight are spoken again one at a time to find the one
that kills its worker, and the others are spoken as if nothing happened.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool

from narrate.engines.base import Engine, Speech
from narrate.engines.registry import create_engine
from narrate.errors import EngineError
from narrate.speaking import lifeline
from narrate.speaking.chunks import ChunkFailure, Finish, Key, Outcome, unchanged
from narrate.speaking.inline import InlineExecutor
from narrate.voices import Voice

#: Builds a worker's engine from the voice; must be importable by name (it is pickled).
EngineFactory = Callable[[Voice], Engine]
IN_FLIGHT_PER_JOB = 4
DIED = "a synthesis worker process died while speaking this chunk (out of memory, or killed?)"

# The engine of a pool worker process: built once by the initializer, used for every chunk
# that process speaks. Per-process state is what a process pool is for.
_worker: InlineExecutor | None = None


def _init_worker(voice: Voice, finish: Finish, factory: EngineFactory, owner: int) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent cancels the work and reports in one
    # line; workers that took the signal too would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    lifeline.die_with_parent()
    lifeline.watch(owner)
    _worker = InlineExecutor(factory(voice), finish)
    # Load the model now, not in the first chunk; a broken engine fails on the real chunks.
    with contextlib.suppress(Exception):
        _worker.speak_one("Ready.")


def _speak_in_worker(text: str) -> Speech:
    if _worker is None:
        raise EngineError("synthesis worker was not initialized")
    return _worker.speak_one(text)


def _ready() -> bool:
    return _worker is not None


def _bootstrapping() -> bool:
    """True in a worker process still importing the user's script (a script without the
    `__main__` guard calls narrate again from inside the worker)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


def leave_if_starting_worker() -> None:
    """Called first by the public API: in a worker process that is importing a script
    without the `__main__` guard, leave quietly instead of narrating again. The parent sees
    its workers could not start and speaks in its own process instead."""
    if _bootstrapping():
        raise SystemExit(1)


def prepare_forkserver(engine: Engine) -> multiprocessing.context.BaseContext:
    """The context pools of `engine` fork their workers from, its server started now when
    called from the main thread: it imports what every worker needs (leveling's scipy.fft
    and scipy.ndimage, the engine) and builds what they can share (lifeline), which takes a second
    or two, so a narration starts it before it reads the article. forkserver, because a fork
    of a process that already runs onnxruntime threads can hang."""
    context = multiprocessing.get_context("forkserver")
    preload = ["numpy", "scipy.fft", "scipy.ndimage"]
    context.set_forkserver_preload([*preload, type(engine).__module__, lifeline.__name__])
    if threading.current_thread() is threading.main_thread():
        multiprocessing.forkserver.ensure_running()
    return context


def runs_in_threads(engine: Engine) -> bool:
    """Whether `engine` is spoken by threads of this process sharing it: a remote engine
    waits on the network, and a `threaded` one (hibari) releases the GIL in its heavy parts,
    so threads keep the cores as busy as processes do, with one model in memory and nothing
    to start. The price: a crash in the engine's native code ends the run, where a worker
    process would fail one chunk."""
    return engine.remote or bool(getattr(engine, "threaded", False))


class PoolExecutor:
    """`jobs` worker processes, or threads (runs_in_threads; `processes=True` asks for
    processes anyway: a crash then costs one chunk, not the run). At most `jobs * 4`
    requests are in flight, so memory stays bounded however many chunks are fed in.

    Create it in the main thread: the forkserver it starts dies with the thread that made it.
    """

    def __init__(
        self,
        voice: Voice,
        engine: Engine,
        jobs: int,
        finish: Finish = unchanged,
        factory: EngineFactory = create_engine,
        processes: bool = False,
    ) -> None:
        leave_if_starting_worker()
        self.voice, self.engine, self.finish, self.factory = voice, engine, finish, factory
        self.threads = engine.remote or (runs_in_threads(engine) and not processes)
        self.jobs = max(1, jobs)
        self.restarts = 0
        self._started: list[futures.Future] = []
        self._starter: threading.Thread | None = None
        self._fallback: InlineExecutor | None = None
        self._used = False  # any chunk sent: a pool started ahead may have had nothing to do
        self._pool, self._call = self._start()

    def _start(self) -> tuple[futures.Executor, Callable[[str], Speech]]:
        if self.threads:
            inline = InlineExecutor(self.engine, self.finish)
            pool = futures.ThreadPoolExecutor(self.jobs, thread_name_prefix="narrate-speak")
            if not self.engine.remote:
                # The model loads now, while this thread goes on (reading and planning).
                self._started = [pool.submit(inline.speak_one, "Ready.")]
            return pool, inline.speak_one
        context = prepare_forkserver(self.engine)
        pool = futures.ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.voice, self.finish, self.factory, os.getpid()),
        )
        # One task per worker starts them all now: each loads the model in its initializer
        # while this process goes on (reading and planning an article). Submitted from a
        # thread: each submit waits for the forkserver, busy with its preloads at first.
        self._starter = threading.Thread(
            target=self._start_workers, args=(pool,), name="narrate-pool-start", daemon=True
        )
        self._starter.start()
        return pool, _speak_in_worker

    def _start_workers(self, pool: futures.ProcessPoolExecutor) -> None:
        started = []
        for _ in range(self.jobs):
            try:
                started.append(pool.submit(_ready))
            except (BrokenProcessPool, RuntimeError):  # broken, or closed already
                break
        self._started = started

    def _restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        self._pool, self._call = self._start()

    def _cannot_start(self) -> bool:
        """Every worker died before it was ready: a script without the `__main__` guard
        (each worker imports it, and leaves), or an engine that cannot even be built."""
        if self._starter is not None:
            self._starter.join()
        return bool(self._started) and all(
            f.done() and isinstance(f.exception(), BrokenProcessPool) for f in self._started
        )

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        pending: dict[futures.Future, tuple[Key, str]] = {}
        source = iter(requests)
        limit = self.jobs * IN_FLIGHT_PER_JOB
        exhausted = False
        while pending or not exhausted:
            if self._fallback is not None:
                yield from self._fallback.speak(source)
                return
            while not exhausted and len(pending) < limit:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                pending[self._submit(item[1])] = item
                self._used = True
            if not pending:
                break
            done, _ = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
            broken = False
            for future in done:
                if isinstance(future.exception(), BrokenProcessPool):
                    broken = True
                    continue
                key, _text = pending.pop(future)
                yield key, self._outcome(future)
            if broken and self._cannot_start():
                # Speak here, one chunk at a time: slower, but the script works.
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._fallback = InlineExecutor(self.engine, self.finish)
                yield from self._fallback.speak(list(pending.values()))
                pending.clear()
                continue
            if broken:
                # Every chunk in flight is lost with the pool; which one killed its worker
                # is found by speaking them again one at a time.
                suspects = list(pending.values())
                pending.clear()
                self._restart()
                for key, text in suspects:
                    yield key, self._speak_alone(text)

    def _outcome(self, future: futures.Future) -> Outcome:
        try:
            speech: Speech = future.result()
        except Exception as error:  # the engine failed on this chunk only
            return ChunkFailure(error)
        return speech

    def _submit(self, text: str) -> futures.Future:
        """The future of `text` spoken by the pool; a pool that broke since it was last
        waited on gives a future that failed so, for speak() to handle like any other."""
        try:
            return self._pool.submit(self._call, text)
        except BrokenProcessPool as error:
            failed: futures.Future = futures.Future()
            failed.set_exception(error)
            return failed

    def _speak_alone(self, text: str) -> Outcome:
        future = self._submit(text)
        futures.wait([future])
        if isinstance(future.exception(), BrokenProcessPool):
            self._restart()
            return ChunkFailure(EngineError(DIED))
        return self._outcome(future)

    def close(self) -> None:
        if self._starter is not None:
            self._starter.join()
        if not self._used:
            # Started ahead and never needed (every chunk was cached): its workers may still
            # be loading the model; end them now rather than wait for it.
            processes = getattr(self._pool, "_processes", None) or {}
            for process in list(processes.values()):
                process.terminate()
        self._pool.shutdown(wait=self._fallback is None, cancel_futures=True)


class AdaptiveExecutor:
    """Speaks a handful of chunks in this process and more in a pool of processes.

    A pool costs seconds to start (a process per core, each loading the model): more than a
    few chunks take. So each `speak` looks at its first `threshold` requests; fewer than that
    (a batch where one sentence was edited, an article whose chunks are nearly all cached)
    are spoken inline, and once a pool has been started it takes everything. A pool started
    ahead (`start_pool`, while an article is planned) is used as soon as there is work.
    """

    def __init__(
        self,
        voice: Voice,
        engine: Engine,
        jobs: int,
        finish: Finish = unchanged,
        threshold: int = 8,
        factory: EngineFactory = create_engine,
        processes: bool = False,
    ) -> None:
        self.voice, self.engine, self.jobs, self.finish = voice, engine, jobs, finish
        self.threshold, self.factory, self.processes = threshold, factory, processes
        self._inline = InlineExecutor(engine, finish)
        self._pool: PoolExecutor | None = None
        self._warm = False

    @property
    def threaded(self) -> bool:
        """Whether its pool is threads in this process (cheap to start) and not processes."""
        return runs_in_threads(self.engine) and not self.processes

    def start_pool(self) -> None:
        """Start the pool now, before any chunk is known (call from the main thread)."""
        if self._pool is None:
            self._pool = self._new_pool()
            self._warm = True

    def _new_pool(self) -> PoolExecutor:
        return PoolExecutor(
            self.voice, self.engine, self.jobs, self.finish, self.factory, self.processes
        )

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        source = iter(requests)
        head = list(itertools.islice(source, self.threshold))
        few = len(head) < self.threshold
        if few and (self._pool is None or self._warm):
            # A pool started ahead that finds almost nothing to do is not kept waiting on.
            yield from self._inline.speak(head)
            return
        self._warm = False
        if self._pool is None:
            self._pool = self._new_pool()
        yield from self._pool.speak(itertools.chain(head, source))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
