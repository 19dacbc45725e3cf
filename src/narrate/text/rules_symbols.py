"""Rules for symbols and names of the web: "&" initialisms, masked names, handles and tags,
"@" before a venue, and US postal state codes after a city.

Each is a small `str -> str` rule, run in the order text/normalize.py lists.
"""

from __future__ import annotations

import re

from narrate.text.english import english

_AMPERSAND_LETTERS_RE = re.compile(r"\b([A-Z]{1,3})\s?&\s?([A-Z]{1,3})\b")


def speak_ampersand_initialisms(text: str) -> str:
    """ "BB&T" -> "B.B and T", "AT&T" -> "A.T and T", "Q&A" -> "Q and A": letters spelled
    around the "and" (espeak-ng reads "AT" as the word "at"), as people say them."""
    return _AMPERSAND_LETTERS_RE.sub(lambda m: f"{'.'.join(m[1])} and {'.'.join(m[2])}", text)


# A name masked for privacy ("Man**", "Dia**** Co** Ga****"): the letters left say nothing.
# A dash before the run is the attribution's ("– Man**"): it goes with the name.
_MASKED = r"(?<![\w*])[^\W\d_]{1,20}\*{2,}(?![\w*])"
_MASKED_RE = re.compile(rf"(?:(?<!\S)[–—-][^\S\n]*)?{_MASKED}(?:[^\S\n]+{_MASKED})*")


def speak_masked_names(text: str) -> str:
    """Leave masked names unsaid: "Great show! – Man**" -> "Great show!"."""
    return _MASKED_RE.sub("", text) if "**" in text else text


_VENUE_AT_RE = re.compile(r"(?<=\S)[^\S\n]+@[^\S\n]+(?=\S)")


def speak_venue_at(text: str) -> str:
    """ "Alpharetta, GA @ Ameris Bank Amphitheatre" -> "... at Ameris Bank Amphitheatre"."""
    return _VENUE_AT_RE.sub(" at ", text)


_HANDLE_RE = re.compile(r"(?<![\w.&])(?P<sign>[@#])(?P<name>[^\W\d_][\w]*)")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|_")


def speak_handles(text: str) -> str:
    """ "@JamaicaGleaner" -> "at Jamaica Gleaner", "#MeToo" -> "hashtag Me Too": the sign
    said, and a name written in camel case or with underscores read as its words."""

    def say(m: re.Match[str]) -> str:
        words = " ".join(part for part in _CAMEL_RE.split(m["name"]) if part)
        return f"{'at' if m['sign'] == '@' else 'hashtag'} {words}"

    return _HANDLE_RE.sub(say, text)


def speak_state_codes(text: str) -> str:
    """ "Alpharetta, GA" -> "Alpharetta, Georgia": a postal code right after a city only
    ("GA" elsewhere stays); "MD", "OK", "IN" and the other word-like codes need a ZIP."""
    rules = english()

    def say(m: re.Match[str]) -> str:
        code = m["code"] or m["zipped"]
        return f"{m['city']}, {rules.postal_states[code]}"

    return rules.postal_state_re.sub(say, text)
