"""The sentence cache: each chunk's leveled samples, kept losslessly under a key of all that
decides them, so re-narrating an unchanged article synthesizes nothing.

A key is the SHA-256 of the engine's identity, the voice's name and options, the chunk's
spoken text, SYNTHESIS_VERSION and the leveling version. Piper chunks are reproducible, so a
hit is exactly what synthesis would give. Entries are 16-bit mono WAV files: FLAC took half
the space but its decoding was a quarter of a warm long read's work (2.4 s for two hours of
audio, against next to nothing for WAV). Each is written beside its final name, flushed to
disk and renamed into place, so runs in parallel share one cache safely and a power cut
leaves a whole entry or none; an entry whose data is shorter than its header says, or that
does not parse, is removed and synthesized again. A chunk that says nothing is an empty
`<key>.empty` marker, so an empty file is never a valid entry.

Each entry's words' timings are a JSON sidecar beside it (`<key>.words.json`), written
first, so an entry whose sidecar is missing is a miss. How a voice keys entries, and the
executor that serves hits, are narrate.speaking.cached.
"""

from __future__ import annotations

import contextlib
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrate.atomic import atomic_path, write_text_atomic
from narrate.errors import UsageError

ENTRY_SUFFIX = ".wav"
EMPTY_SUFFIX = ".empty"  # a chunk of zero samples
WORDS_SUFFIX = ".words.json"  # an entry's words and their timings
OLD_SUFFIXES = (".flac",)  # entries of earlier versions: counted and cleared, never read


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


class SentenceCache:
    """A folder of WAV entries named by key, two hex digits of fan-out, each with the
    sidecar of its words."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def empty_path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{EMPTY_SUFFIX}"

    def words_path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{WORDS_SUFFIX}"

    def put_words(self, key: str, data: str) -> None:
        """Store an entry's words sidecar (JSON text), before the entry itself."""
        write_text_atomic(self.words_path_for(key), data)

    def has(self, key: str) -> bool:
        return self.path_for(key).is_file() or self.empty_path_for(key).is_file()

    def get(self, key: str, sample_rate: int) -> np.ndarray | None:
        """The cached samples (mono int16), or None when absent. An entry that is empty or
        damaged (a write cut short) is removed: a miss, spoken again."""
        path = self.path_for(key)
        try:
            with wave.open(str(path), "rb") as entry:
                frames = entry.getnframes()
                shape = (entry.getnchannels(), entry.getsampwidth(), entry.getframerate())
                data = entry.readframes(frames)
            if len(data) != frames * 2 or shape[:2] != (1, 2):
                raise ValueError("damaged entry")
        except FileNotFoundError:
            if self.empty_path_for(key).is_file():
                return np.zeros(0, dtype=np.int16)
            return None
        except (OSError, EOFError, ValueError, wave.Error):
            path.unlink(missing_ok=True)
            return None
        if shape[2] != sample_rate:
            return None
        return np.frombuffer(data, dtype="<i2").astype(np.int16)

    def put(self, key: str, samples: np.ndarray, sample_rate: int) -> None:
        """Store `samples` under `key`: written beside, flushed to disk, renamed into place
        (the folder flushed too); zero samples are an empty-chunk marker."""
        path = self.path_for(key) if samples.size else self.empty_path_for(key)
        with atomic_path(path) as temporary, temporary.open("wb") as out:
            if samples.size:
                with wave.open(out, "wb") as entry:
                    entry.setnchannels(1)
                    entry.setsampwidth(2)
                    entry.setframerate(sample_rate)
                    entry.writeframes(samples.astype("<i2", copy=False).tobytes())
        if not samples.size:
            self.path_for(key).unlink(missing_ok=True)  # an older, broken entry

    def entries(self) -> Iterator[Path]:
        if self.directory.is_dir():
            for suffix in (ENTRY_SUFFIX, EMPTY_SUFFIX, *OLD_SUFFIXES):
                yield from self.directory.glob(f"??/*{suffix}")

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
        if self.directory.is_dir():  # the sidecars first: an entry without one is a miss
            for sidecar in self.directory.glob(f"??/*{WORDS_SUFFIX}"):
                sidecar.unlink(missing_ok=True)
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
