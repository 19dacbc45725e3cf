"""The written words of each narrated sentence and when they sound, for the manifest, the
word-level captions and the player's word highlight.

The engine reports the words it spoke (normalized text: "forty-eight"); the timing model
carries them per sentence in absolute samples (`Timing.words`). Here they are mapped back to
the sentence as written ("48"), see text/word_alignment. A narration from an engine without
word timings (gTTS), or from before word timings existed, has no words: callers stay at
sentence level.
"""

from __future__ import annotations

from narrate.text.word_alignment import WrittenWord, written_words
from narrate.timing import Timing


def sentence_words(timing: Timing, language: str) -> list[WrittenWord]:
    """The written words of `timing`'s sentence, timed in absolute samples."""
    spoken = [(w.text, w.start, w.end) for w in getattr(timing, "words", ()) or ()]
    if not spoken:
        return []
    from narrate.text.normalize import normalize

    return written_words(timing.text, spoken, lambda token: normalize(token, language))
