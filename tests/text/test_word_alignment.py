"""Spoken words back to written ones: phoneme runs become words, and written tokens that
normalization expanded get the time of everything said for them."""

import itertools

from narrate.text.normalize import normalize
from narrate.text.word_alignment import (
    pair_words,
    phoneme_word_spans,
    spoken_words,
    written_words,
)


def english(token: str) -> str:
    return normalize(token, "en")


def timed(words: list[str]) -> list[tuple[str, int, int]]:
    return [(w, i * 10, i * 10 + 8) for i, w in enumerate(words)]


def test_phonemes_split_at_spaces_and_punctuation_is_no_word():
    phonemes = [
        ("^", 5),
        ("h", 2),
        ("i", 3),
        (" ", 4),
        ("—", 6),
        (" ", 1),
        ("j", 2),
        (",", 9),
        ("$", 1),
    ]
    assert phoneme_word_spans(phonemes) == [(5, 10), (21, 23)]


def test_markup_reads_as_its_word():
    assert spoken_words("Hello [Zelensky](/zəlˈɛnski/) — now.") == ["Hello", "Zelensky", "now."]


def test_words_pair_one_to_one_or_by_share():
    assert pair_words(["a", "b"], [(0, 1), (2, 3)]) == [("a", 0, 1), ("b", 2, 3)]
    paired = pair_words(["U.S.", "team"], [(0, 1), (2, 3), (4, 5)])
    assert [w for w, _, _ in paired] == ["U.S.", "team"] and paired[-1][2] == 5


def test_a_number_gets_the_time_of_all_its_spoken_words():
    written = "Sen. Smith paid $48.5 million in 2024."
    spoken = spoken_words(english(written))
    words = written_words(written, timed(spoken), english)
    by_text = {w.text: w for w in words}
    assert [w.text for w in words] == ["Sen", "Smith", "paid", "$48.5", "million", "in", "2024"]
    assert by_text["$48.5"].end - by_text["$48.5"].start > 20  # forty-eight point five
    assert written[by_text["2024"].offset :].startswith("2024")
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))


def test_words_never_go_backwards_even_when_reordered():
    words = written_words(
        "It costs $5 today", timed(["it", "costs", "five", "dollars", "today"]), english
    )
    assert [w.text for w in words] == ["It", "costs", "$5", "today"]
    assert words[2].start == 20 and words[2].end == 38
