"""The sentence cache: each chunk's leveled samples, kept losslessly under a key of all that
decides them, so re-narrating an unchanged article synthesizes nothing.

A key is the SHA-256 of the engine's identity, the voice's name and options, the chunk's
spoken text, SYNTHESIS_VERSION and the leveling version. Piper chunks are reproducible, so a
hit is exactly what synthesis would give. Entries are FLAC files (about half the size of raw
PCM) written beside their final name and renamed into place, so runs in parallel share one
cache safely: a reader sees a whole entry or none.

CachedExecutor wraps any executor (the local pool, a cluster): it serves hits itself and
sends only the misses on, once per distinct text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import soundfile

from narrate.audio.loudness import LEVELING_VERSION
from narrate.engines.base import SYNTHESIS_VERSION, Engine
from narrate.engines.executor import ChunkFailure, Executor, Outcome
from narrate.errors import UsageError
from narrate.voices import Voice

Key = TypeVar("Key", bound=Hashable)
ENTRY_SUFFIX = ".flac"
# Hits found ahead of the next miss wait in memory until they are yielded; past this many
# the executor lets the consumer catch up first, so memory stays bounded on long runs of hits.
LOOKAHEAD_HITS = 64


def default_cache_dir() -> Path:
    """The per-user cache folder (platformdirs: ~/.cache/narrate on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("narrate", appauthor=False))


@dataclass(frozen=True)
class CacheInfo:
    """Where the cache is, how many entries it holds and their size in bytes."""

    directory: Path
    entries: int
    size: int


@dataclass(frozen=True)
class CacheStats:
    """What one narration took from the cache and what it had to synthesize (chunks)."""

    hits: int = 0
    synthesized: int = 0
    failed: int = 0


class SentenceCache:
    """A folder of FLAC files named by key, two hex digits of fan-out."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def has(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def get(self, key: str, sample_rate: int) -> np.ndarray | None:
        """The cached samples (mono int16), or None when absent or unreadable."""
        path = self.path_for(key)
        try:
            if path.stat().st_size == 0:  # FLAC cannot hold zero samples: stored as empty
                return np.zeros(0, dtype=np.int16)
            samples, rate = soundfile.read(path, dtype="int16", always_2d=False)
        except FileNotFoundError:
            return None
        except (OSError, RuntimeError, soundfile.LibsndfileError):
            # A damaged entry (a disk that filled up) is a miss; the next put replaces it.
            return None
        if rate != sample_rate or samples.ndim != 1:
            return None
        return samples

    def put(self, key: str, samples: np.ndarray, sample_rate: int) -> None:
        """Store `samples` under `key`: written beside, then renamed into place."""
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                if samples.size:
                    soundfile.write(
                        out, samples.astype(np.int16, copy=False), sample_rate, format="FLAC",
                        subtype="PCM_16",
                    )  # fmt: skip
            os.replace(name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise

    def entries(self) -> Iterator[Path]:
        if self.directory.is_dir():
            yield from self.directory.glob(f"??/*{ENTRY_SUFFIX}")

    def info(self) -> CacheInfo:
        count = size = 0
        for path in self.entries():
            with contextlib.suppress(OSError):  # removed by a concurrent clear
                size += path.stat().st_size
                count += 1
        return CacheInfo(self.directory, count, size)

    def clear(self) -> int:
        """Remove every entry (and leftovers of interrupted writes); returns entries removed.
        Only narrate's own files go, so a --cache-dir shared with other things is safe."""
        removed = 0
        for path in list(self.entries()):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
        if self.directory.is_dir():
            for leftover in self.directory.glob("??/.*.part"):
                leftover.unlink(missing_ok=True)
            for shard in self.directory.glob("??"):
                with contextlib.suppress(OSError):  # not empty: someone is writing
                    shard.rmdir()
        return removed


def _store(directory: Path | None) -> SentenceCache:
    folder = directory or default_cache_dir()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"cache folder {folder} is a file, not a folder")
    return SentenceCache(folder)


def cache_info(directory: Path | None = None) -> CacheInfo:
    """Where the cache is (default: the user cache folder), its entries and their size."""
    return _store(directory).info()


def clear_cache(directory: Path | None = None) -> tuple[Path, int]:
    """Empty the cache; returns its folder and how many entries were removed."""
    store = _store(directory)
    return store.directory, store.clear()


@dataclass(frozen=True)
class VoiceCache:
    """The cache as one voice and engine see it: keys include everything but the text."""

    store: SentenceCache
    identity: str
    sample_rate: int

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.identity}\x1f{text}".encode()).hexdigest()

    def get(self, text_key: str) -> np.ndarray | None:
        return self.store.get(text_key, self.sample_rate)

    def put(self, text_key: str, samples: np.ndarray) -> None:
        self.store.put(text_key, samples, self.sample_rate)

    def count_missing(self, texts: Iterable[str]) -> int:
        """How many distinct texts would have to be synthesized."""
        return sum(1 for text in set(texts) if not self.store.has(self.key(text)))


def voice_cache(directory: Path | None, voice: Voice, engine: Engine) -> VoiceCache:
    """The cache for `voice` spoken by `engine`, in `directory` (default: the user cache)."""
    identity = json.dumps(
        [
            engine.identity(),
            voice.name,
            voice.options,
            SYNTHESIS_VERSION,
            LEVELING_VERSION,
        ],
        sort_keys=True,
        default=str,
    )
    store = SentenceCache(directory if directory is not None else default_cache_dir())
    return VoiceCache(store, identity, engine.sample_rate)


class CachedExecutor:
    """An executor that serves cached chunks itself and sends only misses to `inner`.

    The same text requested twice while it is being synthesized (the disclosure in every
    post of a batch) is synthesized once. Failures are passed on, never cached.
    """

    def __init__(self, inner: Executor, cache: VoiceCache, lookahead: int = LOOKAHEAD_HITS):
        self.inner = inner
        self.cache = cache
        self.lookahead = max(1, lookahead)
        self._hits = 0
        self._synthesized = 0
        self._failed = 0

    @property
    def stats(self) -> CacheStats:
        return CacheStats(self._hits, self._synthesized, self._failed)

    def speak(self, requests: Iterable[tuple[Key, str]]) -> Iterator[tuple[Key, Outcome]]:
        source = iter(requests)
        hits: deque[tuple[Key, Outcome]] = deque()
        # Cache key -> the requests waiting for it; the inner executor sees cache keys only.
        waiting: dict[str, list[Key]] = {}
        exhausted = False

        def misses() -> Iterator[tuple[str, str]]:
            nonlocal exhausted
            for key, text in source:
                text_key = self.cache.key(text)
                if text_key in waiting:
                    waiting[text_key].append(key)
                    continue
                samples = self.cache.get(text_key)
                if samples is not None:
                    self._hits += 1
                    hits.append((key, samples))
                    if len(hits) >= self.lookahead:
                        return  # ends this round; the next one resumes `source`
                    continue
                waiting[text_key] = [key]
                yield text_key, text
            exhausted = True

        while not exhausted:
            for text_key, outcome in self.inner.speak(misses()):
                while hits:
                    yield hits.popleft()
                if isinstance(outcome, ChunkFailure):
                    self._failed += 1
                else:
                    self._synthesized += 1
                    # A cache that cannot be written (full disk, read-only) costs speed only.
                    with contextlib.suppress(OSError):
                        self.cache.put(text_key, outcome)
                for key in waiting.pop(text_key):
                    yield key, outcome
            while hits:
                yield hits.popleft()

    def close(self) -> None:
        self.inner.close()
