"""The narration manifest (`<slug>.json`): what was narrated, how, when, and where each
sentence and chapter sounds, with hashes that tie it to the audio and to the script.

Times are in seconds (3 decimals, from sample counts). Each sentence keeps its written
`text` (what the page says, for captions and for finding it in the page) and what was
`spoken` for it, its place in the article, and its `words` when the engine timed them.
`script_sha256` is the SHA-256 of what `narrate script ARTICLE` prints (UTF-8, final
newline included), so an editor can check that a narration matches the text they approved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from narrate.publish.captions import word_captions_path
from narrate.publish.words import NarrationWords
from narrate.tags.labels import Labels
from narrate.text.script import Script, ScriptBlock, Sentence
from narrate.text.script_export import script_as_text
from narrate.timing import Rendered, Timing
from narrate.version import __version__

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
    words: NarrationWords | None = None,
) -> dict[str, Any]:
    """The manifest as JSON-ready data. `audio` is the finished file to hash (it may still
    be at its temporary path); `files` maps kinds ("audio", "vtt", ...) to final file names."""

    def seconds(sample: int) -> float:
        return round(rendered.seconds(sample), 3)

    words = words or NarrationWords(script.language)
    places = {
        sentence.id: (index, block, sentence)
        for index, block in enumerate(script.blocks)
        for sentence in block.sentences
    }
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
        "sentences": [_sentence(t, places.get(t.id), words, seconds) for t in rendered.sentences],
        "hashes": {
            "audio_sha256": file_sha256(audio),
            "script_sha256": hashlib.sha256(
                (script_as_text(script) + "\n").encode("utf-8")
            ).hexdigest(),
        },
        "disclosure": disclosure,
        "c2pa_signed": signed,
        "created": created.isoformat(timespec="seconds"),
        "files": _with_word_captions(files, rendered),
    }


def _sentence(
    timing: Timing,
    place: tuple[int, ScriptBlock, Sentence] | None,
    words_of: NarrationWords,
    seconds: Callable[[int], float],
) -> dict[str, Any]:
    """One sentence: its id and written text, when it sounds, what was said for it, where it
    stands in the article (block number, kind, heading level) and, when the engine gave
    them, its written words with their times and where each starts in `text`."""
    entry: dict[str, Any] = {
        "id": timing.id,
        "text": timing.text,
        "start": seconds(timing.start),
        "end": seconds(timing.end),
    }
    if place is not None:
        index, block, sentence = place
        entry["spoken"] = sentence.spoken
        entry["block"] = index
        entry["kind"] = str(block.part)
        if block.level:
            entry["level"] = block.level
    words = words_of(timing)
    if words:
        entry["words"] = [
            {"text": w.text, "offset": w.offset, "start": seconds(w.start), "end": seconds(w.end)}
            for w in words
        ]
    return entry


def _with_word_captions(files: dict[str, str], rendered: Rendered) -> dict[str, str]:
    """`files` with the word-level captions (written beside the captions) when words are
    timed."""
    if "vtt" not in files or not any(t.words for t in rendered.sentences):
        return files
    return {**files, "words_vtt": word_captions_path(Path(files["vtt"])).name}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(_HASH_BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()
