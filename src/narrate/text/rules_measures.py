"""Rules on amounts: money, percentages, units of measure."""

from __future__ import annotations

import re

from narrate.text.english import english
from narrate.text.numbers import LONGEST_SAID_WHOLE, NUM, cardinal, spoken_amount
from narrate.text.rules_characters import final_period


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
