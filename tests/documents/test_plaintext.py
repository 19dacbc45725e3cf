"""Plain text: typed articles, and articles copied from web pages with all their chrome."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrate.documents.article import Article, BlockKind
from narrate.documents.plaintext import parse_plaintext, split_units
from narrate.errors import ArticleError

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
SHARED_EXAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "examples"
REFERENCE = SHARED_EXAMPLES / "kyiv-independent-tomahawk-page.txt"


def read_page(path: Path) -> Article:
    return parse_plaintext(path.read_text(encoding="utf-8"), source=path.name)


@pytest.fixture(scope="module")
def reference() -> Article:
    if not REFERENCE.exists():
        pytest.skip(f"reference page not found at {REFERENCE} (shared/examples beside the repo)")
    return read_page(REFERENCE)


def test_reference_page_is_exactly_headline_and_ten_paragraphs(reference: Article) -> None:
    assert reference.title == (
        "No confidentiality between partners — Zelensky calls out White House over Tomahawk "
        "missiles leak"
    )
    assert len(reference.blocks) == 10
    assert all(block.kind is BlockKind.PARAGRAPH for block in reference.blocks)
    assert reference.blocks[0].text.startswith("Ukraine's request for Tomahawk missiles")
    assert reference.blocks[4].text == (
        '"So this means (that) between partners, there is no (confidentiality)."'
    )
    assert reference.blocks[-1].text.endswith(
        "several countries resisting a NATO invitation for Ukraine."
    )


def test_reference_page_byline_and_date(reference: Article) -> None:
    assert reference.byline == "Martin Fornusek"
    assert reference.date == "2024-10-30"


def test_reference_page_chrome_is_not_narrated(reference: Article) -> None:
    text = "\n".join([reference.title, *(block.text for block in reference.blocks)])
    for junk in (
        "Skip to content",
        "Edit post",
        "by Martin Fornusek",
        "shakes hands with US President Joe Biden",
        "Getty Images",
        "This audio is created with AI assistance",
        "Trump plans to end Russia",
        "Fred Fleitz",
        "News Feed",
        "3:28 PM",
        "Kremlin denies Russia-Ukraine talks",
        "Slovak PM interviewed",
        "Midnight Blizzard",
        "MORE NEWS",
        "Editors' Picks",
        "Subscribe",
        "indicates required",
        "Explaining Ukraine with Kate Tsurkan",
        "Thank you for signing up",
    ):
        assert junk not in text, junk


def test_copied_blog_post_skips_sidebar_share_and_comments() -> None:
    article = read_page(PAGES / "blog-sidebar-comments.txt")
    assert article.title == "Why I stopped buying sourdough starter kits"
    assert article.byline == "Ellen Marsh"
    assert article.date == "2024-03-12"
    texts = [block.text for block in article.blocks]
    assert texts[0].startswith("Every few weeks someone asks me which sourdough starter kit")
    assert texts[-1].startswith("Once your starter reliably doubles within six hours")
    body = "\n".join(texts)
    for junk in (
        "I bake bread in a small kitchen in Vermont",
        "A week of soups from one pot of stock",
        "Leave a comment",
        "Share this:",
        "Like Loading",
        "The case for the humble lentil",
        "Great post!",
        "Good luck, Tom!",
        "Mine went quiet on day three",
        "Your email address will not be published",
        "Proudly powered by WordPress",
    ):
        assert junk not in body, junk


def test_copied_blog_post_subheads_become_headings() -> None:
    article = read_page(PAGES / "blog-sidebar-comments.txt")
    headings = [block.text for block in article.blocks if block.kind is BlockKind.HEADING]
    assert headings == ["What you actually need", "When things go wrong"]


def test_copied_wire_story_keeps_dateline_and_drops_related_links() -> None:
    article = read_page(PAGES / "wire-dateline-related.txt")
    assert article.title == (
        "Japan's biggest port strikes deal to cut ship emissions with electric tugs"
    )
    assert article.byline == "Haruto Sato and Emily Chen"
    assert article.date == "2024-11-04"
    texts = [block.text for block in article.blocks]
    assert texts[0].startswith("YOKOHAMA, Nov 4 (Reuters) - The Port of Yokohama")
    assert texts[-1].startswith("Shipbuilders have also been testing hybrid designs")
    assert len(texts) == 7
    body = "\n".join(texts)
    for junk in (
        "An electric tugboat undergoes sea trials",
        "Purchase Licensing Rights",
        "Related:",
        "Japan to fund hydrogen refuelling",
        "Advertisement",
        "Reporting by",
        "Our Standards",
        "Read Next",
        "China's exports beat forecasts",
        "2 hours ago",
        "On the Campaign Trail",
    ):
        assert junk not in body, junk


def test_typed_article_first_line_is_title() -> None:
    article = parse_plaintext(
        "Harbor ferry approved\n\nThe council approved the ferry on Tuesday.\n\n"
        "It will sail next year\n"
    )
    assert article.title == "Harbor ferry approved"
    assert [block.text for block in article.blocks] == [
        "The council approved the ferry on Tuesday.",
        "It will sail next year",
    ]


def test_typed_article_with_question_title() -> None:
    article = parse_plaintext("Is coffee good for you?\n\nA new study says it might be.\n")
    assert article.title == "Is coffee good for you?"
    assert [block.text for block in article.blocks] == ["A new study says it might be."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    article = parse_plaintext(
        "Snow closes mountain pass\n\n"
        "The state closed the pass on Friday after more than two feet of snow\n"
        "fell overnight, stranding dozens of trucks.\n\n"
        "Crews expect to reopen it on Sunday.\n"
    )
    assert article.title == "Snow closes mountain pass"
    assert [block.text for block in article.blocks] == [
        "The state closed the pass on Friday after more than two feet of snow fell overnight, "
        "stranding dozens of trucks.",
        "Crews expect to reopen it on Sunday.",
    ]


def test_typed_article_byline_line_is_metadata() -> None:
    article = parse_plaintext(
        "Snow closes mountain pass\nBy Jo Park, January 5, 2025\n\nThe state closed the pass.\n"
    )
    assert article.byline == "Jo Park"
    assert article.date == "2025-01-05"
    assert [block.text for block in article.blocks] == ["The state closed the pass."]


def test_one_line_per_paragraph_is_not_hard_wrapped() -> None:
    assert split_units("Title\nFirst paragraph.\n\nSecond one.") == [
        "Title",
        "First paragraph.",
        "Second one.",
    ]


def test_blank_text_raises_article_error() -> None:
    with pytest.raises(ArticleError, match=r"notes\.txt is empty"):
        parse_plaintext(" \n\n \n", source="notes.txt")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_an_article_or_a_clear_error(text: str) -> None:
    try:
        article = parse_plaintext(text)
    except ArticleError:
        return
    spoken = " ".join([article.title, *(block.text for block in article.blocks)])
    assert set(spoken.split()) <= set(text.split())


def test_german_copied_page_finds_headline_byline_and_numeric_date() -> None:
    article = read_page(PAGES / "german-copied-regional.txt")
    assert article.title == "Neue S-Bahn-Linie: Pendler sparen bis zu 20 Minuten"
    assert article.byline == "Katrin Bergmann"
    assert article.date == "2025-06-12"
    text = "\n".join(block.text for block in article.blocks)
    assert text.startswith("Wer täglich zwischen Neuss und Bonn pendelt")
    assert text.endswith("sagte Verbundsprecherin Anja Hoffmann.")
