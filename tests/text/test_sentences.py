from hypothesis import given
from hypothesis import strategies as st

from narrate.text.sentences import split_for_engine, split_sentences


def test_abbreviations_do_not_end_sentences():
    text = "Zelensky spoke on Oct. 30 to U.S. media. Dr. Smith arrived at 9 a.m. He left."
    assert split_sentences(text) == [
        "Zelensky spoke on Oct. 30 to U.S. media.",
        "Dr. Smith arrived at 9 a.m.",
        "He left.",
    ]


def test_quoted_sentences_split_after_the_closing_quote():
    text = '"It was confidential," he said. "How to understand these messages?" he asked.'
    assert len(split_sentences(text)) == 2


def test_a_run_of_symbols_stays_with_its_sentence():
    # pysbd ends a sentence at the "!" of a cartoon swear and makes "&??" a sentence of its own
    text = "Then c.x changed too. What the $%#!&?? We only changed one. Really?! Yes."
    assert split_sentences(text) == [
        "Then c.x changed too.",
        "What the $%#!&??",
        "We only changed one.",
        "Really?!",
        "Yes.",
    ]


def test_sentence_within_limit_is_not_cut():
    sentence = "The council voted on Tuesday, after a long debate, to replace the ferry."
    assert split_for_engine(sentence, 400) == [sentence]


def test_long_sentence_is_cut_at_clause_punctuation_first():
    sentence = (
        "The request for missiles, according to officials, was part of the package; "
        "Washington was unconvinced."
    )
    assert split_for_engine(sentence, 80) == [
        "The request for missiles, according to officials, was part of the package;",
        "Washington was unconvinced.",
    ]


def test_every_piece_respects_the_limit():
    sentence = "word " * 200 + "supercalifragilisticexpialidocious" * 3
    assert all(len(piece) <= 40 for piece in split_for_engine(sentence, 40))


words = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=["Zs", "Cc", "Zl", "Zp"]),
        min_size=1,
        max_size=12,
    ),
    min_size=1,
    max_size=60,
)


@given(words, st.integers(min_value=20, max_value=300))
def test_cutting_keeps_every_word_in_order(word_list, limit):
    sentence = " ".join(word_list)
    pieces = split_for_engine(sentence, limit)
    assert "".join("".join(pieces).split()) == "".join(sentence.split())


@given(st.text(max_size=400))
def test_sentence_split_keeps_every_word_of_any_unicode(text):
    sentences = split_sentences(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())


def test_a_paragraph_without_punctuation_is_split_in_windows_keeping_every_word(monkeypatch):
    import pysbd

    from narrate.text import sentences

    given: list[int] = []
    real = pysbd.Segmenter.processor

    def processor(self, text):
        given.append(len(text))
        return real(self, text)

    monkeypatch.setattr(pysbd.Segmenter, "processor", processor)
    text = " ".join(f"harbor{i % 97}" for i in range(20_000))  # 160 kB, no full stop
    found = sentences.split_sentences(text)
    # pysbd's work grows with the square of what it is given: never the whole paragraph.
    assert max(given) <= sentences.WINDOW_CHARS < len(text)
    assert " ".join(found).split() == text.split()
    assert all(len(s) <= sentences.WINDOW_CHARS for s in found)


def test_a_long_paragraph_splits_as_its_sentences_do():
    sentence = "Dr. Smith met the council on Oct. 30 in the U.S. capital, and left at 9 a.m."
    text = " ".join([sentence, "He spoke again."] * 150)  # about 14,000 characters
    assert split_sentences(text) == [sentence, "He spoke again."] * 150


def test_a_sentence_longer_than_the_engine_takes_is_cut_at_spaces():
    sentence = " ".join(f"harbor{i}" for i in range(50_000))
    pieces = split_for_engine(sentence, 400)
    assert all(len(piece) <= 400 for piece in pieces)
    assert " ".join(pieces) == sentence
