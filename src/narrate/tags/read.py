"""Read an audio file's tags back in narrate's terms, whatever the container: the fields a
player shows, narrate's provenance keys, chapters, and whether a cover and transcript are in.

The inverse of tags/write.py: ID3 for MP3 and WAV, iTunes atoms for M4A, Vorbis comments
for Ogg. Chapters come from the tags narrate wrote (exact), except in M4A, where mutagen
cannot read chapter titles and ffmpeg reads them instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mutagen
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from narrate.ffmpeg import run_ffmpeg
from narrate.tags.labels import (
    DISCLOSURE_KEY,
    ENGINE_KEY,
    GENERATOR_KEY,
    SOURCE_TYPE_KEY,
    SPOKEN_AT_KEY,
    VOICE_KEY,
)
from narrate.tags.mp4 import FREEFORM, LANGUAGE_KEY, URL_KEY

PROVENANCE_KEYS = (
    SOURCE_TYPE_KEY,
    DISCLOSURE_KEY,
    SPOKEN_AT_KEY,
    ENGINE_KEY,
    VOICE_KEY,
    GENERATOR_KEY,
)
FORMATS = {MP3: "mp3", MP4: "m4a", OggVorbis: "ogg", WAVE: "wav"}


@dataclass(frozen=True)
class ChapterMark:
    title: str
    start: float  # seconds
    end: float | None = None


@dataclass(frozen=True)
class FileTags:
    """What a file's tags say: `fields` as a player names them (title, artist, album, date,
    genre, language, comment, url), `provenance` under narrate's keys (DIGITAL_SOURCE_TYPE,
    AI_DISCLOSURE, ...)."""

    fields: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    chapters: tuple[ChapterMark, ...] = ()
    cover: bool = False
    transcript: bool = False


def audio_format(audio: Any) -> str:
    """mp3, m4a, ogg or wav for a mutagen file object; its type's name otherwise."""
    for kind, name in FORMATS.items():
        if isinstance(audio, kind):
            return name
    return type(audio).__name__.lower()


def read_tags(path: Path, audio: mutagen.FileType) -> FileTags:
    """The tags of `audio` (mutagen's object for the file at `path`)."""
    if isinstance(audio, MP3 | WAVE):
        return _from_id3(audio.tags) if audio.tags is not None else FileTags()
    if isinstance(audio, MP4):
        return _from_mp4(audio, path)
    if isinstance(audio, OggVorbis):
        return _from_vorbis(audio)
    return FileTags()


def _from_id3(tags: ID3) -> FileTags:
    fields: dict[str, str] = {}
    for name, frame_id in (
        ("title", "TIT2"),
        ("artist", "TPE1"),
        ("album", "TALB"),
        ("publisher", "TPUB"),
        ("date", "TDRC"),
        ("genre", "TCON"),
        ("language", "TLAN"),
        ("encoder", "TSSE"),
    ):
        if frame_id in tags:
            fields[name] = str(tags[frame_id].text[0])
    comments = [frame for frame in tags.getall("COMM") if frame.desc == ""]
    if comments:
        fields["comment"] = str(comments[0].text[0])
    if "WOAS" in tags:
        fields["url"] = tags["WOAS"].url
    provenance = {
        key: str(tags[f"TXXX:{key}"].text[0]) for key in PROVENANCE_KEYS if f"TXXX:{key}" in tags
    }
    chapters = sorted(tags.getall("CHAP"), key=lambda chapter: chapter.start_time)
    return FileTags(
        fields=fields,
        provenance=provenance,
        chapters=tuple(
            ChapterMark(_chapter_title(chapter), chapter.start_time / 1000, chapter.end_time / 1000)
            for chapter in chapters
        ),
        cover=bool(tags.getall("APIC")),
        transcript=bool(tags.getall("USLT")),
    )


def _chapter_title(chapter: Any) -> str:
    title = chapter.sub_frames.get("TIT2")
    return str(title.text[0]) if title else ""


def _from_mp4(audio: MP4, path: Path) -> FileTags:
    tags = audio.tags or {}
    fields: dict[str, str] = {}
    for name, atom in (
        ("title", "\xa9nam"),
        ("artist", "\xa9ART"),
        ("album", "\xa9alb"),
        ("date", "\xa9day"),
        ("genre", "\xa9gen"),
        ("comment", "\xa9cmt"),
        ("encoder", "\xa9too"),
    ):
        if atom in tags:
            fields[name] = str(tags[atom][0])

    def freeform(key: str) -> str | None:
        values = tags.get(FREEFORM + key)
        return bytes(values[0]).decode("utf-8", "replace") if values else None

    for name, key in (("language", LANGUAGE_KEY), ("url", URL_KEY)):
        if (value := freeform(key)) is not None:
            fields[name] = value
    provenance = {key: value for key in PROVENANCE_KEYS if (value := freeform(key)) is not None}
    return FileTags(
        fields=fields,
        provenance=provenance,
        chapters=ffmpeg_chapters(path),
        cover="covr" in tags,
        transcript="\xa9lyr" in tags,
    )


def _from_vorbis(audio: OggVorbis) -> FileTags:
    comments = audio.tags

    def first(key: str) -> str | None:
        values = comments.get(key)
        return values[0] if values else None

    fields = {
        name: value
        for name, key in (
            ("title", "TITLE"),
            ("artist", "ARTIST"),
            ("album", "ALBUM"),
            ("date", "DATE"),
            ("genre", "GENRE"),
            ("language", "LANGUAGE"),
            ("comment", "COMMENT"),
            ("url", "CONTACT"),
            ("encoder", "ENCODER"),
        )
        if (value := first(key)) is not None
    }
    provenance = {key: value for key in PROVENANCE_KEYS if (value := first(key)) is not None}
    chapters = []
    number = 1
    while (start := first(f"CHAPTER{number:03d}")) is not None:
        chapters.append(ChapterMark(first(f"CHAPTER{number:03d}NAME") or "", _seconds(start)))
        number += 1
    return FileTags(
        fields=fields,
        provenance=provenance,
        chapters=tuple(chapters),
        cover=first("METADATA_BLOCK_PICTURE") is not None,
        transcript=first("LYRICS") is not None,
    )


def ffmpeg_chapters(path: Path) -> tuple[ChapterMark, ...]:
    """The chapters ffmpeg finds in any file it reads."""
    text = run_ffmpeg(["-i", str(path), "-f", "ffmetadata", "pipe:1"]).stdout.decode("utf-8")
    chapters = []
    for section in text.split("[CHAPTER]")[1:]:
        values = dict(line.split("=", 1) for line in section.strip().splitlines() if "=" in line)
        numerator, denominator = values.get("TIMEBASE", "1/1000").split("/")
        unit = int(numerator) / int(denominator)
        chapters.append(
            ChapterMark(
                title=re.sub(r"\\(.)", r"\1", values.get("title", "")),
                start=int(values.get("START", 0)) * unit,
                end=int(values.get("END", 0)) * unit,
            )
        )
    return tuple(chapters)


def _seconds(timecode: str) -> float:
    """HH:MM:SS.mmm -> seconds; 0 for anything malformed."""
    try:
        hours, minutes, seconds = timecode.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    except ValueError:
        return 0.0
