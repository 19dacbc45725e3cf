"""Rules on numbers themselves: ranges, decades, ordinals, versions, years, signs, the rest."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import (
    LONGEST_SAID_WHOLE,
    NUM,
    cardinal,
    digits,
    is_year,
    number,
    ordinal,
    pluralize,
    year,
)

_RANGE_RE = re.compile(
    rf"(?<![\w.,/-])(?P<a>{NUM})(?:-|\s?[–—]\s?)(?P<b>{NUM})(?![.,]?\d|[\w/]|-\d)"
)


def speak_ranges(text: str) -> str:
    """Say ranges and scores with "to": "2020-2024" -> "twenty twenty to twenty twenty-four".

    A score ("won 3-1") is read the same way ("three to one"), as US sportscasters say it;
    text cannot tell a score from a range anyway.
    """

    def say(m: re.Match[str]) -> str:
        a, b = m["a"], m["b"]
        if is_year(a) and (is_year(b) or (len(b) == 2 and b.isdecimal())):
            return f"{year(int(a))} to {year(int(b)) if len(b) == 4 else number(b)}"
        return f"{number(a)} to {number(b)}"

    return _RANGE_RE.sub(say, text)


_DECADE_RE = re.compile(r"(?<![\w'’])(?:['’](?P<short>\d0)|(?P<full>\d{2}|1\d{2}0|20\d0))s\b")


def speak_decades(text: str) -> str:
    """Say decades: "1990s" -> "nineteen nineties", "'90s" -> "nineties"."""

    def say(m: re.Match[str]) -> str:
        written = m["short"] or m["full"]
        if written == "00":
            return "two thousands"
        return pluralize(cardinal(int(written)) if len(written) == 2 else year(int(written)))

    return _DECADE_RE.sub(say, text)


_ORDINAL_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")


def speak_ordinals(text: str) -> str:
    """Say ordinals: "79th" -> "seventy-ninth", "21st" -> "twenty-first"."""

    def say(m: re.Match[str]) -> str:
        written = m[1].replace(",", "")
        return ordinal(int(written)) if len(written) <= LONGEST_SAID_WHOLE else digits(written)

    return _ORDINAL_RE.sub(say, text)


_V_VERSION_RE = re.compile(r"(?<![\w.])v(\d+(?:\.\d+)+)(?!\.?\d|\w)")
_DOTTED_VERSION_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+){2,})(?!\.?\d|\w)")


def _say_version(written: str) -> str:
    return " point ".join(number(part) for part in written.split("."))


def speak_versions(text: str) -> str:
    """Say versions part by part: "Python 3.11" -> "Python three point eleven".

    A decimal is a version after a name in rules/en.toml, after "v", or with two or more
    points ("3.12.1"); any other decimal is read digit by digit ("3.14": "three point one four").
    """
    text = english().version_re.sub(lambda m: f"{m['name']} {_say_version(m['v'])}", text)
    text = _V_VERSION_RE.sub(lambda m: f"version {_say_version(m[1])}", text)
    return _DOTTED_VERSION_RE.sub(lambda m: _say_version(m[1]), text)


_YEAR_RE = re.compile(r"(?<![\w.,$€£¥])(1\d{3}|20\d{2})(?![.,]?\d|\w)")
_SHORT_YEAR_RE = re.compile(r"(?<![\w'’])['’](\d)(\d)(?![\w'’]|\.\d)")


def speak_years(text: str) -> str:
    """Say four-digit numbers from 1000 to 2099 written without a comma as years.

    AP style writes counts with commas ("2,025 people"), so "in 2025" is a year. "'22" is a
    year too ("twenty-two"), and "'05" is "oh five".
    """
    text = _YEAR_RE.sub(lambda m: year(int(m[1])), text)
    return _SHORT_YEAR_RE.sub(
        lambda m: f"oh {digits(m[2])}" if m[1] == "0" else cardinal(int(m[1] + m[2])), text
    )


_CODE_RE = re.compile(r"\b([A-Z][A-Za-z]*)-(?=\d)")


def speak_codes(text: str) -> str:
    """Read model names and codes as letters then a number: "F-16" -> "F 16" (-> "F sixteen")."""
    return _CODE_RE.sub(r"\1 ", text)


_VULGAR_FRACTIONS = {"½": "a half", "¼": "a quarter", "¾": "three quarters"}
_FRACTION_RE = re.compile(r"(?<![\w./])(\d{1,6})/(\d{1,6})(?![\w/]|[.,]\d)")


def _say_fraction(m: re.Match[str]) -> str:
    top, bottom = int(m[1]), int(m[2])
    if 0 < top < bottom <= 10:
        name = {2: "half", 4: "quarter"}.get(bottom) or ordinal(bottom)
        return f"{cardinal(top)} {name}{'s' if top > 1 else ''}"
    return f"{number(m[1])} slash {number(m[2])}"


def speak_signs(text: str) -> str:
    """Say signs that belong to a number: "#1", "-5", "+3", "4x4", "2x", "2½", "3/4"."""
    text = re.sub(r"(?<![\w&])#(?=\d)", "number ", text)
    text = re.sub(r"(?<![\w.,)-])-(?=\d)", "minus ", text)
    text = re.sub(r"(?<![\w+])\+(?=\d)", "plus ", text)
    text = re.sub(r"(?<=\d)\s?[x×]\s?(?=\d)", " by ", text)
    text = re.sub(r"(?<=\d)[x×](?!\w)", " times", text)
    text = re.sub(r"(?<=\d)\s?([½¼¾])", lambda m: f" and {_VULGAR_FRACTIONS[m[1]]}", text)
    return _FRACTION_RE.sub(_say_fraction, text)


_NUM_RE = re.compile(rf"(?<![\w.,])(?:{NUM})(?![.,]?\d)")
_ANY_DIGITS_RE = re.compile(r"\d+")


def _apart(m: re.Match[str], words: str) -> str:
    """`words` for the match, spaced from a letter it touched ("5G" -> "five G")."""
    before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
    return (" " if before.isalnum() else "") + words + (" " if after.isalnum() else "")


def speak_numbers(text: str) -> str:
    """Say every number left ("2,400" -> "two thousand four hundred"), then any stray digit."""
    text = _NUM_RE.sub(lambda m: _apart(m, number(m[0])), text)
    return _ANY_DIGITS_RE.sub(lambda m: _apart(m, number(m[0])), text)
