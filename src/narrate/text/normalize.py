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
import re
from collections.abc import Callable

from num2words import CONVERTER_CLASSES, num2words

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
    spoken_amount,
    year,
)

Rule = Callable[[str], str]

_AFTER_PERIOD_RE = re.compile(r"[\"”’')\]]*(?P<space>\s*)")


def _period(m: re.Match[str]) -> str:
    """ "." when the period the match swallowed also ends the sentence, else "".

    That is at the end of the text or of a line: `normalize` is called per sentence, and in a
    paragraph "Main St. Officials said" cannot be told from "St. Louis" without a parser.
    """
    after = _AFTER_PERIOD_RE.match(m.string, m.end())
    assert after is not None  # the pattern matches the empty string
    return "." if after.end() == len(m.string) or "\n" in after["space"] else ""


# --- the rules, in order ------------------------------------------------------------------

_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def unify_characters(text: str) -> str:
    """Turn no-break and thin spaces into spaces, "−" into "-", and drop invisible characters."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).replace("\u2212", "-")


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)")
_URL_RE = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"”]+?(?=[.,;:!?)\]'’\"”]*(?:\s|$))")
_ADDRESS_MARKS_RE = re.compile(r"[./@_+-]")
_ADDRESS_MARKS = {
    ".": " dot ", "/": " slash ", "@": " at ", "_": " underscore ", "-": " dash ", "+": " plus "
}  # fmt: skip


def _say_address(address: str) -> str:
    # Listeners need the host and path, not the scheme, query string or fragment.
    address = re.sub(r"^https?://", "", address).split("?")[0].split("#")[0].rstrip("/")
    address = re.sub(r"^www\.", "w w w.", address)
    return _ADDRESS_MARKS_RE.sub(lambda m: _ADDRESS_MARKS[m[0]], address)


def speak_web_addresses(text: str) -> str:
    """Say e-mail addresses and URLs: "press@example.org" -> "press at example dot org"."""
    text = _EMAIL_RE.sub(lambda m: _say_address(m[0]), text)
    text = _URL_RE.sub(lambda m: _say_address(m[0]), text)
    return english().domain_re.sub(lambda m: _say_address(m[0]), text)


def speak_phrases(text: str) -> str:
    """Say fixed expressions as a whole: "24/7" -> "twenty-four seven"."""
    rules = english()
    return rules.phrase_re.sub(lambda m: rules.phrases[m[0]], text)


_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}(?![\w-])"
)


def speak_phone_numbers(text: str) -> str:
    """Read phone numbers digit by digit, group by group: "555-123-4567"."""

    def say(m: re.Match[str]) -> str:
        groups = re.findall(r"\d+", m[0])
        if sum(map(len, groups)) < 7:  # "+5 (3)": a sign and a number, not a phone number
            return m[0]
        return ("plus " if m[0].startswith("+") else "") + ", ".join(map(digits, groups))

    return _PHONE_RE.sub(say, text)


_BEFORE_NAME_RE = re.compile(r"[^\S\n]+[\"“]?[A-Z]")
_AFTER_NAME_RE = re.compile(r"(?:\b[A-Z][\w'’-]*|\b\d+(?:st|nd|rd|th)?),?[^\S\n]+$")
_AFTER_PLACE_RE = re.compile(r"\b[A-Z][\w'’.-]*,[^\S\n]*$")
_BEFORE_NUMBER_RE = re.compile(r"\s*#?\d")


def _expand_abbreviation(m: re.Match[str]) -> str:
    rules, key = english(), m[1]
    before, after = m.string[max(0, m.start() - 60) : m.start()], m.string[m.end() :]
    if key in rules.numbered and _BEFORE_NUMBER_RE.match(after):
        return rules.numbered[key]
    if key in rules.states and _AFTER_PLACE_RE.search(before):
        return rules.states[key] + _period(m)
    before_name = _BEFORE_NAME_RE.match(after) is not None
    # "Main St." and "King Jr." but "Mount St. Helens": a name on both sides makes it a title.
    after_name = key in rules.after_name and _AFTER_NAME_RE.search(before)
    if after_name and not (before_name and key in rules.titles):
        return rules.after_name[key] + _period(m)
    if key in rules.titles and before_name:
        return rules.titles[key]
    if key in rules.month_abbreviations:
        return rules.month_abbreviations[key] + _period(m)
    if key in rules.abbreviations:
        return rules.abbreviations[key] + _period(m)
    return m[0]


def expand_abbreviations(text: str) -> str:
    """Say titles, months, states and other abbreviations in full, dropping their periods.

    "Gen." before a name is "General"; "St." is "Saint" before a name and "Street" after one;
    "Calif." is a state after "City," and in "D-Calif." (said "Democrat of California").
    """
    rules = english()

    def party(m: re.Match[str]) -> str:
        state = m[2]
        if state.endswith("."):
            state = rules.states[state[:-1]] + _period(m)
        return f"{rules.parties[m[1]]} of {state}"

    text = rules.party_re.sub(party, text)
    text = rules.bare_month_re.sub(lambda m: rules.month_abbreviations[m[1]], text)
    return rules.abbreviation_re.sub(_expand_abbreviation, text)


def speak_money(text: str) -> str:
    """Say amounts of money: "$1.5 billion" -> "one point five billion dollars".

    "$4.99" is "four dollars and ninety-nine cents"; "20€" and "$5-10 million" work too.
    """
    rules = english()

    def say(m: re.Match[str]) -> str:
        one, many, cent, cents = rules.currencies[m["cur"]]
        groups = m.groupdict()
        first, second = groups["num"], groups["num2"]
        scale = groups.get("scale") or groups.get("short")
        if scale:
            return f"{spoken_amount(first, second)} {rules.scales[scale]} {many}"
        whole, _, fraction = first.replace(",", "").partition(".")
        if second or len(fraction) not in (0, 2) or len(whole) > LONGEST_SAID_WHOLE:
            return f"{spoken_amount(first, second)} {many}"
        said = [f"{cardinal(int(whole))} {one if int(whole) == 1 else many}"] if int(whole) else []
        if fraction and int(fraction):
            said.append(f"{cardinal(int(fraction))} {cent if int(fraction) == 1 else cents}")
        return " and ".join(said) or f"zero {many}"

    return rules.money_after_re.sub(say, rules.money_re.sub(say, text))


_ISO_DATE_RE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_US_DATE_RE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/])")


def _full_date(month: int, day: int, year_written: str) -> str:
    full_year = int(year_written)
    if len(year_written) == 2:  # "2/24/22": this century unless that is far in the future
        full_year += 2000 if full_year <= 50 else 1900
    return f"{english().months[month - 1]} {ordinal(day)}, {year(full_year)}"


def speak_dates(text: str) -> str:
    """Say dates: "October 30, 2024" -> "October thirtieth, twenty twenty-four".

    Also "30 October" ("the thirtieth of October"), "October 30-31", ISO "2024-10-30" and US
    numeric "10/30/2024" (read day first only when the first number cannot be a month).
    """
    rules = english()

    def iso(m: re.Match[str]) -> str:
        month, day = int(m[2]), int(m[3])
        return _full_date(month, day, m[1]) if 1 <= month <= 12 and 1 <= day <= 31 else m[0]

    def numeric(m: re.Match[str]) -> str:
        a, b = int(m[1]), int(m[2])
        if 1 <= a <= 12 and 1 <= b <= 31:
            return _full_date(a, b, m[3])
        if 1 <= b <= 12 and 13 <= a <= 31:
            return _full_date(b, a, m[3])
        return m[0]

    def month_first(m: re.Match[str]) -> str:
        if not 1 <= int(m["day"]) <= 31:
            return m[0]
        said = f"{m['month']} {ordinal(int(m['day']))}"
        if m["day2"]:
            said += f" to {ordinal(int(m['day2']))}"
        return said + (f", {year(int(m['year']))}" if m["year"] else "")

    def day_first(m: re.Match[str]) -> str:
        if not 1 <= int(m["day"]) <= 31:
            return m[0]
        said = f"{m['the'] or 'the '}{ordinal(int(m['day']))} of {m['month']}"
        return said + (f", {year(int(m['year']))}" if m["year"] else "")

    text = _US_DATE_RE.sub(numeric, _ISO_DATE_RE.sub(iso, text))
    return rules.day_first_re.sub(day_first, rules.month_first_re.sub(month_first, text))


_AMPM = r"(?P<ampm>[ap]\.m\.|[AP]\.M\.|[ap]\.m(?![\w.])|[ap]m|[AP]M)"
_CLOCK_RE = re.compile(
    rf"(?<![\w:.,])(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?(?:\s?{_AMPM})?(?![\w:])"
)
_HOUR_RE = re.compile(rf"(?<![\w:.,])(?P<h>\d{{1,2}})\s?{_AMPM}(?!\w)")


def speak_times(text: str) -> str:
    """Say clock times: "9:30 p.m." -> "nine thirty p.m", "9:05" -> "nine oh five".

    "a.m"/"p.m" keep only their inner period: espeak-ng then says the letters and does not
    end the sentence there ("a m" is read "uh m", "AM" as "am"). "2:01:09" is a duration.
    """
    time_words = english().time

    def meridiem(m: re.Match[str]) -> str:
        if not m["ampm"]:
            return ""
        said = time_words["am" if m["ampm"][0] in "aA" else "pm"]
        return " " + said + (_period(m) if m["ampm"].endswith(".") else "")

    def clock(m: re.Match[str]) -> str:
        h, mins = int(m["h"]), int(m["m"])
        if h > 24 or mins > 59 or (m["s"] and int(m["s"]) > 59):
            return m[0]
        if m["s"]:
            parts = zip((h, mins, int(m["s"])), ("hour", "minute", "second"), strict=True)
            return " ".join(f"{cardinal(n)} {unit}{'s' * (n != 1)}" for n, unit in parts if n)
        if mins == 0 and not m["ampm"]:
            return f"{cardinal(h)} o'clock" if 1 <= h <= 12 else f"{cardinal(h)} hundred"
        said = cardinal(h)
        if mins:
            said += f" oh {cardinal(mins)}" if mins < 10 else f" {cardinal(mins)}"
        return said + meridiem(m)

    def hour(m: re.Match[str]) -> str:
        return cardinal(int(m["h"])) + meridiem(m) if int(m["h"]) <= 24 else m[0]

    return _HOUR_RE.sub(hour, _CLOCK_RE.sub(clock, text))


_PERCENT_RE = re.compile(
    rf"(?<![\w.,])(?P<neg>-)?(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?\s?(?:%|per ?cent\b)"
)


def speak_percentages(text: str) -> str:
    """Say percentages: "5%" -> "five percent", "5-10%" -> "five to ten percent"."""

    def say(m: re.Match[str]) -> str:
        return ("minus " if m["neg"] else "") + f"{spoken_amount(m['num'], m['num2'])} percent"

    return _PERCENT_RE.sub(say, text)


def speak_units(text: str) -> str:
    """Say measures: "2,400 km" -> "two thousand four hundred kilometers"; "1 km" is singular.

    A hyphenated measure stays an adjective: "a 10-km stretch" -> "a ten-kilometer stretch".
    """
    rules = english()

    def say(m: re.Match[str]) -> str:
        singular, plural = rules.units[m["unit"]]
        second = m["num2"] or m["num3"]
        adjective = m["sep"] == "-"
        unit = singular if adjective or (m["num"] == "1" and not second) else plural
        said = ("minus " if m["neg"] else "") + spoken_amount(m["num"], second)
        return f"{said}{'-' if adjective else ' '}{unit}{_period(m) if m['dot'] else ''}"

    return rules.unit_re.sub(say, text)


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


_ROMAN_RE = re.compile(
    r"(?:\b(?P<title>[A-Z][a-z]+)[^\S\n]+)?\b(?P<name>[A-Z][a-z][\w'’-]*)[^\S\n]+"
    r"(?P<numeral>[IVXLCDM]+)\b(?![-'’]?\w\w)"
)
_VALID_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_HIGHEST_REGNAL = 39


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral ("XIV" -> 14), else None ("IIII", "CIVIL")."""
    if not numeral or not _VALID_ROMAN_RE.fullmatch(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def speak_roman_numerals(text: str) -> str:
    """Say Roman numerals after names: "Leo XIV" -> "Leo the fourteenth", "War II" -> "War Two".

    After a capitalized name a numeral up to 39 is regnal; after words such as "War" or
    "Chapter" it is a number. A lone "I", "V" or "X" counts only after a title and a name
    ("King Charles I"), so "Malcolm X" and the pronoun "I" are left alone.
    """
    rules = english()

    def say(m: re.Match[str]) -> str:
        numeral, value = m["numeral"], roman_value(m["numeral"])
        kept = m[0][: m.start("numeral") - m.start()]
        if value is None:
            return m[0]
        if m["name"] in rules.cardinal_after:
            return kept + cardinal(value).title()
        if value <= _HIGHEST_REGNAL and (len(numeral) > 1 or m["title"] in rules.regnal_titles):
            return f"{kept}the {ordinal(value)}"
        return m[0]

    return _ROMAN_RE.sub(say, text)


_DOTTED_RE = re.compile(
    r"(?<![\w.])(?P<letters>(?:[A-Z]\.)+[A-Z])(?P<dot>\.)?(?P<suffix>['’]?s)?(?![\w.])"
)


def _spell(letters: str, suffix: str | None) -> str:
    # Inner periods make espeak-ng say letters ("I.A.E.A"); before "'s" it needs a final one
    # too, or it reads the period aloud ("U.S's" comes out "U dot S's").
    spelled = ".".join(letters)
    return spelled + ".'s" if suffix else spelled


def speak_initialisms(text: str) -> str:
    """Write initialisms so they are said letter by letter: "U.S." -> "U.S", "IMF" -> "I.M.F".

    Capitals are spelled only when listed in rules/en.toml (espeak-ng spells most unknown
    ones by itself); dotted ones always are, unless listed as said as a word ("N.A.T.O.").
    """
    rules = english()

    def dotted(m: re.Match[str]) -> str:
        letters = m["letters"].replace(".", "")
        dot = _period(m) if m["dot"] and not m["suffix"] else ""
        if letters in rules.spoken_words:
            return letters + (m["suffix"] or "") + dot
        return _spell(letters, m["suffix"]) + dot

    text = _DOTTED_RE.sub(dotted, text)
    return rules.letters_re.sub(lambda m: _spell(m[1], m[2]), text)


_AMPERSAND_LETTERS_RE = re.compile(r"\b([A-Z]{1,3})\s?&\s?([A-Z]{1,3})\b")
_HASHTAG_RE = re.compile(r"(?<![\w&])#(?=[^\W\d])")
_HANDLE_RE = re.compile(r"(?<![\w.])@(?=\w)")
_WORD_SLASH_RE = re.compile(r"\b[a-z]+(?:/[a-z]+)+\b")


def speak_symbols(text: str) -> str:
    """Say symbols as words: "&" -> "and", "#tag" -> "hashtag tag", "his/her" -> "his or her".

    "AT&T" is spelled around its "and" ("A.T and T"), as espeak-ng reads "AT" as "at".
    """
    rules = english()
    text = _AMPERSAND_LETTERS_RE.sub(lambda m: f"{'.'.join(m[1])} and {'.'.join(m[2])}", text)
    text = _HASHTAG_RE.sub("hashtag ", text)
    text = _HANDLE_RE.sub("at ", text)
    text = _WORD_SLASH_RE.sub(lambda m: m[0].replace("/", " or "), text)
    return rules.symbol_re.sub(lambda m: f" {rules.symbols[m[0]]} ", text)


_SPACE_BEFORE_PUNCTUATION_RE = re.compile(r"(?<=\w) +(?=[,.;:!?](?:\s|$))")


def collapse_whitespace(text: str) -> str:
    """Join all whitespace into single spaces; drop spaces the rules left before punctuation."""
    return _SPACE_BEFORE_PUNCTUATION_RE.sub("", " ".join(text.split()))


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


# --- other languages ----------------------------------------------------------------------

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
