"""The batch's feed from the records on file: no post on record can break it, in this run or
any later one."""

from pathlib import Path

import feedparser
import pytest

from narrate.batching.feed import publish_feed
from narrate.batching.state import DONE, PostRecord
from narrate.publish.feed import FeedChannel

BASE = "https://news.example/audio/"


def record(folder: Path, name: str, **fields: object) -> PostRecord:
    (folder / f"{name}.mp3").write_bytes(b"\xff" * 10)
    return PostRecord(
        id=f"/posts/{name}.md", source="posts", location=f"/posts/{name}.md", status=DONE,
        updated="2025-03-01T09:00:00+00:00", output=f"{name}.mp3", duration=4.0,
        **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_title_with_a_control_character_makes_a_valid_feed(tmp_path: Path) -> None:
    records = [record(tmp_path, "a", title="Ok\x01go"), record(tmp_path, "b", title="Fine")]
    path, notes = publish_feed(records, tmp_path, BASE, FeedChannel(image="show.jpg"))
    assert path is not None and notes == ()
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo
    assert sorted(e.title for e in feed.entries) == ["Fine", "Okgo"]


def test_a_record_that_cannot_be_written_is_left_out_with_a_note(tmp_path: Path) -> None:
    records = [
        record(tmp_path, "a", title="Broken", narrated="not a time"),
        record(tmp_path, "b", title="Fine"),
    ]
    for _ in range(2):  # and the next run alike: nothing stays poisoned
        path, notes = publish_feed(records, tmp_path, BASE, FeedChannel(image="show.jpg"))
        assert path is not None
        assert [e.title for e in feedparser.parse(path.read_bytes()).entries] == ["Fine"]
        assert len(notes) == 1 and notes[0].startswith("feed.xml: left out a.mp3 (cannot write")


@pytest.mark.slow
def test_a_post_titled_with_a_control_character_leaves_a_feed_every_run(tmp_path: Path) -> None:
    from narrate.batching.run import BatchSettings, batch
    from narrate.pipeline import NarrationSettings

    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("# Ok\x01go\n\nThe ferry runs.\n", encoding="utf-8")
    narration = NarrationSettings(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    settings = BatchSettings(narration=narration, base_url=BASE)
    for status in ("narrated", "unchanged"):
        result = batch([str(posts)], settings)
        assert [p.status for p in result.posts] == [status]
        assert result.feed is not None
        assert [e.title for e in feedparser.parse(result.feed.read_bytes()).entries] == ["Okgo"]
