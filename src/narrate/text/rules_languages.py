"""Rules for languages other than English: numbers through num2words."""

from __future__ import annotations

import re
from collections.abc import Callable

from num2words import CONVERTER_CLASSES, num2words

Rule = Callable[[str], str]

# How numbers are grouped and split where the language is written (CLDR's usual forms):
# "1.000,5" in German, "1 000,5" in French, "1,000.5" elsewhere.
_DOT_GROUPS = {"az", "ca", "da", "de", "es", "es_CO", "es_CR", "es_VE", "id", "is", "it", "nl",
               "pt", "pt_BR", "ro", "sl", "sr", "tr", "vi"}  # fmt: skip
_SPACE_GROUPS = {"be", "ce", "cs", "eo", "fi", "fr", "fr_BE", "fr_CH", "fr_DZ", "hu", "kz", "lt",
                 "lv", "no", "pl", "ru", "sk", "sv", "tg", "uk"}  # fmt: skip
_NUMBER_FORMS = {
    ".": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    " ": r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    ",": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
}
# "%" in words; a language missing here keeps the sign for its voice to read.
_PERCENT = {"ca": "per cent", "cs": "procent", "da": "procent", "de": "Prozent", "es": "por ciento",
            "fi": "prosenttia", "fr": "pour cent", "it": "per cento", "nl": "procent",
            "no": "prosent", "pl": "procent", "pt": "por cento", "pt_BR": "por cento",
            "ro": "la sută", "sv": "procent"}  # fmt: skip
# num2words' word for the decimal point where the language's writers say another one.
_POINT_WORDS = {"es": ("punto", "coma")}


def _separators(language: str) -> tuple[str, str]:
    """(group, decimal) separators for a num2words code."""
    if language in _DOT_GROUPS or language.split("_")[0] in _DOT_GROUPS:
        return ".", ","
    if language in _SPACE_GROUPS or language.split("_")[0] in _SPACE_GROUPS:
        return " ", ","
    return ",", "."


def num2words_language(language: str) -> str | None:
    """The num2words code for a BCP 47 tag ("pt-BR" -> "pt_BR", "de-AT" -> "de"), or None."""
    tag = language.replace("-", "_")
    for candidate in (tag[:3].lower() + tag[3:].upper(), tag.split("_")[0].lower()):
        if candidate in CONVERTER_CLASSES:
            return candidate
    return None


def speak_numbers_in(language: str) -> Rule:
    """A rule saying numbers in words of `language` (a num2words code), with its separators.

    German "3,5 Millionen" -> "drei Komma fünf Millionen", "1.000" -> "eintausend"; French
    "1 000" -> "mille"; "-5" with the language's minus; "48 %" with its word for percent; a
    bare number from 1000 to 2099 as the language says years ("1989" -> "neunzehnhundert...").
    """
    group, decimal = _separators(language)
    pattern = re.compile(
        rf"(?:(?<![\w.,-])(?P<neg>-)|(?<![\w.,]))(?P<num>{_NUMBER_FORMS[group]})(?!\w|[.,]\d)"
        r"(?P<percent>[^\S\n]?%)?"
    )
    percent = _PERCENT.get(language)

    def words(m: re.Match[str]) -> str:
        written = m["num"].replace(group, "").replace(decimal, ".")
        sign = -1 if m["neg"] else 1
        if "." in written:
            said = str(num2words(sign * float(written), lang=language))
            if language in _POINT_WORDS:
                said = said.replace(*_POINT_WORDS[language])
            return said
        value = sign * int(written)
        if written == m["num"] and 1000 <= value <= 2099 and not m["percent"]:
            try:
                return str(num2words(value, lang=language, to="year"))
            except Exception:  # not every language has years: say the number
                pass
        return str(num2words(value, lang=language))

    def say(m: re.Match[str]) -> str:
        if len(m["num"]) > 24:  # longer than num2words says; the voice reads the digits
            return m[0]
        try:
            said = words(m)
        except Exception:  # a converter's gap (NotImplementedError, OverflowError...) must
            return m[0]  # never stop narration: the engine reads the digits instead
        if m["percent"]:
            said += f" {percent}" if percent else m["percent"]
        return said

    def speak_numbers(text: str) -> str:
        """Say numbers in words of the text's language, read with its separators."""
        return pattern.sub(say, text)

    return speak_numbers
