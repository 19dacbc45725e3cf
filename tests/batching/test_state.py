"""The batch state file: rows survive reopening, one batch at a time, dry runs write nothing."""

import pytest

from narrate.batching.state import DONE, STATE_NAME, PostRecord, now, open_state
from narrate.errors import UsageError


def record(post_id: str, **fields) -> PostRecord:
    return PostRecord(post_id, "posts", f"/posts/{post_id}", DONE, now(), **fields)


def test_a_saved_post_is_there_when_reopened(tmp_path):
    with open_state(tmp_path) as state:
        state.save(record("a", output="a.mp3", duration=9.5, content_hash="h1"))
        state.save(record("b", output="b.mp3"))
    with open_state(tmp_path) as state:
        assert state.get("a").duration == 9.5 and state.get("a").content_hash == "h1"
        assert state.owners() == {"a.mp3": "a", "b.mp3": "b"}
        assert [r.id for r in state.records()] == ["a", "b"]
        assert state.get("missing") is None


def test_a_second_batch_on_the_same_folder_is_refused(tmp_path):
    with (
        open_state(tmp_path),
        pytest.raises(UsageError, match="another `narrate batch`"),
        open_state(tmp_path),
    ):
        pass
    with open_state(tmp_path):  # the lock went with the first batch
        pass


def test_a_dry_run_reads_the_state_and_creates_nothing(tmp_path):
    with open_state(tmp_path / "new", write=False) as state:
        assert state.records() == []
    assert not (tmp_path / "new").exists()
    with open_state(tmp_path) as state:
        state.save(record("a"))
    with open_state(tmp_path, write=False) as state, open_state(tmp_path):
        assert state.get("a") is not None  # and no lock taken: a batch may run meanwhile


def test_a_file_that_is_not_a_state_file_is_named(tmp_path):
    (tmp_path / STATE_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UsageError, match="not a narrate state file"), open_state(tmp_path):
        pass


def test_a_post_is_recorded_done_only_after_its_file_is_flushed(tmp_path, monkeypatch):
    import os

    events = []
    real_fsync = os.fsync

    def fsync(handle):
        events.append(os.readlink(f"/proc/self/fd/{handle}"))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    (tmp_path / "a.mp3").write_bytes(b"audio")
    with open_state(tmp_path) as state:
        before = len(events)
        state.save(record("a", output="a.mp3"))
        assert events[before:][:2] == [str(tmp_path / "a.mp3"), str(tmp_path)]
        assert state.get("a").status == DONE
        synchronous = state._db.execute("PRAGMA synchronous").fetchone()[0]
    assert synchronous == 2  # FULL
