import pytest

from narrate.documents.read import read_article
from narrate.errors import ArticleError, UsageError


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        read_article(tmp_path / "nope.md")


def test_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        read_article(tmp_path)


def test_empty_file_has_nothing_to_narrate(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="empty"):
        read_article(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ArticleError, match="binary"):
        read_article(path)


def test_latin1_file_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    text = (
        "Le conseil approuve le nouveau ferry\n\n"
        "Le conseil municipal a approuvé mardi le remplacement du vieux ferry diesel par un "
        "navire électrique. « C'est une très bonne nouvelle pour les habitants », a déclaré "
        "la maire. Les travaux commenceront l'été prochain, après une réunion publique.\n"
    )
    path.write_bytes(text.encode("latin-1"))
    article = read_article(path)
    assert "très bonne nouvelle" in article.blocks[-1].text
    assert "électrique" in article.blocks[-1].text


def test_huge_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    with pytest.raises(ArticleError, match="too large"):
        read_article(path)


def test_unknown_scheme_is_a_usage_error():
    with pytest.raises(UsageError, match="http"):
        read_article("ftp://example.org/a.txt")


def test_suffix_picks_the_reader(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Title\n\nBody.", encoding="utf-8")
    html = tmp_path / "a.html"
    html.write_text(
        "<html><head><title>T</title></head><body><article><h1>Title</h1>"
        "<p>Body of the page, long enough to be an article paragraph for the extractor.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert read_article(md).title == "Title"
    assert "Body of the page" in read_article(html).blocks[0].text


NAV_ONLY = (
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<footer>(c) 2024</footer></body></html>"
)


@pytest.mark.parametrize(
    "page",
    [
        NAV_ONLY,
        "<html><body><ul><li><a href='/a'>Sports</a></li><li><a href='/b'>Weather</a></li>"
        "<li><a href='/c'>Contact us</a></li></ul><footer>© 2024 The Ledger</footer></body></html>",
    ],
)
def test_a_page_of_link_words_and_footers_has_no_article(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ArticleError, match=f"^no article text found in {path}$"):
        read_article(path)


def test_a_page_of_one_short_sentence_is_an_article(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>The harbor ferry runs again.</p></body></html>", "utf-8")
    assert read_article(path).paragraphs[0].text == "The harbor ferry runs again."


def test_a_short_markdown_note_is_still_narrated(tmp_path):
    """The rule is for pages, whose reading may find only their chrome: a note someone wrote
    is read as written."""
    path = tmp_path / "note.md"
    path.write_text("Home News\n", encoding="utf-8")
    assert read_article(path).paragraphs[0].text == "Home News"


def test_a_page_of_one_chinese_sentence_is_an_article(tmp_path):
    """Chinese is written without spaces: its characters count as words."""
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang='zh'><body><p>杭州今年将更新一千辆公交车。</p></body></html>", "utf-8"
    )
    assert read_article(path).paragraphs[0].text == "杭州今年将更新一千辆公交车。"
