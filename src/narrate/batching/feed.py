"""The batch's podcast feed: one item for every narration on record, this run's and earlier
runs', written to the output folder after each batch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from narrate.batching.state import PostRecord
from narrate.disclosure import DEFAULT_DISCLOSURE
from narrate.documents.article import Article
from narrate.publish.companions import companions
from narrate.publish.feed import (
    FEED_NAME,
    FeedChannel,
    FeedError,
    FeedItem,
    feed_xml,
    write_feed,
)

# A post's feed description: its own, else the start of its first paragraph.
DESCRIPTION_CHARS = 400
NO_BASE_URL = (
    "feed.xml not written: give --base-url (or base_url in narrate.toml), the address the "
    "output folder is served from"
)


def publish_feed(
    records: Sequence[PostRecord], folder: Path, base_url: str | None, channel: FeedChannel
) -> tuple[Path | None, tuple[str, ...]]:
    """Write `folder`/feed.xml; returns its path (None without a base URL) and notes."""
    items = [
        feed_item(record, folder / record.output)
        for record in records
        if record.output and (folder / record.output).is_file()
    ]
    if not base_url:
        return None, (NO_BASE_URL,) if items else ()
    try:
        return write_feed(folder, channel, items, base_url), ()
    except FeedError:
        # One post on record must not break the feed of every later run: it is left out.
        kept, notes = _writable(items, channel, base_url)
        return write_feed(folder, channel, kept, base_url), notes


def _writable(
    items: Sequence[FeedItem], channel: FeedChannel, base_url: str
) -> tuple[list[FeedItem], tuple[str, ...]]:
    """The items that make a feed on their own, and a note for each that does not."""
    kept: list[FeedItem] = []
    notes: list[str] = []
    for item in items:
        try:
            feed_xml(channel, [item], base_url)
        except (FeedError, OSError) as error:
            notes.append(f"{FEED_NAME}: left out {item.audio.name} ({error})")
        else:
            kept.append(item)
    return kept, tuple(notes)


def feed_item(record: PostRecord, audio: Path) -> FeedItem:
    link = record.link if record.link and record.link.startswith(("http://", "https://")) else None
    return FeedItem(
        id=record.id,
        title=record.title or audio.stem,
        audio=audio,
        duration=record.duration or 0.0,
        disclosure=record.disclosure or DEFAULT_DISCLOSURE,
        description=record.description,
        link=link,
        date=record.date,
        narrated=record.narrated,
        transcript=companions(audio).captions,
    )


def post_description(article: Article) -> str | None:
    """What the feed says about a post: its description, else its first paragraph (cut at a
    word near DESCRIPTION_CHARS)."""
    if article.description:
        return article.description
    first = next((b.text for b in article.paragraphs), "")
    if len(first) <= DESCRIPTION_CHARS:
        return first or None
    return first[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"
