import pytest

from narrate.documents.article import BlockKind
from narrate.documents.markdown import parse_markdown
from narrate.documents.read import ReadOptions
from narrate.errors import ArticleError

FRONT = (
    "---\ntitle: From Front Matter\nauthor: Jane Doe\ndate: 2024-10-30\nlang: en-GB\n"
    "url: https://example.org/a\ndescription: Short.\n---\n"
)


def test_front_matter_fills_metadata():
    article = parse_markdown(FRONT + "Body text here.\n")
    assert (article.title, article.byline, article.date, article.language, article.url) == (
        "From Front Matter",
        "Jane Doe",
        "2024-10-30",
        "en-GB",
        "https://example.org/a",
    )
    assert article.description == "Short."


def test_first_h1_is_title_without_front_matter():
    article = parse_markdown("# The Title\n\nFirst paragraph.\n")
    assert article.title == "The Title"
    assert [b.text for b in article.blocks] == ["First paragraph."]


def test_h1_repeating_front_matter_title_is_not_spoken_twice():
    article = parse_markdown(FRONT + "# From Front Matter\n\nBody.\n")
    assert [b.text for b in article.blocks] == ["Body."]


def test_headings_keep_their_level():
    article = parse_markdown("# T\n\n## Part one\n\nText.\n\n### Detail\n\nMore.\n")
    headings = [(b.text, b.level) for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("Part one", 2), ("Detail", 3)]


def test_link_text_kept_and_url_dropped():
    article = parse_markdown("# T\n\nRead [the report](https://example.org/r) today.\n")
    assert article.blocks[0].text == "Read the report today."


def test_images_dropped_unless_alt_text_asked_for():
    text = "# T\n\nBefore ![a harbor at dawn](x.jpg) after.\n"
    assert parse_markdown(text).blocks[0].text == "Before after."
    with_alt = parse_markdown(text, options=ReadOptions(image_alt=True))
    assert with_alt.blocks[0].text == "Before a harbor at dawn after."


def test_list_items_become_sentences_of_one_paragraph():
    article = parse_markdown("# T\n\n- faster crossings\n- cleaner air!\n")
    assert [b.text for b in article.blocks] == ["faster crossings. cleaner air!"]


def test_code_blocks_skipped_unless_included():
    text = "# T\n\nIntro.\n\n```\nprint('hi')\n```\n"
    assert [b.text for b in parse_markdown(text).blocks] == ["Intro."]
    included = parse_markdown(text, options=ReadOptions(include_code=True))
    assert [b.text for b in included.blocks] == ["Intro.", "print('hi')"]


def test_tables_skipped_unless_included():
    text = "# T\n\nIntro.\n\n| city | riders |\n|---|---|\n| Kyiv | 120 |\n"
    assert [b.text for b in parse_markdown(text).blocks] == ["Intro."]
    included = parse_markdown(text, options=ReadOptions(include_tables=True))
    assert [b.text for b in included.blocks] == ["Intro.", "city, riders.", "Kyiv, 120."]


def test_footnotes_dropped():
    article = parse_markdown("# T\n\nA claim.[^1]\n\n[^1]: The source, 2024.\n")
    assert [b.text for b in article.blocks] == ["A claim."]


def test_emphasis_and_soft_breaks_read_as_plain_text():
    article = parse_markdown("# T\n\nA **bold**\nand *quiet* line.\n")
    assert article.blocks[0].text == "A bold and quiet line."


def test_front_matter_yaml_error_is_one_line_with_its_line() -> None:
    import pytest

    from narrate.errors import ArticleError

    text = "---\ntitle: Ferry: approved\n---\n\nThe ferry sails.\n"
    with pytest.raises(ArticleError) as caught:
        parse_markdown(text, source="post.md")
    assert str(caught.value) == (
        "post.md: malformed front matter (line 2: mapping values are not allowed in this context)"
    )


def test_front_matter_aliases_are_refused_in_one_line():
    # A "billion laughs": at 8 levels of 9 it was 43 million words of byline and 641 MiB.
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 4)]
    text = "---\n" + "\n".join(levels) + "\nauthor: *a3\n---\n\n# Ferry\n\nThe ferry runs.\n"
    with pytest.raises(ArticleError) as caught:
        parse_markdown(text, source="bomb.md")
    message = str(caught.value)
    assert message == (
        "bomb.md: line 3: front matter uses the YAML alias *a0; "
        "write the value out (aliases can expand into gigabytes)"
    )


def test_front_matter_without_aliases_still_reads():
    text = "---\ntitle: Ferry &amp; crew\nauthor: [Ann, Bo]\n---\n\nThe ferry runs.\n"
    article = parse_markdown(text, source="post.md")
    assert (article.title, article.byline) == ("Ferry &amp; crew", "Ann, Bo")
