"""Pages built to make cleaning do more than linear work: deep nesting is cut with its text
kept, paragraphs are not compared with every block, <br> lines are not looked up one by one.
(How the time grows is measured by bench/hostile.py, not here.)"""

from bs4 import BeautifulSoup

from narrate.documents import html_blocks
from narrate.documents.article import Block, BlockKind
from narrate.documents.html import parse_html
from narrate.documents.html_chrome import MAX_DEPTH, cut_nesting

STORY = "The harbor ferry runs again after a winter of repairs, the council said on Tuesday."


def page(body: str) -> str:
    return (
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>"
        f"{body}</article></body></html>"
    )


def depth(soup: BeautifulSoup) -> int:
    deepest = 0
    for element in soup.find_all(True):
        deepest = max(deepest, sum(1 for _ in element.parents))
    return deepest


def test_text_nested_deeper_than_a_browser_renders_is_still_read():
    nested = page("<div>" * 2000 + f"<p>{STORY}</p>" + "</div>" * 2000)
    article = parse_html(nested, source="nested.html")
    assert [b.text for b in article.blocks] == [STORY]


def test_cutting_the_nesting_keeps_the_text_and_the_shallow_structure():
    soup = BeautifulSoup(page("<div>" * 5000 + f"<p>{STORY}</p>" + "</div>" * 5000), "lxml")
    before = soup.get_text()
    assert cut_nesting(soup) == 1
    assert depth(soup) <= MAX_DEPTH
    assert soup.get_text() == before
    assert soup.h1.get_text() == "Ferry"


def test_a_page_within_the_depth_is_left_as_it_is():
    soup = BeautifulSoup(page("<div><p>One.</p><p>Two.</p></div>"), "lxml")
    markup = str(soup)
    assert cut_nesting(soup) == 0
    assert str(soup) == markup


class CountedText(str):
    """A block's text that counts how often it is searched for a paragraph."""

    searches = 0

    def __contains__(self, other: object) -> bool:
        CountedText.searches += 1
        return super().__contains__(other)  # type: ignore[operator]


def test_lumped_paragraphs_are_not_compared_with_every_block():
    texts = [
        f"Paragraph {i} of the long report on the harbor ferry and its crew." for i in range(300)
    ]
    page_blocks = [Block(BlockKind.PARAGRAPH, text) for text in texts]
    lump = Block(BlockKind.PARAGRAPH, CountedText(" ".join(texts[:200])))
    blocks = [lump] + [Block(BlockKind.PARAGRAPH, CountedText(t)) for t in texts[200:]]
    CountedText.searches = 0
    assert html_blocks.lumped(blocks[:1], page_blocks)  # one lump of 200 paragraphs
    assert not html_blocks.lumped(blocks, page_blocks)  # 101 blocks: not 3 paragraphs each
    assert CountedText.searches == 0  # was 300 x 101 + 300 searches


def test_lumped_finds_a_paragraph_inside_a_block_as_before():
    texts = [
        f"Paragraph {i} of the long report on the harbor ferry and its crew." for i in range(9)
    ]
    page_blocks = [Block(BlockKind.PARAGRAPH, text) for text in texts]
    merged = Block(BlockKind.PARAGRAPH, "Intro words. " + " ".join(texts) + " Outro.")
    assert html_blocks.lumped([merged], page_blocks)
    assert not html_blocks.lumped([merged], page_blocks[:2])


def test_lines_parted_by_br_stay_lines():
    soup = BeautifulSoup("<p>" + "<br>".join(f"Line {i}" for i in range(2000)) + "</p>", "lxml")
    text = html_blocks.element_text(soup.p)
    assert text.split("\n") == [f"Line {i}" for i in range(2000)]
    assert html_blocks.element_text(soup.p) == text  # and again, the same
