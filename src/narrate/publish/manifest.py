"""The narration manifest (`<slug>.json`): what was narrated, how, when, and where each
sentence and chapter sounds, with hashes that tie it to the audio and to the script.

Times are in seconds (3 decimals, from sample counts). `script_sha256` is the SHA-256 of
what `narrate script ARTICLE` prints (UTF-8, final newline included), so an editor can
check that a narration matches the text they approved.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from narrate import __version__
from narrate.audio.assemble import Rendered
from narrate.tags.labels import Labels
from narrate.text.script import Script
from narrate.text.script_export import script_as_text

MANIFEST_VERSION = 1
_HASH_BLOCK_BYTES = 1024 * 1024


def narration_manifest(
    *,
    source: str,
    labels: Labels,
    script: Script,
    rendered: Rendered,
    audio: Path,
    files: dict[str, str],
    created: datetime,
    signed: bool = False,
) -> dict[str, Any]:
    """The manifest as JSON-ready data. `audio` is the finished file to hash (it may still
    be at its temporary path); `files` maps kinds ("audio", "vtt", ...) to final file names."""

    def seconds(sample: int) -> float:
        return round(rendered.seconds(sample), 3)

    disclosure: dict[str, Any] = {
        "text": labels.disclosure,
        "digital_source_type": labels.digital_source_type,
    }
    if labels.disclosure_spoken is not None:
        start, end = labels.disclosure_spoken
        disclosure["spoken"] = {"start": round(start, 3), "end": round(end, 3)}
    return {
        "manifest_version": MANIFEST_VERSION,
        "source": source,
        "title": labels.title,
        "byline": labels.author,
        "publication": labels.publication,
        "date": labels.date,
        "url": labels.url,
        "language": script.language,
        "voice": labels.voice,
        "engine": labels.engine,
        "generator": {"name": "narrate", "version": __version__},
        "duration": round(rendered.duration, 3),
        "sample_rate": rendered.sample_rate,
        "chapters": [
            {"title": c.title, "start": seconds(c.start), "end": seconds(c.end)}
            for c in rendered.chapters
        ],
        "sentences": [
            {"id": t.id, "text": t.text, "start": seconds(t.start), "end": seconds(t.end)}
            for t in rendered.sentences
        ],
        "hashes": {
            "audio_sha256": file_sha256(audio),
            "script_sha256": hashlib.sha256(
                (script_as_text(script) + "\n").encode("utf-8")
            ).hexdigest(),
        },
        "disclosure": disclosure,
        "c2pa_signed": signed,
        "created": created.isoformat(timespec="seconds"),
        "files": files,
    }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(_HASH_BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()
