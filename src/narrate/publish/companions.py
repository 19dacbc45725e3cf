"""Find the files a narration has beside its audio: WebVTT captions and the JSON manifest.

The manifest (`<name>.json`) lists the files of its narration by kind; without one, the
captions are looked for under the audio's name with `.vtt`. Any of them may be missing
(an older narration, a file made elsewhere): callers do without.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Companions:
    """The narration's sidecar files that exist, and the manifest's data when readable."""

    captions: Path | None = None
    manifest: Path | None = None
    subtitles: Path | None = None
    data: dict[str, Any] | None = None

    def all(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.captions, self.subtitles, self.manifest) if p is not None)


def companions(audio: Path) -> Companions:
    """The sidecars of `audio` that are on disk."""
    manifest = audio.with_suffix(".json")
    data = read_manifest(manifest)
    files = data.get("files", {}) if data else {}
    if not isinstance(files, dict):
        files = {}

    def sidecar(kind: str, suffix: str) -> Path | None:
        named = files.get(kind)
        path = audio.parent / Path(str(named)).name if named else audio.with_suffix(suffix)
        return path if path.is_file() else None

    return Companions(
        captions=sidecar("vtt", ".vtt"),
        manifest=manifest if manifest.is_file() else None,
        subtitles=sidecar("srt", ".srt"),
        data=data,
    )


def read_manifest(path: Path) -> dict[str, Any] | None:
    """A manifest's data, or None when it is missing or not a manifest."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "manifest_version" in data else None
