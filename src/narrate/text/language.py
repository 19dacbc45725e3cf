"""Which language an article is in, and whether a voice can speak it."""

from __future__ import annotations

from narrate.documents.article import Article

# Fewer words than this give langid too little to go on: trust the voice instead.
MIN_WORDS_TO_DETECT = 12


def primary(tag: str) -> str:
    """The primary subtag of a BCP 47 language tag: "en-US" -> "en"."""
    return tag.replace("_", "-").split("-")[0].lower()


def article_language(article: Article, fallback: str) -> str:
    """The article's declared language, else the detected one, else `fallback`."""
    if article.language:
        return primary(article.language)
    text = " ".join([article.title, *(b.text for b in article.blocks[:20])])
    if len(text.split()) < MIN_WORDS_TO_DETECT:
        return primary(fallback)
    import py3langid

    detected, _score = py3langid.classify(text)
    return str(detected)
