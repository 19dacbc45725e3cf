"""The sentence cache: exact WAV entries, and the single-article command using it (keys
and the executor serving hits: tests/speaking/test_cached.py)."""

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from narrate.audio.loudness import level_chunk
from narrate.cli import app
from narrate.ffmpeg import decode_file
from narrate.pipeline import NarrationSettings, narrate_article
from narrate.speaking.store import SentenceCache


@pytest.fixture
def leveled(piper_engine):
    return level_chunk(piper_engine.synthesize("The cache keeps this exactly."), 22050)


def test_an_entry_reads_back_sample_for_sample(tmp_path, leveled):
    store = SentenceCache(tmp_path)
    store.put("ab" * 32, leveled, 22050)
    np.testing.assert_array_equal(store.get("ab" * 32, 22050), leveled)
    # An ordinary WAV file, as any other reader (ffmpeg here) sees it.
    samples, rate = decode_file(str(store.path_for("ab" * 32)))
    assert rate == 22050
    np.testing.assert_array_equal(samples, leveled)


def test_empty_samples_are_kept_too(tmp_path):
    store = SentenceCache(tmp_path)
    store.put("cd" * 32, np.zeros(0, dtype=np.int16), 22050)
    assert store.get("cd" * 32, 22050).size == 0


def test_a_damaged_or_foreign_entry_is_a_miss(tmp_path, leveled):
    store = SentenceCache(tmp_path)
    store.put("ef" * 32, leveled, 22050)
    assert store.get("ef" * 32, 24000) is None  # another sample rate
    store.path_for("ef" * 32).write_bytes(b"fLaC not really")
    assert store.get("ef" * 32, 22050) is None
    assert store.get("00" * 32, 22050) is None


def test_info_and_clear_count_only_entries(tmp_path, leveled):
    store = SentenceCache(tmp_path)
    for key in ("aa" * 32, "ab" * 32, "ba" * 32):
        store.put(key, leveled, 22050)
    (tmp_path / "notes.txt").write_text("not ours", encoding="utf-8")
    info = store.info()
    assert info.entries == 3 and info.size > 0
    assert store.clear() == 3
    assert store.info().entries == 0
    assert (tmp_path / "notes.txt").is_file()


@pytest.mark.slow
def test_renarrating_synthesizes_nothing_and_an_edit_only_its_sentence(tmp_path):
    article = tmp_path / "ferry.md"
    article.write_text(
        "# Ferry vote\n\nThe council voted. The ferry sails in May.\n\nRiders cheered.\n",
        encoding="utf-8",
    )
    settings = NarrationSettings(cache_dir=tmp_path / "cache", jobs=1)
    first = narrate_article(article, settings)
    assert first.synthesized == 5 and first.cached == 0
    first_audio = decode_file(str(first.path))[0]  # the narration streams to its file
    again = narrate_article(article, settings)
    assert again.synthesized == 0 and again.cached == 5
    np.testing.assert_array_equal(decode_file(str(again.path))[0], first_audio)
    assert again.rendered.sentences == first.rendered.sentences
    article.write_text(
        article.read_text(encoding="utf-8").replace("sails in May", "sails in June"),
        encoding="utf-8",
    )
    edited = narrate_article(article, settings)
    assert edited.synthesized == 1 and edited.cached == 4


def test_no_cache_setting_reads_and_writes_no_cache(tmp_path, article_md):
    settings = NarrationSettings(cache=False, cache_dir=tmp_path / "cache", jobs=1)
    narrate_article(article_md, settings)
    assert not (tmp_path / "cache").exists()


def test_cache_commands_show_and_clear_the_folder(tmp_path, leveled):
    SentenceCache(tmp_path / "c").put("aa" * 32, leveled, 22050)
    runner = CliRunner()
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(tmp_path / "c")])
    assert info.exit_code == 0 and "entries: 1" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path / "c")])
    assert cleared.exit_code == 0 and "removed 1 entries" in cleared.stdout


def test_default_cache_is_the_user_cache_folder(tmp_path):
    result = CliRunner().invoke(app, ["cache", "info", "--json"])
    assert result.exit_code == 0
    assert Path(tmp_path / ".cache" / "narrate").as_posix() in result.stdout


def test_cache_folder_that_is_a_file_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from narrate.cli import app

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["cache", "info", "--cache-dir", str(not_a_folder)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"narrate: error: cache folder {not_a_folder} is a file, not a folder"
    )
