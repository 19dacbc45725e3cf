"""MP4 (M4A) tags in iTunes' conventions (mutagen), with chapters added by an ffmpeg remux.

mutagen writes MP4 metadata atoms but not chapters, so chapters are added first by copying
the audio through ffmpeg with an ffmetadata file: ffmpeg writes both a QuickTime chapter
track (Apple's players) and a Nero `chpl` atom (most others), without re-encoding.
"""

from __future__ import annotations

from pathlib import Path

from mutagen.mp4 import MP4, MP4Cover, MP4FreeForm

from narrate.atomic import atomic_path
from narrate.ffmpeg import run_ffmpeg
from narrate.tags.labels import Labels, provenance_fields, three_letter_language

# Custom keys live in freeform atoms under Apple's own namespace, where ffmpeg, mutagen and
# most taggers look for them.
FREEFORM = "----:com.apple.iTunes:"
LANGUAGE_KEY = "LANGUAGE"
URL_KEY = "URL"


def write_mp4(path: Path, labels: Labels) -> None:
    """Replace the tags of the M4A at `path` with ones built from `labels`, with chapters."""
    if labels.chapters and labels.sample_rate:
        _add_chapters(path, labels)
    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    audio.tags.clear()
    tags = audio.tags
    tags["\xa9nam"] = [labels.title]
    if labels.author:
        tags["\xa9ART"] = [labels.author]
    tags["\xa9alb"] = [labels.publication or labels.title]
    if labels.date:
        tags["\xa9day"] = [labels.date]
    tags["\xa9gen"] = ["Speech"]
    tags["\xa9cmt"] = [labels.disclosure]
    tags["\xa9too"] = [labels.generator]
    if labels.description:
        tags["desc"] = [labels.description]
    if labels.transcript:
        tags["\xa9lyr"] = [labels.transcript]
    if labels.cover:
        image_format = (
            MP4Cover.FORMAT_PNG if labels.cover_mime == "image/png" else MP4Cover.FORMAT_JPEG
        )
        tags["covr"] = [MP4Cover(labels.cover, imageformat=image_format)]
    custom = [(LANGUAGE_KEY, three_letter_language(labels.language))]
    if labels.url:
        custom.append((URL_KEY, labels.url))
    for key, value in [*provenance_fields(labels), *custom]:
        tags[FREEFORM + key] = [MP4FreeForm(value.encode("utf-8"))]
    audio.save()


def _add_chapters(path: Path, labels: Labels) -> None:
    """Remux `path` in place with one chapter per Labels chapter (times exact to the sample)."""
    lines = [";FFMETADATA1"]
    for chapter in labels.chapters:
        lines += [
            "[CHAPTER]",
            f"TIMEBASE=1/{labels.sample_rate}",
            f"START={chapter.start}",
            f"END={chapter.end}",
            f"title={_ffmetadata_escape(chapter.title)}",
        ]
    metadata = ("\n".join(lines) + "\n").encode("utf-8")
    # In place through a hidden temporary, as every output file is written (narrate.atomic);
    # the chapters come in on standard input.
    with atomic_path(path) as remuxed:
        inputs = ["-i", str(path), "-f", "ffmetadata", "-i", "pipe:0"]
        # The audio alone: a chapter track from an earlier tagging is replaced, not copied.
        mapping = ["-map", "0:a", "-map_chapters", "1", "-c", "copy"]
        run_ffmpeg([*inputs, *mapping, "-f", "ipod", str(remuxed)], input=metadata)


def _ffmetadata_escape(text: str) -> str:
    """ffmetadata treats =, ;, #, \\ and newlines as syntax: escape them with a backslash."""
    for special in ("\\", "=", ";", "#", "\n"):
        text = text.replace(special, "\\" + special)
    return text
