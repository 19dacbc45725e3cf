"""The English spoken forms of rules/en.toml, and the patterns built from them."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from narrate.text.numbers import NUM


@dataclass(frozen=True)
class English:
    """The spoken forms in rules/en.toml, and the patterns built from them."""

    months: tuple[str, ...]
    month_abbreviations: Mapping[str, str]
    titles: Mapping[str, str]
    after_name: Mapping[str, str]
    abbreviations: Mapping[str, str]
    numbered: Mapping[str, str]
    states: Mapping[str, str]
    ambiguous_states: frozenset[str]
    postal_states: Mapping[str, str]
    postal_state_re: re.Pattern[str]
    ranks: frozenset[str]
    parties: Mapping[str, str]
    spoken_words: frozenset[str]
    regnal_titles: frozenset[str]
    cardinal_after: frozenset[str]
    units: Mapping[str, tuple[str, str]]
    currencies: Mapping[str, tuple[str, str, str, str]]
    scales: Mapping[str, str]
    time: Mapping[str, str]
    phrases: Mapping[str, str]
    symbols: Mapping[str, str]
    rates: Mapping[str, str]
    rate_re: re.Pattern[str]
    model_name_re: re.Pattern[str]
    aircraft_nouns: frozenset[str]
    aircraft_re: re.Pattern[str]
    plan_re: re.Pattern[str]
    abbreviation_re: re.Pattern[str]
    bare_month_re: re.Pattern[str]
    party_re: re.Pattern[str]
    phrase_re: re.Pattern[str]
    domain_re: re.Pattern[str]
    money_re: re.Pattern[str]
    money_after_re: re.Pattern[str]
    month_first_re: re.Pattern[str]
    day_first_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    version_re: re.Pattern[str]
    letters_re: re.Pattern[str]
    symbol_re: re.Pattern[str]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternative of `words`, longest first so "km/h" wins over "km"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _postal_state_re(data: dict[str, Any]) -> re.Pattern[str]:
    """ "City, GA" (a capitalized place name, a comma, a code); ambiguous codes need a ZIP."""
    ambiguous = data["ambiguous_postal_states"]["written"]
    plain = [code for code in data["postal_states"] if code not in ambiguous]
    return re.compile(
        r"(?P<city>\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}),[^\S\n]+"
        rf"(?:(?P<code>{_alternation(plain)})(?![\w&'’-])(?!\.\w)"
        rf"|(?P<zipped>{_alternation(ambiguous)})(?=[^\S\n]+\d{{5}}(?!\d)))"
    )


@functools.lru_cache(maxsize=1)
def english() -> English:
    """Read rules/en.toml (once per process) and build its patterns."""
    text = resources.files("narrate.text").joinpath("rules/en.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    months = data["months"]
    dotted = [
        *data["titles"],
        *data["after_name"],
        *data["abbreviations"],
        *data["numbered"],
        *data["states"],
        *months["abbreviations"],
    ]
    currency = _alternation(data["currencies"])
    amount = rf"(?P<num>{NUM})(?:\s?(?:-|–|to)\s?(?:{currency})?(?P<num2>{NUM}))?"
    month = "|".join(months["names"])
    models = data["model_numbers"]
    word_scales = _alternation(k for k in data["scales"] if len(k) > 1)
    return English(
        months=tuple(months["names"]),
        month_abbreviations=MappingProxyType(months["abbreviations"]),
        titles=MappingProxyType(data["titles"]),
        after_name=MappingProxyType(data["after_name"]),
        abbreviations=MappingProxyType(data["abbreviations"]),
        numbered=MappingProxyType(data["numbered"]),
        states=MappingProxyType(data["states"]),
        ambiguous_states=frozenset(data["ambiguous_states"]["written"]),
        postal_states=MappingProxyType(data["postal_states"]),
        postal_state_re=_postal_state_re(data),
        ranks=frozenset(data["ranks"]["written"]),
        parties=MappingProxyType(data["parties"]),
        spoken_words=frozenset(data["initialisms"]["words"]),
        regnal_titles=frozenset(data["roman_numerals"]["regnal_titles"]),
        cardinal_after=frozenset(data["roman_numerals"]["cardinal_after"]),
        units=MappingProxyType({k: tuple(v) for k, v in data["units"].items()}),
        currencies=MappingProxyType({k: tuple(v) for k, v in data["currencies"].items()}),
        scales=MappingProxyType(data["scales"]),
        time=MappingProxyType(data["time"]),
        phrases=MappingProxyType(data["phrases"]),
        symbols=MappingProxyType(data["symbols"]),
        rates=MappingProxyType(data["rates"]),
        rate_re=re.compile(
            r"(?P<amount>\d(?:[^\S\n]?[A-Za-z]{1,12})?)[^\S\n]?/[^\S\n]?"
            rf"(?P<per>{_alternation(data['rates'])})(?P<dot>\.)?(?![\w/])"
        ),
        model_name_re=re.compile(
            rf"\b(?P<name>{_alternation(models['names'])})[^\S\n]+(?P<n>[1-9]\d\d)"
            r"(?P<rest>[A-Za-z]*)(?:-(?P<variant>\d+))?(?![\w,.]?\d)"
        ),
        aircraft_nouns=frozenset(models["aircraft_nouns"]),
        aircraft_re=re.compile(
            r"(?:(?P<article>\b(?:[Tt]he|[Aa])[^\S\n]+)|(?<![\w.,$-]))(?P<n>7[0-8]7)"
            r"(?:(?P<plural>s)\b|-(?P<variant>\d{1,3})(?![\w.,-]?\d)|(?P<rest>[A-Z]?)(?=[^\S\n]+"
            rf"(?P<next>{_alternation([*models['aircraft_words'], *models['aircraft_nouns']])})\b))"
        ),
        plan_re=re.compile(
            rf"(?<![\w.,$-])(?P<n>[1-9]\d\d)(?=[^\S\n]+(?:{_alternation(models['plan_words'])})\b)"
        ),
        abbreviation_re=re.compile(rf"(?<![\w.])({_alternation(dotted)})\.(?!\w)"),
        bare_month_re=re.compile(rf"\b({_alternation(months['abbreviations'])})(?=\s+\d)"),
        party_re=re.compile(
            rf"\b({_alternation(data['parties'])})-"
            rf"((?:{_alternation(data['states'])})\.|(?:New |North |South |West )?[A-Z][a-z]+)"
        ),
        phrase_re=re.compile(rf"(?<![\w/])(?:{_alternation(data['phrases'])})(?![\w/])"),
        domain_re=re.compile(
            rf"(?<![\w@.])[A-Za-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_alternation(data['web']['tlds'])})"
            r"(?:/[\w./-]*\w)?(?![\w@])"
        ),
        money_re=re.compile(
            rf"(?<!\w)(?P<cur>{currency})\s?{amount}"
            rf"(?:\s?(?P<scale>{word_scales})|(?P<short>[kKmMB]))?(?!\w)"
        ),
        money_after_re=re.compile(rf"(?<![\w.,]){amount}\s?(?P<cur>{currency})(?!\w)"),
        month_first_re=re.compile(
            rf"\b(?P<month>{month})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            r"(?:[-–](?P<day2>\d{1,2})(?:st|nd|rd|th)?)?(?![\d:]|[.,]\d|\s*%|\w)"
            r"(?:,?\s+(?P<year>\d{4})(?!\w))?"
        ),
        day_first_re=re.compile(
            rf"(?P<the>\bthe )?(?<![\w.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<month>{month})\b(?:,?\s+(?P<year>\d{{4}})(?!\w))?"
        ),
        unit_re=re.compile(
            rf"(?<![\w.,])(?P<neg>-)?(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM})|\s?to\s?"
            rf"(?P<num3>{NUM}))?(?P<sep>\s?|-)(?P<unit>{_alternation(data['units'])})"
            r"(?P<dot>\.)?(?![\w²/])"
        ),
        version_re=re.compile(
            rf"\b(?P<name>{_alternation(data['versions']['names'])})[\s-]?v?(?P<v>\d+(?:\.\d+)+)"
            r"(?!\.?\d)"
        ),
        letters_re=re.compile(
            rf"(?<![\w.&-])({_alternation(data['initialisms']['letters'])})(['’]s|s)?(?![\w&])"
        ),
        symbol_re=re.compile(_alternation(data["symbols"])),
    )
