"""Tag an output file in its container's own convention, picked by the format's suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mutagen import MutagenError

from narrate.errors import TagError
from narrate.tags.id3 import write_id3, write_wav_id3
from narrate.tags.labels import Labels
from narrate.tags.mp4 import write_mp4
from narrate.tags.vorbis import write_vorbis

WRITERS: dict[str, Callable[[Path, Labels], None]] = {
    "mp3": write_id3,
    "m4a": write_mp4,
    "ogg": write_vorbis,
    "wav": write_wav_id3,
}


def write_tags(path: Path, suffix: str, labels: Labels) -> None:
    """Write `labels` into the `suffix` file (mp3, m4a, ogg or wav) at `path`."""
    try:
        writer = WRITERS[suffix]
    except KeyError:
        raise TagError(f"cannot tag .{suffix} files; narrate tags {', '.join(WRITERS)}") from None
    try:
        writer(path, labels)
    except (MutagenError, OSError) as error:
        raise TagError(f"tagging the .{suffix} file failed: {error}") from error
