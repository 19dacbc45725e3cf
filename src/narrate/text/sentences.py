"""Split paragraphs into sentences (pysbd) and sentences into chunks an engine accepts."""

from __future__ import annotations

import functools
import re

import pysbd
from pysbd.languages import LANGUAGE_CODES

# Where a long sentence may be cut, best first: a clause break reads naturally, a bare space
# is the last resort.
CLAUSE_BREAKS = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=[,)\]])\s+|\s+(?=[—–]\s)|(?<=\s[—–])\s+"),
    re.compile(r"\s+"),
)


@functools.lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    code = language.split("-")[0].lower()
    return pysbd.Segmenter(language=code if code in LANGUAGE_CODES else "en", clean=False)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split a paragraph into sentences; joined with spaces they give back every word.

    pysbd's own segment() finds each sentence back in the paragraph with a regular
    expression of its whole text, which Python compiles anew for every sentence (a second
    for a long read): here they are found with str.find, from where the last one ended, and
    pysbd's way is kept for a paragraph where that fails."""
    if not text.strip():
        return []
    segmenter = _segmenter(language)
    found: list[str] = []
    cursor = 0
    for sentence in segmenter.processor(text).process():
        sentence = sentence.strip()
        if not sentence:
            continue
        start = text.find(sentence, cursor)
        if start < 0 or text[cursor:start].strip():  # not next in the paragraph as written
            return [s.strip() for s in segmenter.segment(text) if s.strip()]
        found.append(sentence)
        cursor = start + len(sentence)
    return found


def split_for_engine(sentence: str, max_chars: int) -> list[str]:
    """Cut `sentence` into pieces of at most `max_chars`, at clause punctuation where possible.

    A sentence that fits is returned whole; only an engine's limit makes us cut it.
    """
    sentence = " ".join(sentence.split())
    if len(sentence) <= max_chars:
        return [sentence] if sentence else []
    return _split(sentence, max_chars, 0)


def _split(text: str, max_chars: int, level: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    if level == len(CLAUSE_BREAKS):
        # A single word longer than the limit: cut it hard rather than fail.
        return [text[i : i + max_chars] for i in range(0, len(text), max_chars)]
    pieces = [p for p in CLAUSE_BREAKS[level].split(text) if p]
    if len(pieces) == 1:
        return _split(text, max_chars, level + 1)
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if len(candidate) <= max_chars:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if len(piece) <= max_chars:
            current = piece
        else:
            chunks.extend(_split(piece, max_chars, level + 1))
            current = ""
    if current:
        chunks.append(current)
    return chunks
