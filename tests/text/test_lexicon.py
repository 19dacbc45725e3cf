"""Tests for narrate.text.lexicon: matching rules, merging, and reading lexicon files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrate.errors import ConfigError
from narrate.text.lexicon import Lexicon, load_lexicon_file

KYIV = Lexicon.from_mapping({"kyiv": "Keev"})


@pytest.mark.parametrize("written", ["Kyiv", "KYIV", "kyiv", "KyIv"])
def test_lower_case_key_matches_any_case(written: str) -> None:
    assert KYIV.apply(f"in {written} today") == "in Keev today"


def test_key_with_capitals_matches_that_case_only() -> None:
    lexicon = Lexicon.from_mapping({"US": "you ess"})
    assert lexicon.apply("the US told us") == "the you ess told us"


def test_exact_case_key_wins_over_any_case_key() -> None:
    lexicon = Lexicon.from_mapping({"polish": "POL-ish", "Polish": "POH-lish"})
    assert lexicon.apply("Polish troops polish boots") == "POH-lish troops POL-ish boots"


@pytest.mark.parametrize("written", ["Kyivan", "Kyivstar", "pre-Kyivan", "Kyiv2"])
def test_key_inside_another_word_is_left_alone(written: str) -> None:
    assert KYIV.apply(written) == written


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Kyiv's mayor", "Keev's mayor"),
        ("Kyiv’s mayor", "Keev’s mayor"),
        ("Kyiv-based", "Keev-based"),
        ("(Kyiv)", "(Keev)"),
        ('"Kyiv."', '"Keev."'),
    ],
)
def test_possessives_hyphens_and_punctuation_are_kept(written: str, spoken: str) -> None:
    assert KYIV.apply(written) == spoken


def test_respelling_takes_a_capital_at_the_start_of_a_sentence() -> None:
    lexicon = Lexicon.from_mapping({"zelensky": "zeh-LEN-skee"})
    assert lexicon.apply("Zelensky met zelensky") == "Zeh-LEN-skee met zeh-LEN-skee"


def test_multi_word_key_matches_across_any_spacing() -> None:
    lexicon = Lexicon.from_mapping({"Volodymyr Zelensky": "vo-lo-DY-myr ze-LEN-skyi"})
    assert lexicon.apply("Volodymyr\n  Zelensky spoke") == "vo-lo-DY-myr ze-LEN-skyi spoke"


def test_longest_key_wins() -> None:
    lexicon = Lexicon.from_mapping({"new york": "NY", "new york city": "the city", "york": "Y"})
    assert lexicon.apply("New York City and New York and York") == "The city and NY and Y"


def test_keys_with_regex_characters_match_literally() -> None:
    lexicon = Lexicon.from_mapping({"C++": "see plus plus", "a.b": "A B"})
    assert lexicon.apply("C++ and axb and a.b") == "see plus plus and axb and A B"


def test_empty_lexicon_leaves_text_alone() -> None:
    assert Lexicon().apply("Kyiv's mayor") == "Kyiv's mayor"


def test_blank_key_is_ignored() -> None:
    assert Lexicon.from_mapping({"  ": "x", "kyiv": "Keev"}).apply("a Kyiv") == "a Keev"


def test_merged_adds_entries_and_other_wins() -> None:
    voice = Lexicon.from_mapping({"kyiv": "Kyeev", "lviv": "Lveev"})
    project = Lexicon.from_mapping({"kyiv": "Keev"})
    assert voice.merged(project).apply("Kyiv, Lviv") == "Keev, Lveev"


def test_lexicon_is_immutable_and_hashable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        KYIV.entries = ()  # type: ignore[misc]
    same = Lexicon((("kyiv", "Keev"),))
    assert hash(same) == hash(KYIV)
    assert same == KYIV


# --- lexicon files ------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_with_a_lexicon_table(tmp_path: Path) -> None:
    path = write(tmp_path, '[lexicon]\nkyiv = "Keev"\n"Volodymyr Zelensky" = "vo-lo-DY-myr"\n')
    assert load_lexicon_file(path).apply("Kyiv") == "Keev"


def test_file_with_top_level_pairs(tmp_path: Path) -> None:
    assert load_lexicon_file(write(tmp_path, 'kyiv = "Keev"\n')).apply("KYIV") == "Keev"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("kyiv = Keev\n", "not valid TOML"),
        ('kyiv = "Keev"\nkyiv = "Kiev"\n', "not valid TOML"),
        ("kyiv = 3\n", "'kyiv' must map to a string, not int"),
        ('[lexicon]\nkyiv = ["Keev"]\n', "'kyiv' must map to a string, not list"),
        ("lexicon = 5\n", "'lexicon' must be a table"),
        ('kyiv = ""\n', "empty"),
    ],
)
def test_malformed_file_raises_a_one_line_config_error(
    tmp_path: Path, text: str, complaint: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_lexicon_file(write(tmp_path, text))
    message = str(raised.value)
    assert complaint in message
    assert "\n" not in message


def test_missing_file_raises_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_lexicon_file(tmp_path / "absent.toml")


def test_file_that_is_not_text_raises_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_bytes(b"\xff\xfe\x00kyiv")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_lexicon_file(path)


# --- properties ---------------------------------------------------------------------------

WORDS = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12)


@given(text=st.text(), entries=st.dictionaries(st.text(), st.text(), max_size=5))
def test_any_lexicon_on_any_text_gives_text(text: str, entries: dict[str, str]) -> None:
    assert isinstance(Lexicon.from_mapping(entries).apply(text), str)


@given(word=WORDS, respelling=WORDS)
def test_a_listed_word_between_spaces_is_always_respelled(word: str, respelling: str) -> None:
    lexicon = Lexicon.from_mapping({word: respelling})
    assert lexicon.apply(f"one {word} two") == f"one {lexicon.apply(word)} two"
    assert lexicon.apply(word) in (respelling, respelling[:1].upper() + respelling[1:])


@given(text=st.text())
def test_lexicon_without_matching_words_changes_nothing(text: str) -> None:
    lexicon = Lexicon.from_mapping({"zzxqwv": "nothing"})
    if "zzxqwv" not in text.lower():
        assert lexicon.apply(text) == text


def test_phonemes_between_slashes_become_inline_markup():
    lexicon = Lexicon.from_mapping(
        {"kyiv": "/kˈiv/", "Volodymyr Zelensky": "/vˌɑlədˈimɪɹ zəlˈɛnski/"}
    )
    assert lexicon.apply("In KYIV, Volodymyr Zelensky spoke.") == (
        "In [KYIV](/kˈiv/), [Volodymyr Zelensky](/vˌɑlədˈimɪɹ zəlˈɛnski/) spoke."
    )


def test_engines_without_phonemes_say_the_word_and_piper_gets_raw_phonemes():
    from narrate.engines.markup import piper_phonemes, plain_words

    text = "We met in [Kyiv](/kˈiv/) today."
    assert plain_words(text) == "We met in Kyiv today."
    assert piper_phonemes(text) == "We met in [[ kˈiv ]] today."
