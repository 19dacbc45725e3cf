"""feed.xml against a post's hostile texts: control characters are dropped, descriptions are
text (escaped), not markup, and the user's own cover.jpg is never overwritten."""

from pathlib import Path

import pytest
from lxml import etree

from narrate.publish.feed import FeedChannel, FeedError, FeedItem, feed_xml, write_feed
from narrate.publish.xml_text import for_xml

BASE = "https://news.example/audio"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def item(folder: Path, title: str = "Ok", **fields: object) -> FeedItem:
    audio = folder / "a.mp3"
    audio.write_bytes(b"\xff" * 10)
    return FeedItem(id="/posts/a.md", title=title, audio=audio, duration=5.0, **fields)  # type: ignore[arg-type]


def first_item(data: bytes) -> etree._Element:
    return etree.fromstring(data).find("channel/item")


def test_control_characters_are_dropped_from_every_text(tmp_path: Path) -> None:
    post = item(tmp_path, "Ok\x01go\x1b", description="Ferry\x0c news", disclosure="AI\x7f.")
    data = feed_xml(FeedChannel(title="Show\x02", author="Ann\x03"), [post], BASE)
    entry = first_item(data)
    assert entry.findtext("title") == "Okgo"
    assert entry.findtext("description") == "Ferry news\n\nAI."
    assert etree.fromstring(data).findtext("channel/title") == "Show"


def test_a_description_is_published_as_text_not_markup(tmp_path: Path) -> None:
    said = "Use <div> for blocks. <img src=x onerror=alert(3)> & more"
    data = feed_xml(FeedChannel(), [item(tmp_path, description=said)], BASE)
    entry = first_item(data)
    # What a reader decodes from the XML is HTML showing the text, with no element in it.
    for published in (entry.findtext("description"), entry.findtext(f"{ITUNES}summary")):
        assert published.startswith(
            "Use &lt;div&gt; for blocks. &lt;img src=x onerror=alert(3)&gt; &amp; more"
        )
        assert "<" not in published


def test_items_that_cannot_make_a_feed_are_one_line_errors(tmp_path: Path) -> None:
    post = item(tmp_path, narrated="not a time")
    with pytest.raises(FeedError) as caught:
        feed_xml(FeedChannel(), [post], BASE)
    assert str(caught.value).startswith("cannot write feed.xml: ")
    assert "\n" not in str(caught.value)


def test_the_users_own_cover_is_never_overwritten(tmp_path: Path) -> None:
    mine = b"\xff\xd8 my own cover, not narrate's"
    (tmp_path / "cover.jpg").write_bytes(mine)
    path = write_feed(tmp_path, FeedChannel(title="Harbor Ledger"), [item(tmp_path)], BASE)
    assert (tmp_path / "cover.jpg").read_bytes() == mine
    assert b'<itunes:image href="https://news.example/audio/cover.jpg"/>' in path.read_bytes()


def test_narrates_own_cover_is_redrawn_for_a_new_title(tmp_path: Path) -> None:
    write_feed(tmp_path, FeedChannel(title="Harbor Ledger"), [], BASE)
    first = (tmp_path / "cover.jpg").read_bytes()
    write_feed(tmp_path, FeedChannel(title="Harbor Ledger Weekly"), [], BASE)
    assert (tmp_path / "cover.jpg").read_bytes() != first


def test_for_xml_drops_what_xml_cannot_hold_and_keeps_the_rest():
    assert for_xml("Ok\x01go\x00 \ufffe\ud800caf\u00e9\t\n") == "Okgo café\t\n"
