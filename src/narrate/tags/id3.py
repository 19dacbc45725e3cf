"""ID3v2.4 tags for MP3 (mutagen): metadata, the disclosure, provenance, chapters, cover."""

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
    ID3NoHeaderError,
    PictureType,
)

from narrate.tags.labels import Labels, three_letter_language

# TXXX descriptions: the machine-readable half of the disclosure.
TXXX_SOURCE_TYPE = "DIGITAL_SOURCE_TYPE"
TXXX_DISCLOSURE = "AI_DISCLOSURE"
TXXX_ENGINE = "NARRATE_ENGINE"
TXXX_VOICE = "NARRATE_VOICE"
TXXX_GENERATOR = "GENERATOR"
COMMENT_DESC = ""  # the comment players show; the disclosure goes there


def write_id3(path: Path, labels: Labels) -> None:
    """Replace any ID3 tag of the MP3 at `path` with one built from `labels`."""
    try:
        tags = ID3(path)
        tags.clear()
    except ID3NoHeaderError:
        tags = ID3()
    language = three_letter_language(labels.language)
    tags.add(TIT2(encoding=3, text=labels.title))
    if labels.author:
        tags.add(TPE1(encoding=3, text=labels.author))
    tags.add(TALB(encoding=3, text=labels.publication or labels.title))
    if labels.publication:
        tags.add(TPUB(encoding=3, text=labels.publication))
    if labels.date:
        tags.add(TDRC(encoding=3, text=labels.date))
    tags.add(TCON(encoding=3, text="Speech"))
    tags.add(TLAN(encoding=3, text=language))
    if labels.url:
        tags.add(WOAS(url=labels.url))
    tags.add(COMM(encoding=3, lang=language, desc=COMMENT_DESC, text=labels.disclosure))
    tags.add(TSSE(encoding=3, text=labels.generator))
    for desc, value in (
        (TXXX_SOURCE_TYPE, labels.digital_source_type),
        (TXXX_DISCLOSURE, labels.disclosure),
        (TXXX_ENGINE, labels.engine),
        (TXXX_VOICE, labels.voice),
        (TXXX_GENERATOR, labels.generator),
    ):
        tags.add(TXXX(encoding=3, desc=desc, text=value))
    _add_chapters(tags, labels)
    if labels.cover:
        tags.add(
            APIC(
                encoding=3,
                mime=labels.cover_mime,
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=labels.cover,
            )
        )
    if labels.transcript:
        tags.add(USLT(encoding=3, lang=language, desc="Transcript", text=labels.transcript))
    tags.save(path, v2_version=4)


def _add_chapters(tags: ID3, labels: Labels) -> None:
    if not labels.chapters or not labels.sample_rate:
        return
    ids = [f"chp{index}" for index in range(len(labels.chapters))]
    for element_id, chapter in zip(ids, labels.chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=round(chapter.start * 1000 / labels.sample_rate),
                end_time=round(chapter.end * 1000 / labels.sample_rate),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
