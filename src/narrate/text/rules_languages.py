"""Rules for languages other than English: numbers through num2words."""

from __future__ import annotations

import re
from collections.abc import Callable

from num2words import CONVERTER_CLASSES, num2words

Rule = Callable[[str], str]

_INTEGER_RE = re.compile(r"(?<![\d.,])\d{1,18}(?![.,]?\d)")


def num2words_language(language: str) -> str | None:
    """The num2words code for a BCP 47 tag ("pt-BR" -> "pt_BR", "de-AT" -> "de"), or None."""
    tag = language.replace("-", "_")
    for candidate in (tag[:3].lower() + tag[3:].upper(), tag.split("_")[0].lower()):
        if candidate in CONVERTER_CLASSES:
            return candidate
    return None


def speak_integers_in(language: str) -> Rule:
    """A rule saying whole numbers in words of `language` (a num2words code).

    Numbers with separators are left as written: "1.000" and "1,5" mean different things from
    one language to the next.
    """

    def say(m: re.Match[str]) -> str:
        try:
            return str(num2words(int(m[0]), lang=language))
        except Exception:  # a converter's gap (NotImplementedError, OverflowError...) must
            return m[0]  # never stop narration: the engine reads the digits instead

    def speak_integers(text: str) -> str:
        """Say whole numbers in words of the text's language."""
        return _INTEGER_RE.sub(say, text)

    return speak_integers
