"""`narrate inspect`: facts about a file and its disclosure; exit 1 when it is missing."""

import json

import mutagen
import numpy as np
import pytest
from synthetic import tone_narration
from typer.testing import CliRunner

from narrate.audio.encode import EncodeSettings, encode
from narrate.cli import app
from narrate.disclosure import IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.inspect import inspect_file
from narrate.outputs import OutputFiles, write_outputs
from narrate.publish.manifest import file_sha256
from narrate.tags.c2pa import SigningSettings, load_signing_key

RATE = 22050
runner = CliRunner()


def narration_like(folder, *, spoken=(0.5, 1.5), signing=None, silent_first_second=False):
    """A 3-second tone written as narrate writes a narration (tags, captions, manifest)."""
    rendered, script, labels = tone_narration(
        spoken=spoken, silent_first_second=silent_first_second
    )
    files = OutputFiles.beside(folder / "tone.mp3")
    write_outputs(
        rendered,
        script,
        labels,
        files,
        source="tone.md",
        encoding=EncodeSettings(),
        signing=signing,
        on_stage=lambda _: None,
    )
    return files


def test_untagged_mp3_exits_non_zero(tmp_path):
    path = tmp_path / "plain.mp3"
    encode(np.zeros(RATE, dtype=np.int16), RATE, path, EncodeSettings())
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 1
    assert "tagged:           no" in result.stdout
    assert result.stderr.strip() == f"narrate: {path}: the AI-assistance disclosure is missing"


def test_a_narration_passes_and_reports_its_facts(tmp_path):
    files = narration_like(tmp_path)
    result = runner.invoke(app, ["inspect", str(files.audio)])
    assert result.exit_code == 0, result.output
    assert "mp3, 1 channel(s), 22050 Hz, 64 kb/s" in result.stdout
    assert "LUFS integrated" in result.stdout
    assert "verdict:          present" in result.stdout


def test_json_output_is_data(tmp_path):
    files = narration_like(tmp_path)
    data = json.loads(runner.invoke(app, ["inspect", str(files.audio), "--json"]).stdout)
    assert data["format"] == "mp3" and data["sample_rate"] == RATE
    assert data["disclosure"]["complete"] is True
    assert data["disclosure"]["spoken"]["recorded_in"] == "tag"
    assert data["tags"]["provenance"]["DIGITAL_SOURCE_TYPE"] == IPTC_TRAINED_ALGORITHMIC_MEDIA
    assert data["tags"]["chapters"][0]["title"] == "Tone"


def test_silence_where_the_disclosure_is_said_to_be_is_reported(tmp_path):
    files = narration_like(tmp_path, spoken=(0.2, 0.8), silent_first_second=True)
    spoken = inspect_file(files.audio).disclosure.spoken
    assert spoken is not None and not spoken.sound
    assert "NO: recorded at 0.20-0.80 s" in runner.invoke(app, ["inspect", str(files.audio)]).stdout


def test_the_manifest_records_where_it_is_spoken_only_for_its_own_audio(tmp_path):
    files = narration_like(tmp_path)
    audio = mutagen.File(files.audio)
    audio.tags.delall("TXXX:DISCLOSURE_SPOKEN_AT")
    audio.save()
    # The file changed, so the manifest beside it no longer describes it.
    assert inspect_file(files.audio).disclosure.spoken is None
    manifest = json.loads(files.manifest.read_text(encoding="utf-8"))
    manifest["hashes"]["audio_sha256"] = file_sha256(files.audio)
    files.manifest.write_text(json.dumps(manifest), encoding="utf-8")
    assert inspect_file(files.audio).disclosure.spoken.recorded_in == "manifest"


def test_tampered_credentials_fail_inspection(tmp_path, signing_files):
    key = load_signing_key(SigningSettings(*signing_files))
    files = narration_like(tmp_path, signing=key)
    assert runner.invoke(app, ["inspect", str(files.audio)]).exit_code == 0
    audio = mutagen.File(files.audio)
    audio.tags["TIT2"].text = ["Changed after signing"]
    audio.save()
    result = runner.invoke(app, ["inspect", str(files.audio)])
    assert result.exit_code == 1
    assert "C2PA:             INVALID" in result.stdout


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"just some text\n", 1, "not an audio file narrate can read"),
        (None, 2, "no such file"),
    ],
)
def test_bad_input_is_one_line(tmp_path, content, code, message):
    path = tmp_path / "input.mp3"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == code
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
