"""Which language an article is in, and whether a voice can speak it.

Detection is CLD2's (pycld2: Chromium's Compact Language Detector 2, Apache-2.0), whose tables
are compiled into its extension: a new process with nothing in its user cache folder imports
it and classifies in a few milliseconds, where py3langid unpacked an LZMA model for over a
second first. bench/language.py compares the two on real pages. A page's declared language
is trusted unless its text plainly says otherwise (an English article in a template that
declares "de"): a long text that CLD2 reads with confidence, almost all in one other language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from narrate.documents.article import Article

# Fewer words than this give a detector too little to go on: trust the voice instead.
MIN_WORDS_TO_DETECT = 12
# Blocks of the article its language is detected from.
BLOCKS_TO_DETECT = 20
# A declared language gives way only to a text of this many words at least, CLD2 sure of
# its reading, and at least three quarters of it in one other language with at most a
# quarter in the declared one (percent): a short or mixed text keeps its declaration.
MIN_WORDS_TO_OVERRULE = 40
MIN_SHARE_TO_OVERRULE = 75
MAX_DECLARED_SHARE = 25
# CLD2 keeps a few old codes; narrate's profiles use the current ones.
_CURRENT_CODES = {"iw": "he", "jw": "jv", "nb": "no", "in": "id"}

Warn = Callable[[str], None]


def primary(tag: str) -> str:
    """The primary subtag of a BCP 47 language tag: "en-US" -> "en"."""
    return tag.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class Reading:
    """CLD2's reading of a text: its languages (primary subtags), largest share first, each
    with the percent of the text in it; `reliable` when CLD2 is sure of the first."""

    shares: tuple[tuple[str, int], ...]
    reliable: bool

    @property
    def language(self) -> str | None:
        return self.shares[0][0] if self.shares else None

    def share(self, language: str) -> int:
        return sum(percent for code, percent in self.shares if code == language)


def read_language(text: str) -> Reading:
    """CLD2's reading of `text` (plain text; characters UTF-8 cannot carry are dropped)."""
    import pycld2

    clean = text.encode("utf-8", "ignore").decode("utf-8")
    try:
        reliable, _size, details = pycld2.detect(clean, isPlainText=True)
    except pycld2.error:  # text CLD2 refuses is text it cannot tell
        return Reading((), False)
    shares = tuple(
        (_CURRENT_CODES.get(primary(code), primary(code)), int(percent))
        for _name, code, percent, _score in details
        if code != "un" and percent > 0
    )
    return Reading(shares, bool(reliable))


def detection_text(article: Article) -> str:
    """The part of an article its language is told from: the title and its first blocks."""
    return " ".join([article.title, *(b.text for b in article.blocks[:BLOCKS_TO_DETECT])])


class LanguageDetector:
    """The language of an article: the declared one, unless the text plainly contradicts it,
    else the detected one. It holds nothing (CLD2 needs no model loaded), so making one per
    narration costs nothing; a batch keeps one for all its posts."""

    def language(self, article: Article, warn: Warn | None = None) -> str | None:
        """The primary subtag of the article's language (see `declared`); None when it
        declares none and has too few words to tell."""
        found = self.declared(article, warn).language
        return primary(found) if found else None

    def declared(self, article: Article, warn: Warn | None = None) -> Article:
        """`article` with the language it is in as its own: the detected one when it declares
        none, or when its text plainly contradicts the declaration (then `warn` hears of it
        in one line)."""
        text = detection_text(article)
        words = len(text.split())
        if words < MIN_WORDS_TO_DETECT:
            return article
        if not article.language:
            found = read_language(text).language
            return replace(article, language=found) if found else article
        if words < MIN_WORDS_TO_OVERRULE:
            return article
        said = primary(article.language)
        reading = read_language(text)
        found = reading.language
        if (
            found is None
            or found == said
            or not reading.reliable
            or reading.share(found) < MIN_SHARE_TO_OVERRULE
            or reading.share(said) > MAX_DECLARED_SHARE
        ):
            return article
        if warn is not None:
            where = article.source or "the article"
            warn(
                f"{where} declares its language {article.language!r} but its text is in "
                f"{found!r}: read as {found!r}"
            )
        return replace(article, language=found)


def article_language(
    article: Article, fallback: str, detector: LanguageDetector | None = None
) -> str:
    """The article's language (LanguageDetector.language), else `fallback`."""
    found = (detector or LanguageDetector()).language(article)
    return found or primary(fallback)
