"""Language detection: once per detector, on articles that do not declare a language."""

import sys

from narrate.documents.article import Article, Block, BlockKind
from narrate.text.language import LanguageDetector, article_language

ENGLISH = "The council voted on Tuesday to replace the harbor's ferry. Fares will not change."
GERMAN = "Der Stadtrat hat am Dienstag beschlossen, die alte Fähre zu ersetzen. Die Preise bleiben."


def _article(text: str, language: str | None = None) -> Article:
    return Article(title="Note", blocks=(Block(BlockKind.PARAGRAPH, text),), language=language)


def test_an_undeclared_language_is_detected_and_becomes_the_articles_own():
    detector = LanguageDetector()
    assert detector.declared(_article(ENGLISH)).language == "en"
    assert detector.declared(_article(GERMAN)).language == "de"


def test_a_declared_language_is_kept_and_a_short_text_is_not_guessed():
    detector = LanguageDetector()
    assert detector.declared(_article(GERMAN, "en-GB")).language == "en-GB"
    assert detector.declared(_article("Fares will not change.")).language is None
    assert article_language(_article("Fares will not change."), "de-DE") == "de"


def test_the_model_is_held_by_the_detector_not_kept_by_the_process():
    LanguageDetector().declared(_article(ENGLISH))
    langid = sys.modules["py3langid.langid"]
    assert langid.IDENTIFIER is None  # py3langid's own global model was never loaded


def test_the_unpacked_model_is_kept_in_the_cache_folder_and_read_back(tmp_path):
    first = LanguageDetector(cache_dir=tmp_path)
    assert first.declared(_article(GERMAN)).language == "de"
    (kept,) = tmp_path.glob("langid-model-*.npz")
    again = LanguageDetector(cache_dir=tmp_path)
    assert again.declared(_article(GERMAN)).language == "de"
    assert again.language(_article(ENGLISH)) == "en"
    kept.write_bytes(b"not an archive")  # damaged: unpacked again from py3langid
    assert LanguageDetector(cache_dir=tmp_path).language(_article(GERMAN)) == "de"
