"""Make written news text speakable: numbers, dates, money, abbreviations and symbols in words.

`normalize` runs a fixed list of small `str -> str` rules in order (as gTTS runs its
pre-processors). Order matters; each rule assumes the ones before it have run:

 1. unify_characters        exotic spaces, minus signs, invisible characters
 2. speak_web_addresses     e-mail addresses, and URLs as their site ("klook dot com")
 3. speak_masked_names      "Man**", "Dia**** Co**": masked names left unsaid
 4. speak_handles           "@JamaicaGleaner", "#MeToo": the sign said, camel case as words
 5. speak_venue_at          "Alpharetta, GA @ Ameris Bank Amphitheatre": a lone "@" is "at"
 6. speak_phrases           fixed expressions with digits ("24/7", "9/11")
 7. speak_phone_numbers     before their digit groups look like ranges
 8. expand_abbreviations    titles, ranks, months, states, "No. 10", "Main St."; periods dropped
 9. speak_state_codes       "Alpharetta, GA" -> "Alpharetta, Georgia" (only after a city)
10. speak_leading_decimals  ".300" hitters, a ".45-caliber" pistol, ".08"
11. speak_rates             "$12/month" -> "$12 a month", before money and units say the amount
12. speak_money             "$1.5 billion", "€20 million", "$4.99"; before dates ("$1 Oct. 1")
13. speak_dates             "Oct. 30, 2024", "30 October", ISO and US numeric dates
14. speak_ratios            "3:1", "1:50,000"; before clock times take "1:50"
15. speak_time_ranges       "9-11 a.m.", "10am-2pm", "noon-1 p.m."
16. speak_times             "9:30 p.m.", "10 a.m."
17. speak_percentages       "5%", "5-10%"
18. speak_compact_durations "2h 30m", "5m 30s"; before "30m" and "30s" look like other things
19. speak_heights           6'2", "6 ft. 4 in.", "3 in. of rain"
20. speak_units             "2,400 km", "1 km", "-5°C", "a 10-km stretch", "45min", "300 Mbps"
21. speak_plan_names        "401(k)", "501(c)(3)", "529 plan"
22. speak_model_numbers     "Boeing 737", "A320neo", "F-150", "Section 230"; before ranges
23. speak_team_names        "76ers", "Schalke 04"
24. speak_ranges            "2020-2024", "5-10", "won 3-1" (all read with "to")
25. speak_decades           "1990s", "'90s", "the 1980s-90s"
26. speak_ordinals          "79th", "21st"
27. speak_versions          "Python 3.11", "version 3.12", "3.12.1"
28. speak_years             1000 to 2099 written without a comma: "in 2025"
29. speak_codes             "F-16", "COVID-19", "Su-34": the hyphen becomes a space
30. speak_fractions         "3/4 of", "2 1/2", "a 1/4-mile stretch"
31. speak_signs             "#1", "-5", "+3", "4x4", "2½"
32. speak_numbers           every number left, then any digit at all
33. speak_roman_numerals    "Pope Leo XIV", "World War II"; never the pronoun "I"
34. speak_ampersand_initialisms "BB&T", "AT&T", "S&P", "Q&A", before initialisms
35. speak_initialisms       "U.S.", "FBI", "IMF" in a form espeak-ng spells out
36. speak_symbols           "&", "+", "°", "his/her", "#tag", "@name"
37. collapse_whitespace

The rules live by job in rules_characters, rules_symbols, rules_names, rules_measures,
rules_time and rules_numbers; the English data (titles, units, currencies...) in rules/en.toml.
Other languages get only the language-neutral rules (rules_languages): 1, numbers in words
with the language's own separators when num2words knows it ("3,5 Millionen"), and the last.

Sentence punctuation is kept; an abbreviation's period is kept only where it also ends the
text or a line, because piper starts a new sentence at every period it sees.
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
from narrate.text.rules_languages import num2words_language, speak_numbers_in
from narrate.text.rules_measures import (
    speak_heights,
    speak_money,
    speak_percentages,
    speak_rates,
    speak_units,
)
from narrate.text.rules_names import (
    expand_abbreviations,
    roman_value,
    speak_initialisms,
    speak_model_numbers,
    speak_plan_names,
    speak_roman_numerals,
    speak_team_names,
)
from narrate.text.rules_numbers import (
    speak_codes,
    speak_decades,
    speak_fractions,
    speak_leading_decimals,
    speak_numbers,
    speak_ordinals,
    speak_ranges,
    speak_ratios,
    speak_signs,
    speak_versions,
    speak_years,
)
from narrate.text.rules_symbols import (
    speak_ampersand_initialisms,
    speak_handles,
    speak_masked_names,
    speak_state_codes,
    speak_venue_at,
)
from narrate.text.rules_time import (
    speak_compact_durations,
    speak_dates,
    speak_time_ranges,
    speak_times,
)

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
    speak_masked_names,
    speak_handles,
    speak_venue_at,
    speak_phrases,
    speak_phone_numbers,
    expand_abbreviations,
    speak_state_codes,
    speak_leading_decimals,
    speak_rates,
    speak_money,
    speak_dates,
    speak_ratios,
    speak_time_ranges,
    speak_times,
    speak_percentages,
    speak_compact_durations,
    speak_heights,
    speak_units,
    speak_plan_names,
    speak_model_numbers,
    speak_team_names,
    speak_ranges,
    speak_decades,
    speak_ordinals,
    speak_versions,
    speak_years,
    speak_codes,
    speak_fractions,
    speak_signs,
    speak_numbers,
    speak_roman_numerals,
    speak_ampersand_initialisms,
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
    return (unify_characters, speak_numbers_in(code), collapse_whitespace)


def normalize(text: str, language: str = "en") -> str:
    """Return `text` as a newsreader would say it (numbers, dates, abbreviations in words).

    `language` is a BCP 47 tag; only English gets the full rule set (see the module docstring).
    """
    for rule in rules_for(language):
        text = rule(text)
    return text
