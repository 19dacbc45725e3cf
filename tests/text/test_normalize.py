"""Tests for narrate.text.normalize: the case table, the rules one by one, other languages and
properties that hold for any input."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrate.text import normalize as normalize_module
from narrate.text.normalize import (
    ENGLISH_RULES,
    cardinal,
    expand_abbreviations,
    normalize,
    num2words_language,
    number,
    ordinal,
    roman_value,
    rules_for,
    speak_initialisms,
    speak_money,
    speak_roman_numerals,
    speak_units,
    year,
)

CASES = Path(__file__).resolve().parents[1] / "data" / "normalize" / "en.tsv"
RULES = Path(normalize_module.__file__).parent / "rules" / "en.toml"


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    """(class, written, spoken) from the table; "=" as spoken means unchanged."""
    cases, kind = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("##") or not line.strip():
            continue
        if line.startswith("# "):
            kind = line[2:].strip()
            continue
        written, spoken = line.split("\t")
        cases.append((kind, written, written if spoken == "=" else spoken))
    return cases


TABLE = read_cases(CASES)


def _case_id(kind: str, index: int) -> str:
    return f"{kind.replace(' ', '-')}-{index}"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [pytest.param(w, s, id=_case_id(k, i)) for i, (k, w, s) in enumerate(TABLE)],
)
def test_english_news_case(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_case_table_covers_every_class_with_enough_cases() -> None:
    kinds = {kind for kind, _, _ in TABLE}
    assert len(TABLE) >= 150
    assert {"dates", "times", "money", "units", "initialisms", "symbols", "unchanged"} <= kinds


@pytest.mark.parametrize(
    ("written", "spoken"),
    [(w, s) for _, w, s in TABLE],
    ids=[_case_id(k, i) for i, (k, _, _) in enumerate(TABLE)],
)
def test_normalized_text_is_a_fixed_point(written: str, spoken: str) -> None:
    assert normalize(spoken) == spoken


def test_paragraph_reads_like_its_sentences_one_per_line() -> None:
    sentences = [written for _, written, _ in TABLE]
    assert normalize("\n".join(sentences)) == " ".join(spoken for _, _, spoken in TABLE)


# --- rules one by one ---------------------------------------------------------------------


def test_rules_run_in_the_documented_order() -> None:
    documented = re.findall(r"^\s*\d+\. (\w+)", normalize_module.__doc__ or "", re.MULTILINE)
    assert documented == [rule.__name__ for rule in ENGLISH_RULES]


def test_every_rule_says_what_it_does() -> None:
    assert all(rule.__doc__ for rule in ENGLISH_RULES)


def test_title_before_a_name_is_said_in_full_without_its_period() -> None:
    assert expand_abbreviations("Gen. Valerii Zaluzhnyi") == "General Valerii Zaluzhnyi"


def test_sentence_final_abbreviation_keeps_the_sentence_period() -> None:
    assert expand_abbreviations("He works for Ford Motor Co.") == "He works for Ford Motor Company."


def test_mid_sentence_abbreviation_loses_its_period() -> None:
    assert expand_abbreviations("Ford Motor Co. said") == "Ford Motor Company said"


def test_money_rule_alone() -> None:
    assert speak_money("$1 million and $2") == "one million dollars and two dollars"


def test_unit_after_one_is_singular() -> None:
    assert (
        speak_units("1 km, 1.0 km, 2 km")
        == "one kilometer, one point zero kilometers, two kilometers"
    )


def test_initialism_said_as_a_word_is_kept() -> None:
    assert speak_initialisms("N.A.T.O. and NASA") == "NATO and NASA"


def test_no_initialism_is_both_a_word_and_letters() -> None:
    data = tomllib.loads(RULES.read_text(encoding="utf-8"))["initialisms"]
    assert not set(data["words"]) & set(data["letters"])
    assert all(word.isupper() for word in data["letters"])


def test_pronoun_i_is_never_a_numeral() -> None:
    assert speak_roman_numerals("Then I said I would. Did I?") == "Then I said I would. Did I?"


def test_sentence_punctuation_survives() -> None:
    assert normalize("Was it 5? Yes! It was 6.") == "Was it five? Yes! It was six."


def test_whitespace_is_collapsed() -> None:
    assert normalize("  Kyiv,\n\tUkraine\u00a0 — 5\u202fkm  ") == "Kyiv, Ukraine — five kilometers"


# --- number words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (cardinal(105), "one hundred five"),
        (cardinal(-7), "minus seven"),
        (
            cardinal(10**20),
            "one zero zero zero zero zero zero zero zero zero zero zero zero zero "
            "zero zero zero zero zero zero zero",
        ),
        (ordinal(79), "seventy-ninth"),
        (year(2005), "two thousand five"),
        (year(1905), "nineteen oh-five"),
        (number("007"), "zero zero seven"),
        (number("1,234.50"), "one thousand two hundred thirty-four point five zero"),
    ],
)
def test_number_words(words: str, expected: str) -> None:
    assert words == expected


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("XIV", 14), ("MCMXC", 1990), ("IV", 4), ("MIX", 1009), ("IIII", None), ("CIVIL", None)],
)
def test_roman_value(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value


# --- other languages ----------------------------------------------------------------------


def test_other_language_gets_its_own_number_words() -> None:
    assert normalize("Es kamen 25 Leute.", "de") == "Es kamen fünfundzwanzig Leute."


def test_other_language_keeps_english_rules_off() -> None:
    assert normalize("Dr. Smith zahlte $5.", "de") == "Dr. Smith zahlte $fünf."


def test_other_language_leaves_separated_numbers_alone() -> None:
    assert normalize("1.000 Euro und 3,5 Prozent", "de") == "1.000 Euro und 3,5 Prozent"


def test_language_without_num2words_leaves_numbers_alone() -> None:
    assert normalize("有 25 人", "zh") == "有 25 人"


@pytest.mark.parametrize(("tag", "code"), [("pt-BR", "pt_BR"), ("de-AT", "de"), ("xx", None)])
def test_num2words_language(tag: str, code: str | None) -> None:
    assert num2words_language(tag) == code


@pytest.mark.parametrize("tag", ["en", "en-US", "en_GB", "EN"])
def test_english_tags_get_the_english_rules(tag: str) -> None:
    assert rules_for(tag) == ENGLISH_RULES


# --- properties ---------------------------------------------------------------------------

LANGUAGES = st.sampled_from(["en", "en-GB", "de", "uk", "fr", "pt-BR", "zh", "xx", ""])


@given(text=st.text(), language=LANGUAGES)
def test_any_text_in_any_language_gives_text(text: str, language: str) -> None:
    assert isinstance(normalize(text, language), str)


@given(text=st.text())
def test_no_digit_survives_english_normalization(text: str) -> None:
    assert not re.search(r"\d", normalize(text))


def _grouped(n: int) -> str:
    return f"{n:,}"


_integers = st.integers(min_value=0, max_value=10**12)
_small = st.integers(min_value=1, max_value=99)
NUMBER_FORMS = st.one_of(
    _integers.map(str),
    _integers.map(_grouped),
    st.tuples(_integers, st.integers(0, 999)).map(lambda p: f"{p[0]}.{p[1]}"),
    _integers.map(lambda n: f"${_grouped(n)}"),
    st.tuples(_small, st.sampled_from(["million", "billion", "bn", "m"])).map(
        lambda p: f"€{p[0]} {p[1]}" if len(p[1]) > 2 else f"€{p[0]}{p[1]}"
    ),
    _small.map(lambda n: f"{n}%"),
    _small.map(lambda n: f"{n}th"),
    st.integers(1000, 2099).map(str),
    st.integers(1900, 2090).map(lambda n: f"{n - n % 10}s"),
    st.tuples(_small, _small).map(lambda p: f"{p[0]}-{p[1]}"),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda p: f"{p[0]}:{p[1]:02d}"),
    st.tuples(st.integers(1, 12), st.sampled_from(["a.m.", "p.m.", "AM", "pm"])).map(
        lambda p: f"{p[0]} {p[1]}"
    ),
    st.tuples(st.sampled_from(["Oct.", "Sept.", "March"]), st.integers(1, 31)).map(
        lambda p: f"{p[0]} {p[1]}"
    ),
    st.tuples(_integers, st.sampled_from(["km", "mph", "kg", "°C", "km/h", "ft"])).map(
        lambda p: f"{_grouped(p[0])} {p[1]}"
    ),
    st.integers(0, 9999999999)
    .map(lambda n: f"{n:010d}")
    .map(lambda d: f"{d[:3]}-{d[3:6]}-{d[6:]}"),
    _small.map(lambda n: f"-{n}"),
    _small.map(lambda n: f"#{n}"),
    _small.map(lambda n: f"F-{n}"),
)


@given(forms=st.lists(NUMBER_FORMS, min_size=1, max_size=4))
@settings(max_examples=300)
def test_numbers_in_common_forms_become_words(forms: list[str]) -> None:
    spoken = normalize(f"Officials said {' and '.join(forms)} on Monday.")
    assert not re.search(r"[\d$€%°#]", spoken)
    assert spoken.endswith("on Monday.")


@given(forms=st.lists(NUMBER_FORMS, min_size=1, max_size=4))
@settings(max_examples=200)
def test_normalizing_twice_changes_nothing_more(forms: list[str]) -> None:
    once = normalize(f"Officials said {' and '.join(forms)}.")
    assert normalize(once) == once
