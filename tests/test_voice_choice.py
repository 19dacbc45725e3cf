"""Articles in other languages: which voice speaks them, scripts in any language, `--voice auto`.

Speech goes through gTTS against a faked Google endpoint (responses), as in
tests/engines/test_gtts.py: real decoding and assembly, no network.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import responses
from google_fake import ENDPOINT, google_body, tone_mp3
from typer.testing import CliRunner

from narrate.cli import app
from narrate.documents.article import Article, Block, BlockKind
from narrate.errors import VoiceError
from narrate.voice_choice import check_voice_language, choose_voice, voices_for
from narrate.voices import DEFAULT_VOICE, available_voices, get_voice

REPO = Path(__file__).resolve().parents[1]
GERMAN_PAGE = """<!DOCTYPE html><html lang="de"><head><title>Neue Brücke</title></head><body>
<nav><a>Startseite</a><a>Region</a></nav><article><h1>Neue Brücke über den Rhein</h1>
<p>Der Stadtrat hat am Donnerstag den Bau einer neuen Brücke beschlossen.</p>
<p>Die alte Brücke wird danach abgerissen.</p></article></body></html>"""

runner = CliRunner()


def article(language: str | None, text: str = "Ein kurzer Text.") -> Article:
    return Article(title="Titel", blocks=(Block(BlockKind.PARAGRAPH, text),), language=language)


@pytest.fixture
def german_page(tmp_path: Path) -> Path:
    path = tmp_path / "bruecke.html"
    path.write_text(GERMAN_PAGE, encoding="utf-8")
    return path


def test_every_language_gtts_speaks_has_a_profile() -> None:
    from gtts.lang import tts_langs

    voices = available_voices()
    gtts_codes = {v.option("lang") for v in voices.values() if v.engine == "gtts"}
    assert set(tts_langs()) <= gtts_codes
    check = [sys.executable, str(REPO / "scripts" / "gtts_profiles.py"), "--check"]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0


def test_profiles_carry_the_bcp47_tag_and_gtts_code() -> None:
    hebrew = get_voice("gtts-he")
    assert (hebrew.language, hebrew.option("lang")) == ("he", "iw")
    assert get_voice("gtts-de").disclosure is not None


def test_offline_voices_come_before_online_ones() -> None:
    names = [v.name for v in voices_for("en")]
    assert names[0] == DEFAULT_VOICE
    assert names.index("gtts-en") > names.index("joe")


def test_region_of_the_article_picks_the_regional_voice() -> None:
    assert voices_for("pt", tag="pt-PT")[0].name == "gtts-pt-pt"
    assert voices_for("pt")[0].name == "gtts-pt"


def test_auto_picks_a_voice_for_the_article_language() -> None:
    assert choose_voice("auto", article("de")).name == "gtts-de"
    assert choose_voice("auto", article("en-US")).name == DEFAULT_VOICE
    assert choose_voice("auto", article("de"), language="fr").name == "gtts-fr"


def test_auto_without_a_voice_for_the_language_says_so() -> None:
    with pytest.raises(VoiceError, match="no installed voice speaks 'xx'"):
        choose_voice("auto", article("xx"))


def test_a_named_voice_is_taken_as_asked() -> None:
    assert choose_voice("joe", article("de")).name == "joe"


def test_speaking_refuses_and_names_the_voice_that_would() -> None:
    with pytest.raises(VoiceError) as error:
        check_voice_language(article("de"), get_voice("joe"))
    message = str(error.value)
    assert "is in 'de'" in message and "--voice gtts-de" in message and "--voice auto" in message
    assert "--language en" in message


def test_a_script_warns_and_keeps_the_article_language() -> None:
    warnings: list[str] = []
    language = check_voice_language(article("de"), get_voice("joe"), warn=warnings.append)
    assert language == "de"
    assert len(warnings) == 1 and "gtts-de" in warnings[0]


def test_matching_voice_passes_without_warning() -> None:
    warnings: list[str] = []
    assert check_voice_language(article("de"), get_voice("gtts-de"), warn=warnings.append) == "de"
    assert warnings == []


def test_script_command_prints_the_script_with_one_warning_line(german_page: Path) -> None:
    result = runner.invoke(app, ["script", str(german_page)])
    assert result.exit_code == 0, result.output
    assert "Der Stadtrat hat am Donnerstag" in result.stdout
    ours = [line for line in result.stderr.splitlines() if line.startswith("narrate: ")]
    assert len(ours) == 1 and ours[0].startswith("narrate: warning: ")
    assert "--voice gtts-de" in ours[0]


def test_script_with_auto_voice_has_no_warning(german_page: Path) -> None:
    result = runner.invoke(app, ["script", str(german_page), "--voice", "auto"])
    assert result.exit_code == 0, result.output
    assert "narrate: warning" not in result.stderr
    assert "Dieses Audio wurde mit Unterstützung" in result.stdout


def test_speaking_with_a_voice_for_another_language_is_refused(german_page: Path) -> None:
    result = runner.invoke(app, [str(german_page), "--voice", "joe"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--voice gtts-de" in lines[0]


def test_voices_lists_the_voices_of_one_language() -> None:
    result = runner.invoke(app, ["voices", "--language", "de"])
    assert result.exit_code == 0, result.output
    assert "gtts-de" in result.stdout and "gtts-fr" not in result.stdout


@responses.activate
def test_german_page_narrates_with_voice_auto(german_page: Path, tmp_path: Path) -> None:
    tone = tone_mp3(0.3)
    responses.post(ENDPOINT, body=google_body(tone))
    out = tmp_path / "bruecke.mp3"
    result = runner.invoke(
        app, [str(german_page), "--voice", "auto", "-o", str(out), "--no-cache", "-q", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    sent = " ".join(call.request.body or "" for call in responses.calls)
    assert "Stadtrat" in sent and "%5C%22de%5C%22" in sent  # the text, asked for in German
