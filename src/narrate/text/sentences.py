"""Split paragraphs into sentences (pysbd) and sentences into chunks an engine accepts."""

from __future__ import annotations

import functools
import re

import pysbd
from pysbd.languages import LANGUAGE_CODES

from narrate.limits import checkpoint

# pysbd is given at most this much of a paragraph at a time (see split_sentences): longer
# than nearly every sentence, short enough that its quadratic work stays small.
WINDOW_CHARS = 2000

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
    pysbd's way is kept for a paragraph where that fails.

    pysbd rescans its whole input for every abbreviation it knows, so its time grows with
    the square of the text (a megabyte of text without a full stop took minutes): a long
    paragraph is given to it WINDOW_CHARS at a time, the window's last sentence carried into
    the next window, and a window in which no sentence ends is cut at its last space."""
    checkpoint()
    if not text.strip():
        return []
    found: list[str] = []
    start = 0
    while len(text) - start > WINDOW_CHARS:
        checkpoint()
        window = text[start : start + WINDOW_CHARS]
        spans = _spans(window, language)
        if len(spans) > 1:
            found.extend(window[a:b] for a, b in spans[:-1])
            start += spans[-1][0]  # the last may go on past the window: read it again
        else:
            cut = _last_space(window)
            found.append(window[:cut].strip())
            start += cut
    found.extend(text[start + a : start + b] for a, b in _spans(text[start:], language))
    return [sentence for sentence in found if sentence]


def _spans(text: str, language: str) -> list[tuple[int, int]]:
    """Where each sentence pysbd finds in `text` starts and ends; a piece with no letter or
    digit right after the one before (pysbd cuts a cartoon swear, "What the $%#!&??", after its
    "!") ends it."""
    spans = _pysbd_spans(text, language)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and joined[-1][1] == start and not any(c.isalnum() for c in text[start:end]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _pysbd_spans(text: str, language: str) -> list[tuple[int, int]]:
    segmenter = _segmenter(language)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in segmenter.processor(text).process():
        sentence = sentence.strip()
        if not sentence:
            continue
        start = text.find(sentence, cursor)
        if start < 0 or text[cursor:start].strip():  # not next in the paragraph as written
            return _segment_spans(segmenter, text)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans


def _segment_spans(segmenter: pysbd.Segmenter, text: str) -> list[tuple[int, int]]:
    """pysbd's segment(), as spans: each sentence found after the one before, else it and
    the rest of the text are one last span."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in (s.strip() for s in segmenter.segment(text)):
        start = text.find(sentence, cursor) if sentence else -1
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    if text[cursor:].strip():
        rest = len(text) - len(text[cursor:].lstrip())
        spans.append((rest, len(text.rstrip())))
    return spans


def _last_space(window: str) -> int:
    """Where to cut a window holding no sentence end: its last space, else its end."""
    for index in range(len(window) - 1, 0, -1):
        if window[index].isspace():
            return index
    return len(window)


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
