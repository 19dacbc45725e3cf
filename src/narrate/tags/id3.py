"""ID3v2.4 tags (mutagen) for MP3, and for WAV in its `id3 ` chunk: metadata, the
disclosure, provenance, chapters, cover and transcript."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TPUB,
    TSSE,
    TXXX,
    USLT,
    WOAS,
    CTOCFlags,
    Frame,
    ID3NoHeaderError,
    PictureType,
)
from mutagen.wave import WAVE

from narrate.tags.labels import Labels, provenance_fields, three_letter_language

COMMENT_DESC = ""  # the comment players show; the disclosure goes there


def write_id3(path: Path, labels: Labels) -> None:
    """Replace any ID3 tag of the MP3 at `path` with one built from `labels`."""
    try:
        tags = ID3(path)
        tags.clear()
    except ID3NoHeaderError:
        tags = ID3()
    add_frames(tags, labels)
    tags.save(path, v2_version=4)


def write_wav_id3(path: Path, labels: Labels) -> None:
    """Replace the ID3 tag in the `id3 ` chunk of the WAV at `path` (read by ffmpeg too)."""
    wave = WAVE(path)
    if wave.tags is None:
        wave.add_tags()
    wave.tags.clear()
    add_frames(wave.tags, labels)
    wave.save(v2_version=4)


def add_frames(tags: ID3, labels: Labels) -> None:
    """Add every frame `labels` calls for to `tags`."""
    for frame in id3_frames(labels):
        tags.add(frame)


def id3_frames(labels: Labels) -> list[Frame]:
    """The frames of a narration's tag, in the order they are written."""
    frames: list[Frame] = []
    add = frames.append
    language = three_letter_language(labels.language)
    add(TIT2(encoding=3, text=labels.title))
    if labels.author:
        add(TPE1(encoding=3, text=labels.author))
    add(TALB(encoding=3, text=labels.publication or labels.title))
    if labels.publication:
        add(TPUB(encoding=3, text=labels.publication))
    if labels.date:
        add(TDRC(encoding=3, text=labels.date))
    add(TCON(encoding=3, text="Speech"))
    add(TLAN(encoding=3, text=language))
    if labels.url:
        add(WOAS(url=labels.url))
    add(COMM(encoding=3, lang=language, desc=COMMENT_DESC, text=labels.disclosure))
    add(TSSE(encoding=3, text=labels.generator))
    for desc, value in provenance_fields(labels):
        add(TXXX(encoding=3, desc=desc, text=value))
    frames.extend(_chapter_frames(labels))
    if labels.cover:
        add(
            APIC(
                encoding=3,
                mime=labels.cover_mime,
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=labels.cover,
            )
        )
    if labels.transcript:
        add(USLT(encoding=3, lang=language, desc="Transcript", text=labels.transcript))
    return frames


def _chapter_frames(labels: Labels) -> list[Frame]:
    if not labels.chapters or not labels.sample_rate:
        return []
    ids = [f"chp{index}" for index in range(len(labels.chapters))]
    frames: list[Frame] = []
    for element_id, chapter in zip(ids, labels.chapters, strict=True):
        frames.append(
            CHAP(
                element_id=element_id,
                start_time=round(chapter.start * 1000 / labels.sample_rate),
                end_time=round(chapter.end * 1000 / labels.sample_rate),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    frames.append(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
    return frames
