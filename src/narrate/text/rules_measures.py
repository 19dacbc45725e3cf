"""Rules on amounts: rates, money, percentages, heights and other units of measure."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import LONGEST_SAID_WHOLE, NUM, cardinal, number, spoken_amount
from narrate.text.rules_characters import final_period


def speak_rates(text: str) -> str:
    """Say a slash after an amount as "a" or "per": "$12/month" -> "$12 a month".

    Runs before money and units, which then say the amount: "twelve dollars a month",
    "2,300 mg/day" -> "two thousand three hundred milligrams a day".
    """
    rules = english()

    def say(m: re.Match[str]) -> str:
        return f"{m['amount']} {rules.rates[m['per']]}{final_period(m) if m['dot'] else ''}"

    return rules.rate_re.sub(say, text)


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
        return f"{said}{'-' if adjective else ' '}{unit}{final_period(m) if m['dot'] else ''}"

    return rules.unit_re.sub(say, text)


_FEET_INCHES_RE = re.compile(
    r"(?<![\w.,])(?P<ft>\d)[^\S\n]?['′’][^\S\n]?(?P<inches>\d{1,2})[^\S\n]?(?:\"|″|”|'')"
)
_FT_IN_RE = re.compile(
    r"(?<![\w.,])(?P<ft>\d{1,2})[^\S\n]?ft\.?[^\S\n]+(?P<inches>\d{1,2})[^\S\n]?in\b(?P<dot>\.)?"
)
_INCHES_RE = re.compile(rf"(?<![\w.,])(?P<n>{NUM})[^\S\n]?in\.(?=[^\S\n]+[a-z])")


def speak_heights(text: str) -> str:
    """Say heights and lengths in feet and inches: 6'2" -> "six foot two", "3 in. of rain".

    "6 ft. 4 in." -> "six feet four inches"; "in." is inches only with its period, after a
    number and before a lower-case word ("18 in. deep"), as "in" is also a preposition.
    """

    def feet_inches(m: re.Match[str]) -> str:
        return f"{cardinal(int(m['ft']))} foot {cardinal(int(m['inches']))}"

    def ft_in(m: re.Match[str]) -> str:
        ft, inches = int(m["ft"]), int(m["inches"])
        said = f"{cardinal(ft)} {'foot' if ft == 1 else 'feet'} {cardinal(inches)} "
        return said + ("inch" if inches == 1 else "inches") + (final_period(m) if m["dot"] else "")

    text = _FT_IN_RE.sub(ft_in, _FEET_INCHES_RE.sub(feet_inches, text))
    return _INCHES_RE.sub(lambda m: f"{number(m['n'])} inch{'es' * (m['n'] != '1')}", text)
