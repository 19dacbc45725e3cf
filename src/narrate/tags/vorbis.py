"""Vorbis comments for Ogg Vorbis (mutagen): the fields players know, the disclosure, the
Vorbis chapter convention (CHAPTER001=HH:MM:SS.mmm, CHAPTER001NAME=...) and the cover as a
base64 FLAC picture block (METADATA_BLOCK_PICTURE)."""

from __future__ import annotations

import base64
from pathlib import Path

from mutagen.flac import Picture
from mutagen.id3 import PictureType
from mutagen.oggvorbis import OggVorbis

from narrate.tags.labels import Labels, provenance_fields, timecode


def write_vorbis(path: Path, labels: Labels) -> None:
    """Replace the comments of the Ogg Vorbis file at `path` with ones built from `labels`."""
    audio = OggVorbis(path)
    audio.tags.clear()
    comments: list[tuple[str, str]] = [
        ("TITLE", labels.title),
        ("ALBUM", labels.publication or labels.title),
        ("GENRE", "Speech"),
        ("COMMENT", labels.disclosure),
        ("DESCRIPTION", labels.description or labels.disclosure),
        ("ENCODER", labels.generator),
    ]
    for key, value in (
        ("ARTIST", labels.author),
        ("ORGANIZATION", labels.publication),
        ("DATE", labels.date),
        ("LANGUAGE", labels.language),
        ("CONTACT", labels.url),
        ("LYRICS", labels.transcript),
    ):
        if value:
            comments.append((key, value))
    comments += provenance_fields(labels)
    comments += chapter_comments(labels)
    if labels.cover:
        comments.append(("METADATA_BLOCK_PICTURE", _picture_block(labels)))
    for key, value in comments:
        audio.tags[key] = [value]
    audio.save()


def chapter_comments(labels: Labels) -> list[tuple[str, str]]:
    """CHAPTERnnn / CHAPTERnnnNAME pairs; times in milliseconds (the convention's precision)."""
    if not labels.sample_rate:
        return []
    comments = []
    for number, chapter in enumerate(labels.chapters, start=1):
        milliseconds = round(chapter.start * 1000 / labels.sample_rate)
        comments.append((f"CHAPTER{number:03d}", timecode(milliseconds)))
        comments.append((f"CHAPTER{number:03d}NAME", chapter.title))
    return comments


def _picture_block(labels: Labels) -> str:
    picture = Picture()
    picture.type = PictureType.COVER_FRONT
    picture.mime = labels.cover_mime
    picture.desc = "Cover"
    picture.data = labels.cover or b""
    return base64.b64encode(picture.write()).decode("ascii")
