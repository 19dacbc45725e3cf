import pytest

from narrate.documents.article import Article, Block, BlockKind
from narrate.errors import ArticleError
from narrate.text.lexicon import Lexicon
from narrate.text.script import Part, build_script

ARTICLE = Article(
    title="Ferry approved",
    blocks=(
        Block(BlockKind.PARAGRAPH, "The council voted. It was close."),
        Block(BlockKind.HEADING, "Costs", 2),
        Block(BlockKind.PARAGRAPH, "The state pays."),
    ),
)


def test_intro_speaks_title_then_disclosure():
    script = build_script(ARTICLE, max_chars=400)
    intro = script.blocks[0]
    assert intro.part is Part.INTRO
    assert [s.text for s in intro.sentences] == [
        "Ferry approved",
        "This audio is created with AI assistance.",
    ]


def test_blocks_keep_structure_and_sentences():
    script = build_script(ARTICLE, max_chars=400)
    assert [b.part for b in script.blocks] == [
        Part.INTRO,
        Part.PARAGRAPH,
        Part.HEADING,
        Part.PARAGRAPH,
    ]
    assert [s.text for s in script.blocks[1].sentences] == ["The council voted.", "It was close."]


def test_sentence_ids_are_unique_and_ordered():
    ids = [s.id for s in build_script(ARTICLE, max_chars=400).sentences()]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_custom_disclosure_is_spoken():
    script = build_script(ARTICLE, max_chars=400, disclosure="Read by a synthetic voice.")
    assert script.blocks[0].sentences[1].text == "Read by a synthetic voice."


def test_empty_disclosure_is_refused():
    with pytest.raises(ArticleError, match="disclosure"):
        build_script(ARTICLE, max_chars=400, disclosure="  ")


def test_chunks_respect_engine_limit():
    long = Article("T", (Block(BlockKind.PARAGRAPH, "one, two, three, four, five, six, seven."),))
    script = build_script(long, max_chars=15)
    assert all(len(c) <= 15 for c in script.chunks())


def test_lexicon_changes_spoken_text_not_written_text():
    article = Article("T", (Block(BlockKind.PARAGRAPH, "Kyiv responded."),))
    script = build_script(article, max_chars=400, lexicon=Lexicon.from_mapping({"Kyiv": "Keev"}))
    sentence = next(iter(script.blocks[1].sentences))
    assert (sentence.text, sentence.spoken) == ("Kyiv responded.", "Keev responded.")


def test_article_without_body_is_refused():
    with pytest.raises(ArticleError, match="no body"):
        build_script(Article("Only a title", ()), max_chars=400)


def test_sentence_with_nothing_to_say_is_left_out():
    article = Article(
        "T", (Block(BlockKind.PARAGRAPH, "First. ***"), Block(BlockKind.PARAGRAPH, "—"))
    )
    script = build_script(article, max_chars=400)
    assert [b.text for b in script.blocks[1:]] == ["First."]


def test_unsayable_disclosure_is_refused():
    with pytest.raises(ArticleError, match="nothing a voice can say"):
        build_script(ARTICLE, max_chars=400, disclosure="***")


def test_each_line_of_a_list_like_block_is_its_own_sentence():
    dates = "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre\nJune 16 – Nashville, TN @ Arena"
    article = Article(title="Tour", blocks=(Block(BlockKind.PARAGRAPH, dates),))
    sentences = build_script(article, max_chars=400).blocks[1].sentences
    assert [s.spoken for s in sentences] == [
        "June fourteenth – Alpharetta, Georgia at Ameris Bank Amphitheatre",
        "June sixteenth – Nashville, Tennessee at Arena",
    ]


def test_a_line_break_inside_a_sentence_is_joined_back():
    text = "The council voted to approve\nthe new ferry route on Monday."
    article = Article(title="Ferry", blocks=(Block(BlockKind.PARAGRAPH, text),))
    sentences = build_script(article, max_chars=400).blocks[1].sentences
    assert [s.text for s in sentences] == [
        "The council voted to approve the new ferry route on Monday."
    ]


def test_each_line_of_code_is_its_own_sentence_though_it_starts_in_lower_case():
    code = "import os\nfrom django.conf import settings\nclient.connect((host, port))"
    article = Article(title="Tests", blocks=(Block(BlockKind.PARAGRAPH, code),))
    sentences = build_script(article, max_chars=400).blocks[1].sentences
    assert [s.text for s in sentences] == [
        "import os",
        "from django.conf import settings",
        "client.connect((host, port))",
    ]
