"""The written words of each narrated sentence and when they sound, for the manifest, the
word-level captions and the player's word highlight.

The engine reports the words it spoke (normalized text: "forty-eight"); the timing model
carries them per sentence in absolute samples (`Timing.words`). Here they are mapped back to
the sentence as written ("48"), see text/word_alignment. A narration from an engine without
word timings (gTTS), or from before word timings existed, has no words: callers stay at
sentence level.
"""

from __future__ import annotations

from collections.abc import Callable

from narrate.text.word_alignment import WrittenWord, written_words
from narrate.timing import Timing


def sentence_words(
    timing: Timing, language: str, normalize: Callable[[str], str] | None = None
) -> list[WrittenWord]:
    """The written words of `timing`'s sentence, timed in absolute samples; `normalize`
    gives a written token's spoken form (default: narrate's normalizer in `language`)."""
    spoken = [(w.text, w.start, w.end) for w in getattr(timing, "words", ()) or ()]
    if not spoken:
        return []
    if normalize is None:
        from narrate.text.normalize import normalize as normalized

        def normalize(token: str) -> str:
            return normalized(token, language)

    return written_words(timing.text, spoken, normalize)


class NarrationWords:
    """The written words of one narration's sentences, each sentence's found once and each
    distinct token normalized once (a long read says "the" thousands of times): the word
    captions and the manifest both read them."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._spoken: dict[str, str] = {}
        self._words: dict[str, list[WrittenWord]] = {}

    def __call__(self, timing: Timing) -> list[WrittenWord]:
        if timing.id not in self._words:
            self._words[timing.id] = sentence_words(timing, self.language, self._spoken_form)
        return self._words[timing.id]

    def _spoken_form(self, token: str) -> str:
        if token not in self._spoken:
            from narrate.text.normalize import normalize

            self._spoken[token] = normalize(token, self.language)
        return self._spoken[token]
