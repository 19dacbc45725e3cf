"""The sentence cache after a crash: an empty or undecodable entry is a miss (removed, then
spoken again), a chunk of zero samples has its own marker, and entries are flushed to disk."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from narrate.speaking.store import SentenceCache

RATE = 22_050
KEY = "ab" + "0" * 62


def tone() -> np.ndarray:
    return (np.sin(np.arange(2205) / 7) * 8000).astype(np.int16)


def test_an_entry_reads_back_exactly(tmp_path: Path) -> None:
    store = SentenceCache(tmp_path)
    store.put(KEY, tone(), RATE)
    assert np.array_equal(store.get(KEY, RATE), tone())


def test_an_empty_entry_is_a_miss_and_removed(tmp_path: Path) -> None:
    store = SentenceCache(tmp_path)
    path = store.path_for(KEY)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")  # what a power cut leaves of an entry renamed before its data
    assert store.get(KEY, RATE) is None
    assert not path.exists() and not store.has(KEY)


def test_an_entry_that_does_not_decode_is_a_miss_and_removed(tmp_path: Path) -> None:
    store = SentenceCache(tmp_path)
    store.put(KEY, tone(), RATE)
    path = store.path_for(KEY)
    path.write_bytes(path.read_bytes()[:40])  # cut short in its header
    assert store.get(KEY, RATE) is None
    assert not path.exists()
    store.put(KEY, tone(), RATE)
    path.write_bytes(path.read_bytes()[:1000])  # cut short in its samples
    assert store.get(KEY, RATE) is None
    assert not path.exists()
    store.put(KEY, tone(), RATE)  # spoken again
    assert np.array_equal(store.get(KEY, RATE), tone())


def test_a_chunk_of_zero_samples_is_a_marker_not_an_empty_entry(tmp_path: Path) -> None:
    store = SentenceCache(tmp_path)
    store.put(KEY, np.zeros(0, dtype=np.int16), RATE)
    assert not store.path_for(KEY).exists()
    assert store.empty_path_for(KEY).is_file() and store.has(KEY)
    samples = store.get(KEY, RATE)
    assert samples is not None and samples.size == 0
    assert store.info().entries == 1
    assert store.clear() == 1 and not store.has(KEY)


def test_an_entry_is_flushed_before_its_rename_and_its_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        events.append("fsync " + os.readlink(f"/proc/self/fd/{handle}"))
        real_fsync(handle)

    def replace(source: str, target: Path) -> None:
        events.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store = SentenceCache(tmp_path)
    store.put(KEY, tone(), RATE)
    assert [e.split(" ")[0] for e in events] == ["fsync", "replace", "fsync"]
    assert events[0].endswith(".part")
    assert events[2] == f"fsync {store.path_for(KEY).parent}"
