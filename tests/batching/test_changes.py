"""Why a post is narrated again: new, forced, failed before, changed, settings, file gone."""

from dataclasses import replace

from narrate.batching.changes import due_reason, listed_unchanged, settings_fingerprint
from narrate.batching.state import DONE, PostRecord, now
from narrate.pipeline import NarrationSettings


def done(tmp_path, **fields) -> PostRecord:
    (tmp_path / "a.mp3").write_bytes(b"audio")
    base = PostRecord("a", "posts", "/a.md", DONE, now(), output="a.mp3")
    return replace(base, content_hash="h", settings_hash="s", **fields)


def test_reasons_in_order(tmp_path):
    record = done(tmp_path)
    assert due_reason(None, "h", "s", tmp_path, force=False) == "new"
    assert due_reason(record, "h", "s", tmp_path, force=True) == "forced"
    assert due_reason(replace(record, status="failed"), "h", "s", tmp_path, force=False) == (
        "failed before"
    )
    assert due_reason(record, "h2", "s", tmp_path, force=False) == "changed"
    assert due_reason(record, "h", "s2", tmp_path, force=False) == "settings changed"
    assert due_reason(record, "h", "s", tmp_path, force=False) is None
    (tmp_path / "a.mp3").unlink()
    assert due_reason(record, "h", "s", tmp_path, force=False) == "output missing"


def test_an_unchanged_lastmod_spares_the_fetch(tmp_path):
    record = done(tmp_path, version="2025-03-13")
    assert listed_unchanged("2025-03-13", record, "s", tmp_path)
    assert not listed_unchanged("2025-03-14", record, "s", tmp_path)
    assert not listed_unchanged(None, record, "s", tmp_path)
    assert not listed_unchanged("2025-03-13", record, "other settings", tmp_path)


def test_the_fingerprint_follows_what_changes_the_audio(voice, piper_engine):
    base = NarrationSettings()
    same = settings_fingerprint(NarrationSettings(jobs=7, cache=False), voice, piper_engine)
    assert settings_fingerprint(base, voice, piper_engine) == same
    louder = NarrationSettings(disclosure="Made with AI help.")
    assert settings_fingerprint(louder, voice, piper_engine) != same
    other_voice = replace(voice, options={**voice.options, "speaking_rate": 1.1})
    assert settings_fingerprint(base, other_voice, piper_engine) != same
