"""Word timings from phoneme durations, and spoken words mapped back to written ones.

Engines that know when each phoneme sounds (piper's alignments, hibari's duration tensor)
give a phoneme string with a sample count per phoneme. Words are the runs between space
phonemes; a run of punctuation alone ("—", ",") is a pause, not a word. The runs are then
paired with the whitespace-separated words of the text the engine was given.

The text spoken is the normalized one ("$48.5 million" is spoken as "forty-eight point five
million dollars"), while a reader sees the written sentence. `written_words` aligns the
two: each written token is normalized on its own, and the sequence of those spoken forms
is matched against the words as spoken (difflib's longest matching blocks). Tokens between
two matches share the spoken words between them in proportion to their length, so every
written word that was said gets a time, and the times never go backwards.

All times here are in samples; nothing here touches audio.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+")
_MARKUP = re.compile(r"\[([^\]\[]+)\]\(/([^/()]+)/\)")


@dataclass(frozen=True)
class WrittenWord:
    """A word of the written sentence: its text, where it starts in the sentence (characters)
    and when it sounds (samples, on the same clock as the spoken words it came from)."""

    text: str
    offset: int
    start: int
    end: int


def is_word(token: str) -> bool:
    """A token says something when it has a letter or a digit (not bare punctuation)."""
    return any(c.isalnum() for c in token)


def phoneme_word_spans(
    phonemes: Sequence[tuple[str, int]], space: str = " "
) -> list[tuple[int, int]]:
    """(start, end) in samples of each word in a phoneme sequence with per-phoneme sample
    counts, in order. Words are split at `space`; runs of punctuation alone are skipped;
    the samples of pads and punctuation count as time between words."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    word_start: int | None = None
    word_end = 0
    for phoneme, samples in phonemes:
        start, cursor = cursor, cursor + samples
        if phoneme == space or phoneme.isspace():
            if word_start is not None:
                spans.append((word_start, word_end))
            word_start = None
            continue
        if not _is_phone(phoneme):
            continue  # punctuation, pads, sentence marks: not part of a word's own sound
        if word_start is None:
            word_start = start
        word_end = cursor
    if word_start is not None:
        spans.append((word_start, word_end))
    return spans


def _is_phone(phoneme: str) -> bool:
    """A phoneme that is sound: not a pad, boundary mark or punctuation."""
    return any(
        not unicodedata.category(c).startswith(("P", "Z", "C")) and c not in "^$_" for c in phoneme
    )


def spoken_words(text: str) -> list[str]:
    """The words of `text` as the engine reads them (inline phoneme markup as its word)."""
    return [t for t in _TOKEN.findall(_MARKUP.sub(r"\1", text)) if is_word(t)]


def pair_words(
    words: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """Pair the text's words with the phoneme words' spans.

    Usually there are as many of each. When the engine grouped differently (it read "U.S."
    as two words, or joined a hyphenated pair), each text word takes the spans whose middle
    falls in its share of the sentence, its share being proportional to its length."""
    if not words or not spans:
        return []
    if len(words) == len(spans):
        return [(w, s, e) for w, (s, e) in zip(words, spans, strict=True)]
    shares = _proportional(len(spans), [len(w) for w in words])
    paired = []
    for word, (first, last) in zip(words, shares, strict=True):
        if first < last:
            paired.append((word, spans[first][0], spans[last - 1][1]))
        else:  # fewer spans than words: this word shares its neighbour's time
            index = min(first, len(spans) - 1)
            paired.append((word, spans[index][0], spans[index][1]))
    return paired


def _proportional(count: int, weights: Sequence[int]) -> list[tuple[int, int]]:
    """Split range(count) into len(weights) consecutive [first, last) ranges by weight."""
    total = sum(weights) or 1
    bounds = [0]
    running = 0
    for weight in weights:
        running += weight
        bounds.append(round(count * running / total))
    return list(itertools.pairwise(bounds))


def _fill_gaps(times: list[list[int] | None]) -> None:
    """A written word matched to nothing said (its spoken words went to a neighbour, as
    "dollars" moves after "million") sounds between the words around it."""
    for index, time in enumerate(times):
        if time is not None:
            continue
        before = next((t for t in reversed(times[:index]) if t is not None), None)
        after = next((t for t in times[index + 1 :] if t is not None), None)
        if before is not None and after is not None and after[0] > before[1]:
            times[index] = [before[1], after[0]]
        elif before is not None:
            times[index] = list(before)
        elif after is not None:
            times[index] = list(after)


def _trimmed(token: str, offset: int) -> tuple[str, int]:
    """A token without the punctuation around it ("(Reuters)," -> "Reuters", "$5" stays),
    and where it starts."""
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(token[end - 1]).startswith("P"):
        end -= 1
    return token[start:end], offset + start


def _key(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if c.isalnum())


def written_words(
    written: str,
    spoken: Sequence[tuple[str, int, int]],
    normalize: Callable[[str], str] = lambda token: token,
) -> list[WrittenWord]:
    """Times for the words of the `written` sentence from the `spoken` (word, start, end).

    `normalize` turns one written token into what would be said for it (narrate's
    normalizer); the default compares the words as they are."""
    tokens = [
        _trimmed(m.group(), m.start()) for m in _TOKEN.finditer(written) if is_word(m.group())
    ]
    if not tokens or not spoken:
        return []
    # Each written token's spoken form, as a flat list of keys tagged with the token index.
    expanded: list[str] = []
    owner: list[int] = []
    for index, (token, _) in enumerate(tokens):
        try:
            said = normalize(token)
        except Exception:
            said = token
        keys = [k for k in (_key(w) for w in _TOKEN.findall(said.replace("-", " "))) if k]
        for key in keys or [_key(token)]:
            expanded.append(key)
            owner.append(index)
    heard: list[str] = []
    heard_index: list[int] = []  # spoken word index of each heard key
    for index, (word, _, _) in enumerate(spoken):
        for key in (k for k in (_key(w) for w in word.split("-")) if k):
            heard.append(key)
            heard_index.append(index)
    times: list[list[int] | None] = [None] * len(tokens)

    def give(token_index: int, spoken_index: int) -> None:
        _, start, end = spoken[spoken_index]
        slot = times[token_index]
        if slot is None:
            times[token_index] = [start, end]
        else:
            slot[0], slot[1] = min(slot[0], start), max(slot[1], end)

    matcher = difflib.SequenceMatcher(a=expanded, b=heard, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(range(a1, a2), range(b1, b2), strict=True):
                give(owner[a], heard_index[b])
        elif tag == "replace":
            owners = sorted(set(owner[a1:a2]))
            shares = _proportional(b2 - b1, [len(tokens[i][0]) for i in owners])
            for token_index, (first, last) in zip(owners, shares, strict=True):
                for b in range(b1 + first, b1 + last):
                    give(token_index, heard_index[b])
        elif tag == "insert":  # said but matched to no written word: the word before it
            for b in range(b1, b2):
                give(owner[a1 - 1] if a1 else owner[0], heard_index[b])
    _fill_gaps(times)
    words = []
    floor = 0
    for (token, offset), time in zip(tokens, times, strict=True):
        if time is None:
            continue
        start = max(time[0], floor)
        end = max(time[1], start)
        words.append(WrittenWord(token, offset, start, end))
        floor = start
    return words
