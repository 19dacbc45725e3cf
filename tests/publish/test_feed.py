"""feed.xml as podcast apps read it (through feedparser): items newest first, enclosures,
durations, the disclosure, transcripts and the iTunes channel tags."""

from pathlib import Path

import feedparser

from narrate.publish.feed import FeedChannel, FeedItem, feed_xml, write_feed

BASE = "https://news.example/audio"


def item(folder: Path, name: str, date: str | None, size: int, **fields) -> FeedItem:
    audio = folder / f"{name}.mp3"
    audio.write_bytes(b"\xff" * size)
    return FeedItem(id=f"/posts/{name}.md", title=name, audio=audio, duration=75.4, date=date,
                    **fields)  # fmt: skip


def test_items_come_newest_first_with_exact_enclosures(tmp_path):
    items = [
        item(tmp_path, "older", "2025-03-01", 1000),
        item(tmp_path, "newest", "2025-03-09", 2500),
        item(tmp_path, "middle", "2025-03-05", 1500),
    ]
    feed = feedparser.parse(feed_xml(FeedChannel(), items, BASE))
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["newest", "middle", "older"]
    newest = feed.entries[0]
    assert newest.enclosures[0].href == f"{BASE}/newest.mp3"
    assert newest.enclosures[0].length == "2500"
    assert newest.enclosures[0].type == "audio/mpeg"
    assert newest.itunes_duration == "0:01:15"
    assert newest.published.startswith("Sun, 09 Mar 2025")


def test_each_description_ends_with_the_disclosure(tmp_path):
    items = [
        item(tmp_path, "a", "2025-03-01", 10, description="A harbor story."),
        item(tmp_path, "b", None, 10, disclosure="Narrated with AI help."),
    ]
    feed = feedparser.parse(feed_xml(FeedChannel(), items, BASE))
    summaries = {e.title: e.summary for e in feed.entries}
    assert summaries["a"] == "A harbor story.\n\nThis audio is created with AI assistance."
    assert summaries["b"] == "Narrated with AI help."


def test_a_post_path_never_reaches_the_feed(tmp_path):
    text = feed_xml(FeedChannel(), [item(tmp_path, "a", None, 10)], BASE).decode()
    assert "/posts/a.md" not in text and "urn:narrate:" in text


def test_transcripts_link_the_captions(tmp_path):
    captions = tmp_path / "a.vtt"
    captions.write_text("WEBVTT\n", encoding="utf-8")
    text = feed_xml(
        FeedChannel(), [item(tmp_path, "a", None, 10, transcript=captions)], BASE
    ).decode()
    assert 'xmlns:podcast="https://podcastindex.org/namespace/1.0"' in text
    assert f'<podcast:transcript url="{BASE}/a.vtt" type="text/vtt" rel="captions"/>' in text


def test_the_channel_carries_what_podcast_apps_require(tmp_path):
    channel = FeedChannel(
        title="Harbor Ledger, read aloud",
        author="The Harbor Ledger",
        email="audio@news.example",
        image="cover.jpg",
        category="News",
        language="en-us",
        link="https://news.example/",
    )
    text = feed_xml(channel, [item(tmp_path, "a", None, 10)], BASE)
    feed = feedparser.parse(text)
    assert feed.feed.title == "Harbor Ledger, read aloud"
    assert feed.feed.link == "https://news.example/"
    assert feed.feed.language == "en-us"
    assert feed.feed.author == "The Harbor Ledger"
    assert feed.feed.publisher_detail.email == "audio@news.example"
    assert feed.feed.image.href == f"{BASE}/cover.jpg"
    assert feed.feed.tags[0].term == "News"
    assert b"<itunes:explicit>false</itunes:explicit>" in text
    assert b'<atom:link href="https://news.example/audio/feed.xml" rel="self"/>' in text


def test_explicit_is_true_or_false(tmp_path):
    for value, written in (
        (True, b"true"),
        ("yes", b"true"),
        ("clean", b"false"),
        ("no", b"false"),
    ):
        text = feed_xml(FeedChannel(explicit=value), [], BASE)
        assert text.count(b"<itunes:explicit>") == 1
        assert b"<itunes:explicit>" + written + b"</itunes:explicit>" in text


def test_a_feed_without_artwork_gets_a_square_cover_from_its_title(tmp_path):
    from PIL import Image

    path = write_feed(
        tmp_path, FeedChannel(title="Harbor Ledger"), [item(tmp_path, "a", None, 10)], BASE
    )
    feed = feedparser.parse(path.read_bytes())
    assert feed.feed.image.href == f"{BASE}/cover.jpg"
    assert b'<itunes:image href="https://news.example/audio/cover.jpg"/>' in path.read_bytes()
    with Image.open(tmp_path / "cover.jpg") as cover:
        assert cover.format == "JPEG" and cover.size[0] == cover.size[1] >= 1400
    first = (tmp_path / "cover.jpg").read_bytes()
    write_feed(tmp_path, FeedChannel(title="Harbor Ledger"), [], BASE)
    assert (tmp_path / "cover.jpg").read_bytes() == first  # the same title, the same cover


def test_configured_artwork_is_kept(tmp_path):
    path = write_feed(tmp_path, FeedChannel(image="show.jpg"), [], BASE)
    assert not (tmp_path / "cover.jpg").exists()
    assert b'<itunes:image href="https://news.example/audio/show.jpg"/>' in path.read_bytes()
