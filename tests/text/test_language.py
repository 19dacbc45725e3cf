"""Language detection: the declared language unless the text plainly contradicts it, else the
detected one; nothing to load, nothing kept in the user cache folder."""

import subprocess
import sys

from narrate.documents.article import Article, Block, BlockKind
from narrate.text.language import LanguageDetector, article_language, read_language

ENGLISH = "The council voted on Tuesday to replace the harbor's ferry. Fares will not change."
GERMAN = "Der Stadtrat hat am Dienstag beschlossen, die alte Fähre zu ersetzen. Die Preise bleiben."
# Long enough to overrule a declaration (text/language.py, MIN_WORDS_TO_OVERRULE).
ENGLISH_STORY = (
    "The city council voted on Tuesday to replace the harbor's oldest ferry, which has carried "
    "commuters across the bay since 1978. The new boat will run on batteries charged overnight "
    "at the pier, and the mayor said fares will not change. Engineers expect the first crossings "
    "next spring, once the crew has trained on the new controls and the dock has been rebuilt."
)
GERMAN_STORY = (
    "Der Stadtrat hat am Dienstag beschlossen, die älteste Fähre des Hafens zu ersetzen, die seit "
    "1978 Pendler über die Bucht bringt. Das neue Schiff fährt mit Batterien, die nachts am Steg "
    "geladen werden, und die Bürgermeisterin sagte, die Preise blieben gleich. Die Ingenieure "
    "erwarten die ersten Fahrten im nächsten Frühjahr, wenn die Besatzung geschult ist."
)


def _article(text: str, language: str | None = None) -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, part) for part in text.split("\n"))
    return Article(title="Note", blocks=blocks, language=language, source="page.html")


def test_an_undeclared_language_is_detected_and_becomes_the_articles_own():
    detector = LanguageDetector()
    assert detector.declared(_article(ENGLISH)).language == "en"
    assert detector.declared(_article(GERMAN)).language == "de"


def test_a_declared_language_is_kept_and_a_short_text_is_not_guessed():
    detector = LanguageDetector()
    assert detector.declared(_article(ENGLISH_STORY, "en-GB")).language == "en-GB"
    assert detector.declared(_article("Fares will not change.")).language is None
    assert article_language(_article("Fares will not change."), "de-DE") == "de"


def test_a_declaration_the_text_plainly_contradicts_gives_way_with_one_note():
    notes: list[str] = []
    article = LanguageDetector().declared(_article(ENGLISH_STORY, "de"), notes.append)
    assert article.language == "en"
    assert len(notes) == 1 and "\n" not in notes[0]
    assert "page.html" in notes[0] and "'de'" in notes[0] and "'en'" in notes[0]


def test_a_short_text_keeps_its_declaration():
    notes: list[str] = []
    article = LanguageDetector().declared(_article(ENGLISH, "de"), notes.append)
    assert article.language == "de" and notes == []


def test_a_mixed_text_keeps_its_declaration():
    notes: list[str] = []
    mixed = _article(f"{GERMAN_STORY}\n{ENGLISH_STORY}", "de")
    assert LanguageDetector().declared(mixed, notes.append).language == "de"
    assert notes == []


def test_a_reading_gives_each_language_its_share():
    reading = read_language(f"{GERMAN_STORY} {ENGLISH_STORY}")
    assert {code for code, _share in reading.shares} == {"de", "en"}
    assert 25 <= reading.share("en") <= 75


def test_text_cld2_cannot_encode_is_read_without_error():
    assert read_language("Fares \ud800 will not change on the harbor ferry.").language == "en"


def test_detection_loads_nothing_and_keeps_nothing_in_the_user_cache(tmp_path):
    """A new machine's first run pays no model unpacking (py3langid's took over a second)."""
    code = (
        "import sys\n"
        "from narrate.documents.article import Article, Block, BlockKind\n"
        "from narrate.text.language import LanguageDetector\n"
        f"a = Article(title='Note', blocks=(Block(BlockKind.PARAGRAPH, {GERMAN!r}),))\n"
        "assert LanguageDetector().declared(a).language == 'de'\n"
        "assert 'py3langid' not in sys.modules\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert list(tmp_path.iterdir()) == []


def test_script_of_an_english_page_declared_german_is_english_with_one_note(tmp_path):
    """Neither refused nor warned about as German: one line says the text overruled the
    declaration."""
    from typer.testing import CliRunner

    from narrate.cli import app

    page = tmp_path / "page.html"
    page.write_text(
        f"<html lang='de'><head><title>Ferry</title></head><body><article><h1>Ferry</h1>"
        f"<p>{ENGLISH_STORY}</p></article></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["script", str(page)])
    assert result.exit_code == 0, result.output
    assert "The city council voted on Tuesday" in result.stdout
    (note,) = result.stderr.splitlines()
    assert note.startswith("narrate: warning: ") and "'de'" in note and "read as 'en'" in note
