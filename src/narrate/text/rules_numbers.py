"""Rules on numbers themselves: decimals, ratios, ranges, decades, ordinals, versions, years,
fractions, signs, and every number left."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import (
    LONGEST_SAID_WHOLE,
    NUM,
    cardinal,
    digits,
    in_pairs,
    is_year,
    number,
    ordinal,
    pluralize,
    year,
)

_CARTRIDGE_RE = re.compile(r"(?<![\w.,$])\.(?P<a>\d\d)-0(?P<b>\d)\b")
_LEADING_DECIMAL_RE = re.compile(r"(?<![\w.,$€£¥])\.(?P<d>\d+)(?![\d.,]?\d)")
_CALIBER_RE = re.compile(
    r"-?(?:caliber|cal)\b|[^\S\n]+(?:caliber|cal|Special|Magnum|ACP|rifles?|pistols?|handguns?"
    r"|revolvers?|rounds?|ammunition|bullets?)\b"
)


def speak_leading_decimals(text: str) -> str:
    """Say decimals written without "0": ".300" -> "three hundred", ".45 caliber" -> "forty-five".

    Three digits are a batting average or a caliber, said in pairs (".285" -> "two eighty-five");
    two before "caliber", "Magnum"... are a caliber; any other is "point" and digits (".08").
    A ".30-06" cartridge is "thirty-oh-six".
    """

    def say(m: re.Match[str]) -> str:
        written = m["d"]
        if len(written) == 3 and written[0] != "0":
            return in_pairs(written)
        if len(written) == 2 and written[0] != "0" and _CALIBER_RE.match(m.string, m.end()):
            return cardinal(int(written))
        return f"point {digits(written)}"

    text = _CARTRIDGE_RE.sub(lambda m: f"{cardinal(int(m['a']))}-oh-{cardinal(int(m['b']))}", text)
    return _LEADING_DECIMAL_RE.sub(say, text)


_RATIO_RE = re.compile(
    rf"(?<![\w.,:])(?P<a>{NUM}):(?P<b>\d{{1,3}}(?:,\d{{3}})+|\d{{3,}}|\d)(?![\w:]|[.,]\d)"
)
_NAMED_RATIO_RE = re.compile(
    rf"\b(?P<named>(?:ratios?|odds|scale) of[^\S\n]+)(?P<a>{NUM}):(?P<b>{NUM})(?![\w:]|[.,]\d)"
)


def speak_ratios(text: str) -> str:
    """Say ratios with "to": "3:1" -> "three to one", "1:50,000" -> "one to fifty thousand".

    A clock has two digits after its colon, so "3:15" stays a time unless a ratio is named
    ("a ratio of 1:10").
    """
    text = _NAMED_RATIO_RE.sub(lambda m: f"{m['named']}{number(m['a'])} to {number(m['b'])}", text)
    return _RATIO_RE.sub(lambda m: f"{number(m['a'])} to {number(m['b'])}", text)


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


_DECADE = r"(?:['’]\d0|\d{2}|1\d{2}0|20\d0)s"
_DECADE_RE = re.compile(
    rf"(?<![\w'’])(?<![A-Z]-)(?P<first>{_DECADE})(?:[-–](?P<second>{_DECADE}))?\b"
)


def _say_decade(written: str) -> str:
    digits_only = written.strip("'’")[:-1]
    if digits_only == "00":
        return "two thousands"
    if len(digits_only) == 2:
        return pluralize(cardinal(int(digits_only)))
    return pluralize(year(int(digits_only)))


def speak_decades(text: str) -> str:
    """Say decades: "1990s" -> "nineteen nineties", "'90s" -> "nineties".

    A range of decades is read with "to": "the 1980s-90s" -> "the nineteen eighties to nineties".
    """

    def say(m: re.Match[str]) -> str:
        said = _say_decade(m["first"])
        return said + (f" to {_say_decade(m['second'])}" if m["second"] else "")

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
_CODES_RE = re.compile(r"\b(?P<letters>[A-Z][A-Za-z]*)-(?P<n>\d{1,3})s\b")


def speak_codes(text: str) -> str:
    """Read model names and codes as letters then a number: "F-16" -> "F 16" (-> "F sixteen").

    Several of them are "F-16s" -> "F sixteens".
    """
    text = _CODES_RE.sub(lambda m: f"{m['letters']} {pluralize(cardinal(int(m['n'])))}", text)
    return _CODE_RE.sub(r"\1 ", text)


_VULGAR_FRACTIONS = {"½": "a half", "¼": "a quarter", "¾": "three quarters"}
_FRACTION = r"(?P<top>\d{1,3})/(?P<bottom>\d{1,4})"
_MIXED_RE = re.compile(rf"(?<![\w.,/])(?P<whole>\d{{1,6}})[^\S\n]+{_FRACTION}(?![\w/]|[.,]\d)")
_FRACTION_ADJECTIVE_RE = re.compile(rf"(?<![\w.,/]){_FRACTION}-(?=[a-z])")
_FRACTION_RE = re.compile(rf"(?<![\w./]){_FRACTION}(?![\w/]|[.,]\d)")


def _denominator(bottom: int, plural: bool) -> str | None:
    """ "quarter", "thirds", "sixteenth", "hundredths"; None where a slash is not a fraction."""
    if bottom == 2:
        return "halves" if plural else "half"
    if bottom == 4:
        return "quarters" if plural else "quarter"
    if 3 <= bottom <= 16 or bottom in (100, 1000):
        name = ordinal(bottom).removeprefix("one ")
        return name + "s" if plural else name
    return None


def _fraction(top: int, bottom: int) -> str | None:
    name = _denominator(bottom, top > 1) if 0 < top < bottom else None
    return f"{cardinal(top)} {name}" if name else None


def speak_fractions(text: str) -> str:
    """Say fractions: "3/4 of" -> "three quarters of", "2 1/2" -> "two and a half".

    "a 1/4-mile stretch" -> "a quarter-mile stretch". A slash that is no proper fraction up to
    sixteenths (or hundredths, thousandths) is read "slash": "7/20" -> "seven slash twenty".
    """

    def mixed(m: re.Match[str]) -> str:
        top, bottom = int(m["top"]), int(m["bottom"])
        said = _fraction(top, bottom)
        if said is None:
            return m[0]
        name = said.split(" ", 1)[1]
        article = ("an" if name[0] in "aeiou" else "a") if top == 1 else cardinal(top)
        return f"{cardinal(int(m['whole']))} and {article} {name}"

    def adjective(m: re.Match[str]) -> str:
        top, bottom = int(m["top"]), int(m["bottom"])
        name = _denominator(bottom, False) if 0 < top < bottom else None
        if name is None:
            return m[0]
        return (name if top == 1 else f"{cardinal(top)}-{name}") + "-"

    def simple(m: re.Match[str]) -> str:
        said = _fraction(int(m["top"]), int(m["bottom"]))
        return said or f"{number(m['top'])} slash {number(m['bottom'])}"

    text = _FRACTION_ADJECTIVE_RE.sub(adjective, _MIXED_RE.sub(mixed, text))
    return _FRACTION_RE.sub(simple, text)


def speak_signs(text: str) -> str:
    """Say signs that belong to a number: "#1", "-5", "+3", "4x4", "2x", "2½"."""
    text = re.sub(r"(?<![\w&])#(?=\d)", "number ", text)
    text = re.sub(r"(?<![\w.,)-])-(?=\d)", "minus ", text)
    text = re.sub(r"(?<![\w+])\+(?=\d)", "plus ", text)
    text = re.sub(r"(?<=\d)\s?[x×]\s?(?=\d)", " by ", text)
    text = re.sub(r"(?<=\d)[x×](?!\w)", " times", text)
    return re.sub(r"(?<=\d)\s?([½¼¾])", lambda m: f" and {_VULGAR_FRACTIONS[m[1]]}", text)


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
