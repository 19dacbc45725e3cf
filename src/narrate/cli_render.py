"""What the `narrate` commands print, as lines: the CLI parses, calls the library, and echoes
these. Each line says whether it goes to stderr (notes, warnings, failures) or stdout."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from narrate.batching.report import BatchResult
    from narrate.speaking.store import CacheInfo


class Line(NamedTuple):
    text: str
    err: bool = False  # to stderr


def voices_listing(language: str | None, *, as_json: bool) -> list[Line]:
    """`narrate voices`: the profiles (only those that speak `language`, best first), as
    aligned columns or JSON, after a warning line for each profile that did not load."""
    from narrate.voice_choice import voices_for
    from narrate.voices import DEFAULT_VOICE, voice_catalog

    catalog = voice_catalog()
    voices = catalog.voices
    if language:
        voices = {v.name: v for v in voices_for(language, tag=language)}
    lines = [Line(f"narrate: warning: {warning}", err=True) for warning in catalog.warnings]
    if as_json:
        data = [
            {
                "name": v.name,
                "engine": v.engine,
                "language": v.language,
                "description": v.description,
                "default": v.name == DEFAULT_VOICE,
                "path": v.path,
            }
            for v in voices.values()
        ]
        return [*lines, Line(json.dumps(data, indent=2))]
    rows = [("voice", "engine", "language", "description")] + [
        (f"{v.name} (default)" if v.name == DEFAULT_VOICE else v.name, v.engine, v.language,
         v.description)
        for v in voices.values()
    ]  # fmt: skip
    # Plain aligned columns: a rich table of 70 profiles takes longer to lay out than the
    # whole command should.
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for *cells, description in rows:
        aligned = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        lines.append(Line("  ".join([*aligned, description])))
    return lines


def batch_report(result: BatchResult, *, as_json: bool) -> list[Line]:
    """`narrate batch`: the report as JSON, or a line per planned post, per failure and
    per note, then the summary."""
    if as_json:
        return [Line(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))]
    lines = [
        Line(f"{post.path}\t{post.reason}\t{post.id}") for post in result.with_status("planned")
    ]
    for post in result.failed:
        # Readers' messages mostly name the file already.
        said = post.error if post.id in (post.error or "") else f"{post.id}: {post.error}"
        lines.append(Line(f"narrate: failed: {said}", err=True))
    lines.extend(Line(f"narrate: note: {note}", err=True) for note in result.notes)
    feed = f"; feed: {result.feed}" if result.feed else ""
    lines.append(Line(f"{result.summary()} in {result.output_dir}{feed}"))
    return lines


def cache_report(info: CacheInfo, *, as_json: bool) -> list[Line]:
    """`narrate cache info`: the cache's folder, entries and size."""
    if as_json:
        data = {"directory": str(info.directory), "entries": info.entries, "bytes": info.size}
        return [Line(json.dumps(data, indent=2))]
    return [
        Line(f"directory: {info.directory}"),
        Line(f"entries: {info.entries}"),
        Line(f"size: {info.size / 1e6:.1f} MB"),
    ]
