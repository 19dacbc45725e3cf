"""Which language an article is in, and whether a voice can speak it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from narrate.documents.article import Article

# Fewer words than this give langid too little to go on: trust the voice instead.
MIN_WORDS_TO_DETECT = 12
# Blocks of the article its language is detected from.
BLOCKS_TO_DETECT = 20


def primary(tag: str) -> str:
    """The primary subtag of a BCP 47 language tag: "en-US" -> "en"."""
    return tag.replace("_", "-").split("-")[0].lower()


class LanguageDetector:
    """The language of articles that do not declare one, by py3langid.

    Its model takes 0.7 s to load and holds 75 MB: it loads on first use and lives as long as
    this detector, so a narration lets it go when done and a batch loads it once for all its
    posts (py3langid's own classify() would keep it for the life of the process).
    """

    def __init__(self) -> None:
        self._identifier: Any = None

    def language(self, article: Article) -> str | None:
        """The article's declared language's primary subtag, else the detected one; None
        when it declares none and has too few words to tell."""
        if article.language:
            return primary(article.language)
        text = " ".join([article.title, *(b.text for b in article.blocks[:BLOCKS_TO_DETECT])])
        if len(text.split()) < MIN_WORDS_TO_DETECT:
            return None
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        detected, _score = self._identifier.classify(text)
        return str(detected)

    def declared(self, article: Article) -> Article:
        """`article`, with the detected language as its own when it declares none."""
        found = None if article.language else self.language(article)
        return replace(article, language=found) if found else article


def article_language(
    article: Article, fallback: str, detector: LanguageDetector | None = None
) -> str:
    """The article's declared language, else the detected one, else `fallback`."""
    found = (detector or LanguageDetector()).language(article)
    return found or primary(fallback)
