"""Podcasting 2.0 chapters for a real narration: the JSON chapters file beside the audio
validates against the podcast namespace's chapters format (version 1.2.0), and the feed
links it with `podcast:chapters` beside `podcast:transcript`."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from narrate.pipeline import NarrationSettings, narrate_article
from narrate.publish.chapters import write_chapters
from narrate.publish.companions import companions
from narrate.publish.feed import PODCAST_NAMESPACE, FeedChannel, FeedItem, write_feed

BASE = "https://news.example/audio/"
ARTICLE = """---
title: Harbor ferry approved
publication: The Harbor Ledger
---

The council approved the ferry. It will sail next year.

## Costs

The state pays most of it.

## Schedule

Boats leave every hour.
"""
# From the namespace's chapters document (jsonChapters.md): the keys it defines.
TOP_LEVEL = {"version", "chapters", "author", "title", "podcastName", "description", "fileName"}
CHAPTER = {"startTime", "endTime", "title", "img", "url", "toc", "location"}


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def chapters_format_errors(document: object) -> list[str]:
    """What in `document` breaks the JSON chapters format (version 1.2.0): required
    `version` string and `chapters` array; each chapter a `startTime` number (seconds, not
    negative), an optional `title` string and `endTime` number; no key the format lacks."""
    if not isinstance(document, dict):
        return ["not an object"]
    errors = [f"unknown key {k!r}" for k in document if k not in TOP_LEVEL]
    if document.get("version") != "1.2.0":
        errors.append(f"version {document.get('version')!r} is not '1.2.0'")
    chapters = document.get("chapters")
    if not isinstance(chapters, list):
        return [*errors, "chapters is not an array"]
    for index, chapter in enumerate(chapters):
        if not isinstance(chapter, dict):
            errors.append(f"chapter {index} is not an object")
            continue
        errors += [f"chapter {index}: unknown key {k!r}" for k in chapter if k not in CHAPTER]
        if not is_number(chapter.get("startTime")) or chapter["startTime"] < 0:
            errors.append(f"chapter {index}: startTime is not a number of seconds")
        if "title" in chapter and not isinstance(chapter["title"], str):
            errors.append(f"chapter {index}: title is not a string")
        if "endTime" in chapter and not (
            is_number(chapter["endTime"]) and chapter["endTime"] >= chapter.get("startTime", 0)
        ):
            errors.append(f"chapter {index}: endTime is not a number after startTime")
    starts = [c.get("startTime") for c in chapters if isinstance(c, dict)]
    if all(map(is_number, starts)) and starts != sorted(starts):
        errors.append("chapters are not in time order")
    return errors


def test_the_check_catches_what_the_format_forbids():
    assert chapters_format_errors({"version": "1.2.0", "chapters": []}) == []
    assert chapters_format_errors({"version": "1.1", "chapters": [{"startTime": "0"}]}) == [
        "version '1.1' is not '1.2.0'",
        "chapter 0: startTime is not a number of seconds",
    ]
    assert chapters_format_errors(
        {"version": "1.2.0", "chapters": [{"startTime": 5, "title": 3, "start": 1}]}
    ) == ["chapter 0: unknown key 'start'", "chapter 0: title is not a string"]


@pytest.fixture(scope="module")
def audio(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("chapters")
    article = folder / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    settings = NarrationSettings(output_dir=folder / "out", cache_dir=folder / "cache", jobs=1)
    return narrate_article(article, settings).path


def test_the_chapters_file_is_in_the_namespace_format(audio):
    path = write_chapters(audio)
    assert path == audio.with_name(f"{audio.stem}.chapters.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert chapters_format_errors(document) == []
    manifest = companions(audio).data
    assert [c["title"] for c in document["chapters"]] == [c["title"] for c in manifest["chapters"]]
    assert [c["title"] for c in document["chapters"]][1:] == ["Costs", "Schedule"]
    assert [c["startTime"] for c in document["chapters"]] == [
        c["start"] for c in manifest["chapters"]
    ]
    assert document["podcastName"] == "The Harbor Ledger"


def test_the_feed_links_the_chapters_beside_the_transcript(audio):
    found = companions(audio)
    item = FeedItem(
        id="ferry", title="Harbor ferry approved", audio=audio, duration=10.0,
        transcript=found.captions,
    )  # fmt: skip
    feed = write_feed(audio.parent, FeedChannel(), [item], BASE)
    assert not feedparser.parse(feed.read_bytes()).bozo
    entry = etree.parse(str(feed)).find("channel/item")
    chapters = entry.find(f"{{{PODCAST_NAMESPACE}}}chapters")
    transcript = entry.find(f"{{{PODCAST_NAMESPACE}}}transcript")
    assert transcript is not None and chapters is not None
    assert chapters.get("type") == "application/json+chapters"
    assert chapters.get("url") == f"{BASE}{audio.stem}.chapters.json"
    on_disk = audio.parent / chapters.get("url").removeprefix(BASE)
    assert chapters_format_errors(json.loads(on_disk.read_text(encoding="utf-8"))) == []
