"""Synthesis on a Dask cluster: the executor `--cluster` plugs in (one article or a batch).

The client keeps the cache, the state file and the assembly; workers only turn text into
leveled audio. Each worker builds the voice's engine once (a worker plugin) and returns
FLAC-compressed samples with the words' timings; they decode to exactly the samples a local
run makes, because chunks are reproducible in any process. Work is streamed: at most a few
chunks per worker thread are in flight, so the client's memory stays bounded.

Needs the `cluster` extra (`pip install 'narrate[cluster]'`) here and on every worker.
"""

from __future__ import annotations

import io
import re
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from narrate.engines.base import Speech, WordTiming
from narrate.engines.registry import create_engine
from narrate.errors import EngineError, UsageError
from narrate.speaking.chunks import ChunkFailure, Finish, Key, Outcome, unchanged
from narrate.speaking.inline import InlineExecutor
from narrate.voices import Voice

PLUGIN_NAME = "narrate-voice"
# How long to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_SECONDS = 10
IN_FLIGHT_PER_THREAD = 4
LOCAL_ADDRESS = re.compile(r"local(?::(\d+))?$")


@dataclass(frozen=True)
class ClusterStats:
    """What crossed the network: chunks spoken and compressed audio bytes returned."""

    chunks: int
    audio_bytes: int
    audio_samples: int


def _dask() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise UsageError(
            "--cluster needs Dask: pip install 'narrate[cluster]' (here and on every worker)"
        ) from error
    return distributed


def _plugin_class() -> type:
    """The worker plugin, defined lazily so that importing narrate never imports Dask."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class VoicePlugin(WorkerPlugin):
        """Builds the voice's engine once per worker process, before any task runs."""

        def __init__(self, voice: Voice, finish: Finish) -> None:
            self.voice = voice
            self.finish = finish

        def setup(self, worker: Any) -> None:
            self.executor = InlineExecutor(create_engine(self.voice), self.finish)
            self.executor.speak_one("Ready.")  # load the model now, not in the first task

    return VoicePlugin


#: What a task returns: the chunk's samples as FLAC, and its words as (text, start, end).
Spoken = tuple[bytes, list[tuple[str, int, int]]]


def speak_on_worker(text: str) -> Spoken:
    """A task: speak `text` with this worker's engine; FLAC bytes (lossless, ~1/3 the size)
    and the words' timings."""
    import soundfile
    from distributed import get_worker

    executor: InlineExecutor = get_worker().plugins[PLUGIN_NAME].executor
    speech = executor.speak_one(text)
    buffer = io.BytesIO()
    if speech.samples.size:  # FLAC cannot hold zero samples: sent as no bytes
        soundfile.write(
            buffer,
            speech.samples,
            executor.engine.sample_rate,
            format="FLAC",
            subtype="PCM_16",
        )
    return buffer.getvalue(), [(w.text, w.start, w.end) for w in speech.words]


def decode_flac(data: bytes) -> np.ndarray:
    import soundfile

    if not data:
        return np.zeros(0, dtype=np.int16)
    samples, _rate = soundfile.read(io.BytesIO(data), dtype="int16")
    return samples


def _check_reachable(address: str) -> None:
    """Fail in seconds, before any work, when nothing listens at the scheduler's address
    (Dask itself keeps retrying a refused connection until its timeout)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        raise UsageError(f"--cluster takes tcp://HOST:PORT or local:N, not {address!r}")
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=3):
            pass
    except OSError as error:
        raise EngineError(
            f"cannot reach the Dask scheduler at {address}: {error.strerror or error}"
        ) from None


class DaskExecutor:
    """Speak chunks on a Dask cluster: `tcp://host:8786`, or `local:N` for a LocalCluster of
    N worker processes on this machine."""

    def __init__(self, address: str, voice: Voice, finish: Finish = unchanged) -> None:
        distributed = _dask()
        self._cluster = None
        local = LOCAL_ADDRESS.match(address)
        try:
            if local:
                workers = int(local.group(1) or 2)
                self._cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: never clash with another cluster
                    silence_logs=40,
                )
                target: Any = self._cluster
            else:
                _check_reachable(address)
                target = address
            self.client = distributed.Client(target, timeout=CONNECT_TIMEOUT_SECONDS)
        except (OSError, TimeoutError) as error:
            self.close()
            raise EngineError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        self.client.register_plugin(_plugin_class()(voice, finish), name=PLUGIN_NAME)
        self.audio_bytes = 0
        self.chunks = 0
        self.audio_samples = 0

    @property
    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        """Yields (key, speech) as chunks finish; a chunk whose task failed (an engine error,
        or workers dying more often than Dask retries) comes as a ChunkFailure, so that a
        batch fails that post alone."""
        from distributed import as_completed

        source = iter(requests)
        keys: dict[Any, Key] = {}
        limit = self.threads * IN_FLIGHT_PER_THREAD
        pending = as_completed()
        try:
            for _ in range(limit):
                if not self._submit_next(source, keys, pending):
                    break
            for future in pending:
                key = keys.pop(future.key)
                outcome = self._outcome(future)
                self._submit_next(source, keys, pending)
                yield key, outcome
        except BaseException:
            # Ctrl-C or a failure: cancel what is still queued so workers stop at once.
            self.client.cancel(list(pending.futures))
            raise

    def _outcome(self, future: Any) -> Outcome:
        try:
            data = future.result()
        except Exception as error:  # the task's own exception, re-raised here
            return ChunkFailure(error)
        finally:
            future.release()
        flac, words = data
        samples = decode_flac(flac)
        self.chunks += 1
        self.audio_bytes += len(flac)
        self.audio_samples += samples.size
        return Speech(samples, tuple(WordTiming(*word) for word in words))

    def _submit_next(
        self, source: Iterator[tuple[Key, str]], keys: dict[Any, Key], pending: Any
    ) -> bool:
        item = next(source, None)
        if item is None:
            return False
        key, text = item
        # pure=False: the same text twice is two tasks, each with its own key here.
        future = self.client.submit(speak_on_worker, text, pure=False, retries=2)
        keys[future.key] = key
        pending.add(future)
        return True

    def stats(self) -> ClusterStats:
        return ClusterStats(self.chunks, self.audio_bytes, self.audio_samples)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
