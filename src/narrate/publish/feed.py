"""The podcast feed (`feed.xml`): RSS 2.0 with the iTunes tags podcast apps require, one item
per narrated post, newest first.

feedgen writes RSS and the iTunes namespace; its podcast extension has no Podcasting 2.0
tags, so `podcast:transcript` (the captions of each episode, a WebVTT file) and
`podcast:chapters` (a JSON chapters file, see chapters.py) are added by a
small feedgen extension of the same shape as the built-in ones, which also writes
`itunes:explicit` as "true"/"false". Without configured artwork, `write_feed` draws a square
cover from the show's title (`cover.jpg`, see artwork.py), so `itunes:image` is always there;
a cover.jpg narrate did not draw is never overwritten. Every item's description ends with the
AI-assistance disclosure. A post's texts are someone else's: see feed_xml.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urljoin

from narrate.atomic import write_bytes_atomic
from narrate.audio.formats import audio_media_type
from narrate.disclosure import DEFAULT_DISCLOSURE
from narrate.errors import OutputError
from narrate.publish.artwork import COVER_NAME, cover_jpeg, drawn_by_narrate
from narrate.publish.chapters import CHAPTERS_TYPE, write_chapters
from narrate.publish.xml_text import for_xml

FEED_NAME = "feed.xml"
PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"


@dataclass(frozen=True)
class FeedChannel:
    """The podcast itself: what apps show above the episodes. `image` is a URL, or a file
    name under the base URL (JPEG or PNG, square, 1400-3000 px for Apple Podcasts)."""

    title: str = "Narrated articles"
    description: str = f"Articles read aloud. {DEFAULT_DISCLOSURE}"
    author: str | None = None
    email: str | None = None
    image: str | None = None
    category: str = "News"
    explicit: bool | str = False  # True, or "yes"/"true"/"explicit"; written "true"/"false"
    language: str = "en"
    link: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """One episode: a narrated post and the files beside its audio."""

    id: str
    title: str
    audio: Path
    duration: float
    disclosure: str = DEFAULT_DISCLOSURE
    description: str | None = None
    link: str | None = None
    date: str | None = None  # ISO date of the post; else `narrated` is its date
    narrated: str | None = None  # ISO 8601 time the audio was written
    transcript: Path | None = None  # the WebVTT captions, when there are any
    chapters: Path | None = None  # the Podcasting 2.0 JSON chapters file (see chapters.py)


_Record = TypeVar("_Record", FeedChannel, FeedItem)


class FeedError(OutputError):
    """The feed cannot be made from these items (their data, not the disk)."""


def write_feed(
    folder: Path, channel: FeedChannel, items: Sequence[FeedItem], base_url: str
) -> Path:
    """Write `folder`/feed.xml atomically; enclosure URLs are `base_url` + the file name.
    FeedError in one line when the items cannot make a feed."""
    target = folder / FEED_NAME
    # Each episode's chapters as a JSON chapters file beside its audio (from its manifest).
    items = [replace(i, chapters=i.chapters or write_chapters(i.audio)) for i in items]
    data = feed_xml(replace(channel, image=channel.image or COVER_NAME), items, base_url)
    if not channel.image:
        # Directories refuse a show without artwork: draw one from the title.
        write_cover(folder, channel.title)
    write_bytes_atomic(target, data)
    return target


def write_cover(folder: Path, title: str) -> None:
    """Write the drawn cover as `folder`/cover.jpg, unless a cover.jpg narrate did not draw
    is there: that one is the user's, and stays as it is (and is the feed's image)."""
    path = folder / COVER_NAME
    if not path.exists() or drawn_by_narrate(path, title):
        write_bytes_atomic(path, cover_jpeg(title))


def feed_xml(channel: FeedChannel, items: Sequence[FeedItem], base_url: str) -> bytes:
    """The feed as RSS 2.0 bytes, items newest first. Every text is stripped of the control
    characters XML cannot hold (a post's title may carry any), and an item's description is
    escaped: readers render it as HTML, and a post's text is text, not markup."""
    try:
        return _feed_xml(_clean(channel), [_clean(item) for item in items], base_url)
    except (ValueError, TypeError) as error:  # lxml refuses what it cannot write
        raise FeedError(f"cannot write {FEED_NAME}: {error}") from None


def _clean(record: _Record) -> _Record:
    """`record` with every text field stripped of characters XML cannot hold."""
    texts = {
        f.name: for_xml(value)
        for f in fields(record)
        if isinstance(value := getattr(record, f.name), str)
    }
    return replace(record, **texts)


def _feed_xml(channel: FeedChannel, items: Sequence[FeedItem], base_url: str) -> bytes:
    from feedgen.feed import FeedGenerator

    base = base_url if base_url.endswith("/") else base_url + "/"
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry)
    feed.title(channel.title)
    feed.link(href=urljoin(base, FEED_NAME), rel="self")
    # feedgen's RSS <link> is the last link given: the site, not the feed.
    feed.link(href=channel.link or base, rel="alternate")
    feed.description(channel.description)
    feed.language(channel.language)
    feed.generator("narrate")
    author = channel.author or channel.title
    feed.podcast.itunes_author(author)
    feed.podcast.itunes_category(channel.category)
    feed.podcastindex.explicit(_explicit(channel.explicit))
    feed.podcast.itunes_type("episodic")
    if channel.email:
        feed.podcast.itunes_owner(name=author, email=channel.email)
        feed.managingEditor(f"{channel.email} ({author})")
    if channel.image:
        image = urljoin(base, channel.image)
        feed.podcast.itunes_image(image)
        feed.image(url=image, title=channel.title, link=channel.link or base)
    for item in sorted(items, key=_published, reverse=True):
        _add_item(feed, item, base)
    return feed.rss_str(pretty=True)


def _add_item(feed: Any, item: FeedItem, base: str) -> None:
    entry = feed.add_entry(order="append")
    audio_url = urljoin(base, quote(item.audio.name))
    # A post's id may be a local path: publish a digest of it, never the path itself.
    guid = hashlib.sha256(item.id.encode("utf-8")).hexdigest()[:32]
    entry.guid(f"urn:narrate:{guid}", permalink=False)
    entry.title(item.title)
    entry.link(href=item.link or audio_url)
    entry.pubDate(_published(item))
    description = f"{item.description.strip()}\n\n" if item.description else ""
    summary = html.escape(description + item.disclosure, quote=False)
    entry.description(summary)
    entry.enclosure(audio_url, str(item.audio.stat().st_size), _mime(item.audio))
    entry.podcast.itunes_duration(_clock(item.duration))
    entry.podcast.itunes_summary(summary)
    if item.transcript is not None:
        entry.podcastindex.transcript(urljoin(base, quote(item.transcript.name)), "text/vtt")
    if item.chapters is not None:
        entry.podcastindex.chapters(urljoin(base, quote(item.chapters.name)))


def _explicit(value: bool | str) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("yes", "true", "explicit")
    return bool(value)


def _published(item: FeedItem) -> datetime:
    if item.date:
        try:
            return datetime.fromisoformat(item.date[:10]).replace(tzinfo=UTC)
        except ValueError:
            pass
    if item.narrated:
        moment = datetime.fromisoformat(item.narrated)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.fromtimestamp(item.audio.stat().st_mtime, UTC)


def _clock(seconds: float) -> str:
    total = round(seconds)
    return f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def _mime(path: Path) -> str:
    return audio_media_type(path.name) or "application/octet-stream"


class _PodcastIndex:
    """Feed half of the `podcast:` namespace extension: declares the namespace, and writes
    `itunes:explicit` as Apple documents it today ("true"/"false"; feedgen only knows the
    older "yes"/"no"/"clean")."""

    def __init__(self) -> None:
        self._explicit: bool | None = None

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NAMESPACE}

    def extend_rss(self, rss: Any) -> Any:
        from lxml import etree

        if self._explicit is not None:
            channel = rss.find("channel")
            tag = etree.SubElement(channel, f"{{{ITUNES_NAMESPACE}}}explicit")
            tag.text = "true" if self._explicit else "false"
        return rss

    def extend_atom(self, atom: Any) -> Any:
        return atom


class _PodcastIndexEntry(_PodcastIndex):
    """Item half: `<podcast:transcript url=... type=... rel="captions"/>` per transcript."""

    def __init__(self) -> None:
        super().__init__()
        self._transcripts: list[dict[str, str]] = []
        self._chapters: dict[str, str] | None = None

    def transcript(self, url: str, mime: str) -> None:
        self._transcripts.append({"url": url, "type": mime, "rel": "captions"})

    def chapters(self, url: str) -> None:
        self._chapters = {"url": url, "type": CHAPTERS_TYPE}

    def extend_rss(self, item: Any) -> Any:
        from lxml import etree

        for attributes in self._transcripts:
            etree.SubElement(item, f"{{{PODCAST_NAMESPACE}}}transcript", attributes)
        if self._chapters is not None:
            etree.SubElement(item, f"{{{PODCAST_NAMESPACE}}}chapters", self._chapters)
        return item
