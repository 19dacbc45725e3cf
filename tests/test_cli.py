"""The command line through typer's CliRunner, with real synthesis for the end-to-end runs."""

import json
from pathlib import Path

import mutagen
import pytest
from typer.testing import CliRunner

from narrate.cli import app
from narrate.disclosure import IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.ffmpeg import decode_file

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.slow
def test_narrate_article_writes_a_tagged_mp3(article_md):
    result = run(str(article_md), "--jobs", "1")
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == Path("output/harbor-ferry-approved.mp3")
    samples, rate = decode_file(str(path))
    assert rate == 24000 and samples.size / rate > 4  # the default voice, heart (hibari)
    tags = mutagen.File(path).tags
    assert tags["TIT2"].text == ["Harbor ferry approved"]
    assert tags["TXXX:DIGITAL_SOURCE_TYPE"].text == [IPTC_TRAINED_ALGORITHMIC_MEDIA]
    assert sorted(p.name for p in Path("output").iterdir()) == [
        "harbor-ferry-approved.json",
        "harbor-ferry-approved.mp3",
        "harbor-ferry-approved.vtt",
        "harbor-ferry-approved.words.vtt",  # word timings, for read-along
    ]


@pytest.mark.slow
def test_output_option_and_format_from_suffix(article_md, tmp_path):
    target = tmp_path / "custom" / "episode.ogg"
    result = run("speak", str(article_md), "-o", str(target), "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert decode_file(str(target))[1] == 24000


def test_script_prints_sentences_and_blocks(article_md):
    result = run("script", str(article_md))
    assert result.exit_code == 0
    assert result.stdout.split("\n\n")[:2] == [
        "Harbor ferry approved\nThis audio is created with AI assistance.",
        "The council approved the ferry.\nIt will sail next year.",
    ]


def test_script_json_is_data(article_md):
    data = json.loads(run("script", str(article_md), "--format", "json").stdout)
    assert data["title"] == "Harbor ferry approved"
    assert data["byline"] == "Dana Whitfield"
    assert [b["kind"] for b in data["blocks"]] == ["intro", "paragraph", "heading", "paragraph"]
    assert data["blocks"][1]["sentences"][1]["text"] == "It will sail next year."


def test_script_normalized_applies_lexicon(tmp_path):
    path = tmp_path / "kyiv.md"
    path.write_text("# News from Kyiv\n\nKyiv said no.\n", encoding="utf-8")
    assert "Keev said no." in run("script", str(path), "--normalized", "--voice", "joe").stdout
    # heart's lexicon gives hibari phonemes, as misaki's inline markup
    assert "[Kyiv](/kˈiv/) said no." in run("script", str(path), "--normalized").stdout


def test_voices_lists_engine_and_language():
    result = run("voices")
    assert result.exit_code == 0
    assert "heart (default)" in result.stdout and "hibari" in result.stdout
    assert "joe" in result.stdout and "piper" in result.stdout
    assert "gtts-en" in result.stdout
    data = json.loads(run("voices", "--json").stdout)
    assert {v["name"]: v["language"] for v in data}["joe"] == "en-US"


def test_version():
    from importlib.metadata import version

    result = run("--version")
    # The version is written once (narrate/version.py); the package metadata reads it there.
    assert result.exit_code == 0 and result.stdout.strip() == f"narrate {version('narrate')}"


@pytest.mark.parametrize("command", [[], ["speak"], ["voices"], ["script"]])
def test_help_everywhere(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def assert_one_line_error(result, code, text):
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("narrate: error: ")
    assert text in lines[0]
    assert "Traceback" not in result.output
    assert not Path("output").exists() or not list(Path("output").iterdir())


def test_missing_file(tmp_path):
    assert_one_line_error(run(str(tmp_path / "nope.md")), 2, "no such file")


def test_directory(tmp_path):
    assert_one_line_error(run(str(tmp_path)), 2, "is a directory")


def test_empty_article(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("", encoding="utf-8")
    assert_one_line_error(run(str(path)), 1, "empty")


def test_binary_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert_one_line_error(run(str(path)), 1, "binary")


def test_unknown_voice(article_md):
    assert_one_line_error(run(str(article_md), "--voice", "nobody"), 2, "available voices")


def test_malformed_config(article_md, tmp_path):
    (tmp_path / "narrate.toml").write_text("[narrate\n", encoding="utf-8")
    assert_one_line_error(run(str(article_md)), 1, "not valid TOML")


def test_article_in_a_language_the_voice_cannot_speak(tmp_path):
    path = tmp_path / "uk.md"
    path.write_text("---\ntitle: Новини\nlang: uk\n---\n\nКиїв відповів.\n", encoding="utf-8")
    assert_one_line_error(run(str(path)), 2, "is in 'uk'")


def test_missing_ffmpeg_is_one_clear_line(article_md, monkeypatch):
    from narrate.ffmpeg import ffmpeg_path

    ffmpeg_path.cache_clear()
    monkeypatch.setenv("NARRATE_FFMPEG", "/nonexistent/ffmpeg")
    try:
        assert_one_line_error(run(str(article_md), "-j", "1"), 1, "ffmpeg not found")
    finally:
        monkeypatch.delenv("NARRATE_FFMPEG")
        ffmpeg_path.cache_clear()


def test_existing_output_survives_a_failed_run(article_md, monkeypatch):
    from narrate.ffmpeg import ffmpeg_path

    out = Path("output")
    out.mkdir()
    keep = out / "harbor-ferry-approved.mp3"
    keep.write_bytes(b"previous narration")
    ffmpeg_path.cache_clear()
    monkeypatch.setenv("NARRATE_FFMPEG", "/nonexistent/ffmpeg")
    try:
        result = run(str(article_md), "-j", "1")
    finally:
        monkeypatch.delenv("NARRATE_FFMPEG")
        ffmpeg_path.cache_clear()
    assert result.exit_code == 1
    assert keep.read_bytes() == b"previous narration"
    assert sorted(p.name for p in out.iterdir()) == ["harbor-ferry-approved.mp3"]


@pytest.mark.slow
def test_speak_with_every_output_option(tmp_path, signing_files):
    from PIL import Image

    article = tmp_path / "ferry.md"
    article.write_text(
        "---\ntitle: Ferry approved\n---\n\nThe ferry was approved.\n", encoding="utf-8"
    )
    cover = tmp_path / "cover.png"
    Image.new("RGB", (1600, 900), "teal").save(cover)
    chain, key = signing_files
    result = run(
        str(article), "-j", "1", "--srt", "--embed-transcript", "--cover", str(cover),
        "--c2pa-cert", str(chain), "--c2pa-key", str(key),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("output").iterdir()) == [
        f"ferry-approved.{suffix}" for suffix in ("json", "mp3", "srt", "vtt", "words.vtt")
    ]
    inspected = run("inspect", result.stdout.strip())
    assert inspected.exit_code == 0, inspected.output
    assert "cover:        yes" in inspected.stdout and "transcript:   yes" in inspected.stdout
    assert "signed and valid" in inspected.stdout


@pytest.mark.slow
def test_a_lead_image_that_fails_is_a_warning_not_an_error(tmp_path):
    article = tmp_path / "ferry.md"
    article.write_text(
        "---\ntitle: Ferry approved\nimage: missing-lead.jpg\n---\n\nThe ferry was approved.\n",
        encoding="utf-8",
    )
    result = run(str(article), "-j", "1")
    assert result.exit_code == 0, result.output
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith("narrate: warning: no cover art: lead image missing-lead.jpg")
    assert Path(result.stdout.strip()).is_file()


def test_missing_cover_is_one_line_before_synthesis(article_md):
    assert_one_line_error(run(str(article_md), "--cover", "nope.jpg"), 2, "nope.jpg: no such file")


def test_a_cover_that_is_no_image_is_one_line(article_md, tmp_path):
    (tmp_path / "cover.jpg").write_text("text, not an image", encoding="utf-8")
    result = run(str(article_md), "--cover", str(tmp_path / "cover.jpg"))
    assert_one_line_error(result, 2, "not an image")


def test_unreadable_signing_certificate_is_one_config_line(article_md, signing_files):
    result = run(str(article_md), "--c2pa-cert", "nope.pem", "--c2pa-key", str(signing_files[1]))
    assert_one_line_error(result, 1, "C2PA certificate chain nope.pem: cannot read")


def test_signing_certificate_without_key_is_one_config_line(article_md, signing_files):
    result = run(str(article_md), "--c2pa-cert", str(signing_files[0]))
    assert_one_line_error(result, 1, "give --c2pa-key (c2pa_key) too")


def test_signing_from_narrate_toml_with_a_wrong_key(article_md, tmp_path, signing_files):
    chain, _ = signing_files
    (tmp_path / "narrate.toml").write_text(
        f'[narrate]\nc2pa_cert = "{chain}"\nc2pa_key = "{chain}"\n', encoding="utf-8"
    )
    assert_one_line_error(run(str(article_md)), 1, "not a PEM file")


def test_signing_an_ogg_is_refused(article_md, signing_files):
    chain, key = signing_files
    result = run(str(article_md), "-f", "ogg", "--c2pa-cert", str(chain), "--c2pa-key", str(key))
    assert_one_line_error(result, 2, "cannot be embedded in .ogg")
