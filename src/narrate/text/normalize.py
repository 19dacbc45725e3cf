"""Make written news text speakable: numbers, dates, money, abbreviations and symbols in words.

`normalize` runs a fixed list of small `str -> str` rules in order (as gTTS runs its
pre-processors). Order matters; each rule assumes the ones before it have run:

 1. unify_characters        exotic spaces, minus signs, invisible characters
 2. speak_web_addresses     e-mail addresses and URLs, before their dots and digits are read
 3. speak_phrases           fixed expressions with digits ("24/7", "9/11")
 4. speak_phone_numbers     before their digit groups look like ranges
 5. expand_abbreviations    titles, months, states, "No. 10", "Main St."; periods dropped
 6. speak_money             "$1.5 billion", "€20 million", "$4.99"; before dates ("$1 Oct. 1")
 7. speak_dates             "Oct. 30, 2024", "30 October", ISO and US numeric dates
 8. speak_times             "9:30 p.m.", "10 a.m."
 9. speak_percentages       "5%", "5-10%"
10. speak_units             "2,400 km", "1 km", "-5°C", "a 10-km stretch"
11. speak_ranges            "2020-2024", "5-10", "won 3-1" (all read with "to")
12. speak_decades           "1990s", "'90s"
13. speak_ordinals          "79th", "21st"
14. speak_versions          "Python 3.11", "version 3.12", "3.12.1"
15. speak_years             1000 to 2099 written without a comma: "in 2025"
16. speak_codes             "F-16", "COVID-19", "Su-34": the hyphen becomes a space
17. speak_signs             "#1", "-5", "+3", "4x4", "2½", "3/4"
18. speak_numbers           every number left, then any digit at all
19. speak_roman_numerals    "Pope Leo XIV", "World War II"; never the pronoun "I"
20. speak_initialisms       "U.S.", "FBI", "IMF" in a form espeak-ng spells out
21. speak_symbols           "&", "+", "°", "his/her", "#tag", "@name"
22. collapse_whitespace

The English data (titles, units, currencies, initialisms...) lives in rules/en.toml. Other
languages get only the language-neutral rules: 1, whole numbers in words when num2words knows
the language, and 22. Sentence punctuation is kept; an abbreviation's period is kept only where
it also ends the text or a line, because piper starts a new sentence at every period it sees.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from narrate.text.numbers import cardinal, number, ordinal, year
from narrate.text.rules_characters import (
    collapse_whitespace,
    speak_phone_numbers,
    speak_phrases,
    speak_symbols,
    speak_web_addresses,
    unify_characters,
)
from narrate.text.rules_languages import num2words_language, speak_integers_in
from narrate.text.rules_measures import speak_money, speak_percentages, speak_units
from narrate.text.rules_names import (
    expand_abbreviations,
    roman_value,
    speak_initialisms,
    speak_roman_numerals,
)
from narrate.text.rules_numbers import (
    speak_codes,
    speak_decades,
    speak_numbers,
    speak_ordinals,
    speak_ranges,
    speak_signs,
    speak_versions,
    speak_years,
)
from narrate.text.rules_time import speak_dates, speak_times

Rule = Callable[[str], str]

__all__ = [
    "ENGLISH_RULES",
    "cardinal",
    "normalize",
    "num2words_language",
    "number",
    "ordinal",
    "roman_value",
    "rules_for",
    "year",
]

ENGLISH_RULES: tuple[Rule, ...] = (
    unify_characters,
    speak_web_addresses,
    speak_phrases,
    speak_phone_numbers,
    expand_abbreviations,
    speak_money,
    speak_dates,
    speak_times,
    speak_percentages,
    speak_units,
    speak_ranges,
    speak_decades,
    speak_ordinals,
    speak_versions,
    speak_years,
    speak_codes,
    speak_signs,
    speak_numbers,
    speak_roman_numerals,
    speak_initialisms,
    speak_symbols,
    collapse_whitespace,
)


@functools.lru_cache(maxsize=32)
def rules_for(language: str) -> tuple[Rule, ...]:
    """The rules `normalize` applies for `language` (a BCP 47 tag), in order."""
    tag = (language or "").strip()
    if tag.replace("_", "-").split("-")[0].lower() == "en":
        return ENGLISH_RULES
    code = num2words_language(tag) if tag else None
    if code is None:
        return (unify_characters, collapse_whitespace)
    return (unify_characters, speak_integers_in(code), collapse_whitespace)


def normalize(text: str, language: str = "en") -> str:
    """Return `text` as a newsreader would say it (numbers, dates, abbreviations in words).

    `language` is a BCP 47 tag; only English gets the full rule set (see the module docstring).
    """
    for rule in rules_for(language):
        text = rule(text)
    return text
