"""A narration's files as one set: a ~3-minute narration end to end (captions against the
manifest and the audio, signing, inspect), and failures that leave nothing behind."""

import json
import re
from pathlib import Path

import pytest
import webvtt
from PIL import Image
from synthetic import tone_narration

from narrate.audio.assemble import TAIL_SECONDS
from narrate.audio.encode import EncodeSettings
from narrate.audio.measure import measure_loudness
from narrate.documents.article import Article
from narrate.errors import TagError, UsageError
from narrate.ffmpeg import decode_file
from narrate.inspect import inspect_file
from narrate.outputs import OutputFiles, prepare_extras, write_outputs
from narrate.pipeline import NarrationSettings, narrate_article
from narrate.publish.manifest import file_sha256
from narrate.tags.c2pa import SigningKey, SigningSettings

REPO = Path(__file__).resolve().parents[1]
RATE = 22050
WORDS_FOR_THREE_MINUTES = 480


def three_minute_article(folder: Path) -> Path:
    """The first ~480 words of a benchmark article: about three minutes of speech."""
    text = (REPO / "bench" / "data" / "river-flood-plan-1000.md").read_text(encoding="utf-8")
    kept, words = [], 0
    for paragraph in text.split("\n\n"):
        if words >= WORDS_FOR_THREE_MINUTES:
            break
        kept.append(paragraph)
        words += len(paragraph.split())
    path = folder / "flood-plan.md"
    path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def narration(tmp_path_factory, signing_files):
    """Narrated once for the whole module: the slow part (synthesis) runs a single time."""
    folder = tmp_path_factory.mktemp("three-minutes")
    cover = folder / "cover.png"
    Image.new("RGB", (2000, 2000), "navy").save(cover)
    settings = NarrationSettings(
        output_dir=folder / "output",
        srt=True,
        embed_transcript=True,
        cover=cover,
        signing=SigningSettings(*signing_files),
        jobs=2,
    )
    return narrate_article(three_minute_article(folder), settings)


def seconds(timestamp: str) -> float:
    hours, minutes, rest = timestamp.replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


@pytest.mark.slow
def test_the_set_is_written_beside_the_audio_and_nothing_else(narration):
    files = narration.files
    assert files.audio == narration.path
    written = [files.audio, files.captions, files.subtitles, files.manifest]
    if files.words is not None and files.words.is_file():  # the engine timed the words
        written.append(files.words)
    assert sorted(p.name for p in narration.path.parent.iterdir()) == sorted(
        p.name for p in written
    )


@pytest.mark.slow
def test_vtt_cues_match_the_manifest_and_the_audio_to_the_end(narration):
    manifest = json.loads(narration.files.manifest.read_text(encoding="utf-8"))
    cues = webvtt.read(str(narration.files.captions))
    assert manifest["duration"] >= 150  # about three minutes
    assert len(cues) == len(manifest["sentences"])
    for cue, sentence in zip(cues, manifest["sentences"], strict=True):
        assert cue.identifier == sentence["id"]
        assert abs(seconds(cue.start) - sentence["start"]) <= 0.001
        assert abs(seconds(cue.end) - sentence["end"]) <= 0.001
    # The audio as a player decodes it ends one tail of silence after the last cue.
    samples, rate = decode_file(str(narration.path))
    assert abs(samples.size / rate - (seconds(cues[-1].end) + TAIL_SECONDS)) <= 0.05
    assert abs(samples.size / rate - manifest["duration"]) <= 0.05


@pytest.mark.slow
def test_srt_has_the_same_cues(narration):
    vtt = webvtt.read(str(narration.files.captions))
    srt = webvtt.from_srt(str(narration.files.subtitles))
    assert [(c.start, c.end) for c in srt] == [(c.start, c.end) for c in vtt]


@pytest.mark.slow
def test_manifest_hash_is_the_final_signed_file(narration):
    manifest = json.loads(narration.files.manifest.read_text(encoding="utf-8"))
    assert manifest["hashes"]["audio_sha256"] == file_sha256(narration.path)
    assert manifest["c2pa_signed"] is True
    assert manifest["files"]["audio"] == narration.path.name
    assert [c["title"] for c in manifest["chapters"]][1:] == [
        "What the plan pays for",
        "How the costs are shared",
    ]


@pytest.mark.slow
def test_inspect_finds_everything_in_the_narration(narration):
    inspection = inspect_file(narration.path)
    disclosure = inspection.disclosure
    assert disclosure.complete and disclosure.tagged and disclosure.machine_readable
    assert disclosure.credentials.valid
    assert disclosure.spoken.recorded_in == "tag" and disclosure.spoken.sound
    assert inspection.tags.cover and inspection.tags.transcript
    assert abs(inspection.loudness.integrated + 16) <= 0.5 and inspection.loudness.true_peak <= -1
    assert [c.title for c in inspection.chapters][1] == "What the plan pays for"


# Fast checks on a synthetic narration (tests/synthetic.py).


@pytest.fixture
def tone():
    return tone_narration()


def write(tone, files, fmt="mp3", signing=None):
    rendered, script, labels = tone
    stages = []
    write_outputs(
        rendered,
        script,
        labels,
        files,
        source="tone.md",
        encoding=EncodeSettings(format=fmt),
        signing=signing,
        on_stage=stages.append,
    )
    return stages


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "ogg", "wav"])
def test_every_format_gets_its_sidecars(tone, tmp_path, fmt):
    files = OutputFiles.beside(tmp_path / f"tone.{fmt}")
    stages = write(tone, files, fmt)
    assert stages == ["leveling", "encoding", "tagging", "publishing"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"tone.{fmt}", "tone.vtt", "tone.json"]
    )
    assert abs(measure_loudness(files.audio).integrated + 16) <= 0.5


def test_a_failure_while_signing_leaves_no_file_at_all(tone, tmp_path):
    broken = SigningKey(b"not a certificate", b"not a key", "es256")
    files = OutputFiles.beside(tmp_path / "out" / "tone.mp3", srt=True)
    with pytest.raises(TagError, match="C2PA signing failed"):
        write(tone, files, signing=broken)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_failure_keeps_the_previous_set(tone, tmp_path):
    files = OutputFiles.beside(tmp_path / "tone.mp3")
    write(tone, files)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(TagError):
        write(tone, files, signing=SigningKey(b"x", b"y", "es256"))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_lead_image_that_fails_is_a_warning(tmp_path):
    article = Article(title="T", blocks=(), image="missing.jpg", source=str(tmp_path / "a.md"))
    warnings = []
    extras = prepare_extras(article, suffix="mp3", warn=warnings.append)
    assert extras.cover is None
    assert len(warnings) == 1 and re.search(r"no cover art: lead image missing\.jpg", warnings[0])


def test_signing_an_ogg_is_refused_before_synthesis(tmp_path, signing_files):
    article = Article(title="T", blocks=())
    with pytest.raises(UsageError, match=r"cannot be embedded in \.ogg"):
        prepare_extras(article, suffix="ogg", signing=SigningSettings(*signing_files), warn=print)


def test_a_bad_cover_is_an_error_not_a_warning(tmp_path):
    article = Article(title="T", blocks=())
    (tmp_path / "cover.jpg").write_bytes(b"no image here")
    with pytest.raises(UsageError, match="cover image"):
        prepare_extras(article, suffix="mp3", cover=tmp_path / "cover.jpg", warn=print)


def test_manifest_of_a_synthetic_narration_is_valid_json(tone, tmp_path):
    files = OutputFiles.beside(tmp_path / "tone.mp3")
    write(tone, files)
    data = json.loads(files.manifest.read_text(encoding="utf-8"))
    assert data["files"] == {"audio": "tone.mp3", "vtt": "tone.vtt"}
    assert data["c2pa_signed"] is False
