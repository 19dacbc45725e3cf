"""schema.org JSON-LD for a real narration: an AudioObject in the snippet, the listening
page's Article with its audio, and the AudioObject set into an injected page's own Article."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from narrate.make_player import PlayerOptions, make_player
from narrate.pipeline import NarrationSettings
from narrate.publish.structured_data import TRAINED_MODEL, iso_duration

PAGES = Path(__file__).parent.parent / "data" / "pages"
ISO_DURATION = re.compile(r"PT(\d+H)?\d+M\d+S")
ARTICLE = """---
title: Harbor ferry approved
author: Dana Whitfield
date: 2025-03-14
publication: The Harbor Ledger
url: https://example.org/ferry
---

The council approved the ferry. It will sail next year.

## Costs

The state pays most of it.
"""


def json_ld(page: str) -> list[dict]:
    return [
        json.loads(text)
        for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]


@pytest.fixture(scope="module")
def narration(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("ld")
    article = folder / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    settings = NarrationSettings(output_dir=folder / "out", cache_dir=folder / "cache", jobs=1)
    snippet = make_player(article, PlayerOptions(base_url="https://cdn.example/audio/"), settings)
    manifest = json.loads(snippet.audio.with_suffix(".json").read_text(encoding="utf-8"))
    return snippet.path, manifest


def assert_audio_object(audio: dict, manifest: dict) -> None:
    assert audio["@type"] == "AudioObject"
    assert audio["name"] == "Harbor ferry approved"
    assert audio["contentUrl"] == f"https://cdn.example/audio/{manifest['files']['audio']}"
    assert audio["encodingFormat"] == "audio/mpeg"
    assert ISO_DURATION.fullmatch(audio["duration"])
    assert audio["duration"] == iso_duration(manifest["duration"])
    assert audio["uploadDate"] == manifest["created"]
    assert audio["inLanguage"] == "en"
    assert audio["caption"]["contentUrl"].endswith(manifest["files"]["vtt"])
    assert audio["caption"]["encodingFormat"] == "text/vtt"
    assert "The state pays most of it." in audio["transcript"]
    assert audio["isBasedOn"] == "https://example.org/ferry"
    assert (
        audio["digitalSourceType"]
        == TRAINED_MODEL
        == ("https://schema.org/TrainedAlgorithmicMediaDigitalSource")
    )


def test_iso_durations():
    assert iso_duration(125.2) == "PT2M5S"
    assert iso_duration(3725) == "PT1H2M5S"


def test_the_snippet_carries_an_audio_object(narration):
    path, manifest = narration
    (audio,) = json_ld(path.read_text(encoding="utf-8"))
    assert audio["@context"] == "https://schema.org"
    assert_audio_object(audio, manifest)


def test_the_listening_page_is_an_article_with_its_audio(narration):
    path, manifest = narration
    page = make_player(
        path.with_suffix("").with_suffix(".mp3"),
        PlayerOptions(page=True, base_url="https://cdn.example/audio/"),
    )
    (article,) = json_ld(page.path.read_text(encoding="utf-8"))
    assert article["@type"] == "Article" and article["headline"] == "Harbor ferry approved"
    assert article["author"]["name"] == "Dana Whitfield"
    assert_audio_object(article["audio"], manifest)


def test_an_injected_page_gets_the_audio_in_its_own_article(narration, tmp_path):
    path, manifest = narration
    page = tmp_path / "story.html"
    shutil.copy(PAGES / "meta_jsonld.html", page)
    audio = path.with_suffix("").with_suffix(".mp3")
    for _ in range(2):  # the second time replaces the first's, and changes nothing more
        make_player(audio, PlayerOptions(inject=page, base_url="https://cdn.example/audio/"))
        text = page.read_text(encoding="utf-8")
        (article,) = json_ld(text)  # one node: the page's own, no second AudioObject
        assert article["@type"] == "NewsArticle"
        assert article["headline"] == "Port of Halden reports record container traffic"
        assert article["publisher"]["name"] == "Nordic Freight Journal"
        assert_audio_object(article["audio"], manifest)


def test_a_page_without_an_article_gets_the_audio_object_in_the_player(narration, tmp_path):
    path, _ = narration
    page = tmp_path / "story.html"
    page.write_text("<html><body><article><h1>Ferry</h1><p>Text.</p></article></body></html>")
    make_player(path.with_suffix("").with_suffix(".mp3"), PlayerOptions(inject=page))
    (audio,) = json_ld(page.read_text(encoding="utf-8"))
    assert audio["@type"] == "AudioObject" and audio["digitalSourceType"] == TRAINED_MODEL
