"""Intro and outro audio: laid before the title and after the article with a paragraph's
pause, each a chapter of its own, every timing after them shifted; read through ffmpeg,
leveled like speech; bad files fail in one line. End to end: the disclosure is still the
first thing said after the intro, the file passes `narrate inspect`, and a new jingle
synthesizes nothing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from narrate.audio.assemble import INTRO_CHAPTER, LEAD_IN_SECONDS, OUTRO_CHAPTER, assemble
from narrate.audio.jingles import load_jingles
from narrate.documents.article import Article, Block, BlockKind
from narrate.engines.base import Speech
from narrate.errors import AudioError
from narrate.ffmpeg import ffmpeg_path
from narrate.text.script import build_script
from narrate.voices import Pauses

RATE = 22050
PAUSES = Pauses(
    chunk=0.1, sentence=0.3, paragraph=0.7, heading_before=1.1, heading_after=0.5, intro=1.3
)
ARTICLE = Article(title="Title", blocks=(Block(BlockKind.PARAGRAPH, "One. Two."),))


def tone(seconds: float, frequency: float = 220.0, level: float = 12000) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * frequency * t) * level).astype(np.int16)


def joined(intro=None, outro=None):
    script = build_script(ARTICLE, max_chars=400)
    chunks = [Speech(tone(1.0)) for s in script.sentences() for _ in s.chunks]
    from narrate.audio.assemble import Joiner

    joiner = Joiner(script, RATE, PAUSES, intro=intro, outro=outro)
    samples = np.concatenate(list(joiner.blocks(chunks)))
    return joiner.rendered(samples)


def test_an_intro_shifts_every_timing_by_itself_and_a_pause():
    plain = joined()
    intro = tone(2.0, 440.0)
    with_intro = joined(intro=intro)
    shift = intro.size + round(PAUSES.paragraph * RATE)
    assert [t.start - shift for t in with_intro.sentences] == [t.start for t in plain.sentences]
    assert with_intro.samples.size == plain.samples.size + shift
    lead = round(LEAD_IN_SECONDS * RATE)
    assert np.array_equal(with_intro.samples[lead : lead + intro.size], intro)


def test_intro_and_outro_are_chapters_around_the_article():
    intro, outro = tone(2.0, 440.0), tone(1.5, 330.0)
    result = joined(intro=intro, outro=outro)
    titles = [c.title for c in result.chapters]
    assert titles == [INTRO_CHAPTER, "Title", OUTRO_CHAPTER]
    intro_chapter, title_chapter, outro_chapter = result.chapters
    assert intro_chapter.start == 0 and intro_chapter.end == title_chapter.start
    assert title_chapter.start == result.sentences[0].start  # the title is said there
    assert outro_chapter.start > result.sentences[-1].end
    assert outro_chapter.end == result.samples.size
    assert result.duration == pytest.approx(
        joined().duration + (intro.size + outro.size) / RATE + 2 * PAUSES.paragraph, abs=1e-6
    )


def test_assemble_without_jingles_is_unchanged():
    script = build_script(ARTICLE, max_chars=400)
    chunks = [Speech(tone(1.0)) for s in script.sentences() for _ in s.chunks]
    alone = assemble(script, chunks, RATE, PAUSES)
    assert np.array_equal(alone.samples, joined().samples)


def write_tone(path: Path, seconds: float, frequency: float, rate: int = 44100) -> Path:
    """A stereo MP3 tone at another sample rate than the voice's, made by ffmpeg."""
    subprocess.run(
        [ffmpeg_path(), "-v", "quiet", "-y", "-f", "lavfi", "-i",
         f"sine=frequency={frequency}:duration={seconds}:sample_rate={rate}",
         "-ac", "2", str(path)],
        check=True,
    )  # fmt: skip
    return path


def test_a_jingle_is_read_at_the_voices_rate_in_mono_and_leveled(tmp_path):
    from narrate.audio.bs1770 import integrated_loudness
    from narrate.audio.loudness import REFERENCE_LUFS

    jingles = load_jingles(write_tone(tmp_path / "in.mp3", 2.0, 440.0), None, 24000)
    assert jingles.outro is None and jingles.intro is not None
    assert jingles.intro.dtype == np.int16
    assert jingles.intro.size / 24000 == pytest.approx(2.0, abs=0.1)
    loudness = integrated_loudness(jingles.intro.astype(np.float64) / 32768, 24000)
    assert loudness == pytest.approx(REFERENCE_LUFS, abs=1.0)


@pytest.mark.parametrize("kind", ["missing", "not audio", "silent"])
def test_a_bad_jingle_is_one_audio_error(tmp_path, kind):
    path = tmp_path / "intro.wav"
    if kind == "not audio":
        path.write_text("hello", encoding="utf-8")
    elif kind == "silent":
        import soundfile

        soundfile.write(path, np.zeros(RATE, dtype=np.int16), RATE)
    with pytest.raises(AudioError, match="intro"):
        load_jingles(path, None, RATE)


@pytest.mark.slow
def test_a_narration_with_intro_and_outro_passes_inspect_and_a_new_jingle_speaks_nothing(
    tmp_path,
):
    from narrate.cli import app
    from narrate.inspect import inspect_file
    from narrate.pipeline import NarrationSettings, narrate_article

    article = tmp_path / "note.md"
    article.write_text("# Harbor note\n\nThe ferry left at noon. It came back at four.\n")
    intro = write_tone(tmp_path / "intro.mp3", 3.0, 440.0)
    outro = write_tone(tmp_path / "outro.mp3", 2.0, 330.0)
    cache = tmp_path / "cache"
    result = CliRunner().invoke(
        app,
        [str(article), "-o", str(tmp_path / "note.mp3"), "--intro", str(intro),
         "--outro", str(outro), "--cache-dir", str(cache), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    inspection = inspect_file(tmp_path / "note.mp3")
    assert inspection.disclosure.complete
    assert inspection.loudness.integrated == pytest.approx(-16.0, abs=1.0)
    titles = [c.title for c in inspection.chapters]
    assert titles[0] == INTRO_CHAPTER and titles[1] == "Harbor note" and titles[-1] == OUTRO_CHAPTER
    manifest = json.loads((tmp_path / "note.json").read_text())
    spoken = manifest["disclosure"]["spoken"]
    title_start = manifest["sentences"][0]["start"]
    # After the 3 s intro: the title, then the disclosure, before any article text.
    assert 3.0 < title_start < spoken["start"] < manifest["sentences"][2]["start"]
    assert inspection.chapters[1].start == pytest.approx(title_start, abs=0.05)

    other = write_tone(tmp_path / "other.mp3", 1.0, 550.0)
    again = narrate_article(
        article,
        NarrationSettings(output=tmp_path / "again.mp3", cache_dir=cache, intro=other),
    )
    assert again.synthesized == 0 and again.cached > 0
    assert again.rendered.chapters[0].title == INTRO_CHAPTER
