"""Podcasting 2.0 chapters: the narration's chapters as a JSON chapters file
(`<name>.chapters.json`, beside the audio) in the podcast namespace's format, version 1.2.0:
`{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "..."}, ...]}`, times in
seconds. The feed links it with `<podcast:chapters type="application/json+chapters">`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from narrate.atomic import write_text_atomic
from narrate.publish.companions import companions

CHAPTERS_VERSION = "1.2.0"
CHAPTERS_TYPE = "application/json+chapters"


def chapters_document(manifest: dict[str, Any]) -> dict[str, Any] | None:
    """The chapters file's content for a manifest, or None when it has no chapters."""
    chapters = manifest.get("chapters")
    if not isinstance(chapters, list) or not chapters:
        return None
    try:
        entries = [
            {
                "startTime": round(float(c["start"]), 3),
                "title": str(c["title"]),
                **({"endTime": round(float(c["end"]), 3)} if "end" in c else {}),
            }
            for c in chapters
        ]
    except (KeyError, TypeError, ValueError):
        return None
    document: dict[str, Any] = {"version": CHAPTERS_VERSION, "chapters": entries}
    if manifest.get("title"):
        document["title"] = str(manifest["title"])
    if manifest.get("publication"):
        document["podcastName"] = str(manifest["publication"])
    return document


def write_chapters(audio: Path) -> Path | None:
    """Write `<name>.chapters.json` beside `audio` from its manifest; None when there is no
    manifest or it has no chapters. An unchanged file is not rewritten."""
    manifest = companions(audio).data
    document = chapters_document(manifest) if manifest else None
    if document is None:
        return None
    path = audio.with_name(f"{audio.stem}.chapters.json")
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not (path.is_file() and path.read_text(encoding="utf-8") == text):
        write_text_atomic(path, text)
    return path
