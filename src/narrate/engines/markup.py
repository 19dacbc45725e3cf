"""Inline phoneme markup in spoken text: `[word](/phonemes/)`, as a voice lexicon writes it.

hibari reads it as it is (misaki's form); piper takes raw phonemes as `[[ phonemes ]]`; an
engine that takes no phonemes (gTTS) says the word.
"""

from __future__ import annotations

import re

PHONEME_MARKUP = re.compile(r"\[([^\]\[]+)\]\(/([^/()]+)/\)")


def plain_words(text: str) -> str:
    """`text` with each marked-up word as the word alone."""
    return PHONEME_MARKUP.sub(r"\1", text)


def piper_phonemes(text: str) -> str:
    """`text` with each marked-up word as piper's raw phonemes, `[[ phonemes ]]`."""
    return PHONEME_MARKUP.sub(r"[[ \2 ]]", text)
