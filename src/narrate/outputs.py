"""The files of one narration, written as one set: the audio (leveled, encoded, tagged, and
signed last) with its captions and manifest beside it.

Every file is built under a hidden `.part` name beside its target. Only when all of them are
complete are they renamed into place, the sidecars first and the audio last, so a reader
(a feed builder, a sync job) that waits for the audio finds its captions already there; a
failure at any step removes every temporary and leaves the targets as they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from narrate.atomic import atomic_paths
from narrate.audio.formats import EncodeSettings
from narrate.audio.jingles import Jingles, load_jingles
from narrate.audio.stream import encode_leveled
from narrate.documents.article import Article
from narrate.errors import UsageError
from narrate.publish.captions import (
    captions_srt,
    captions_vtt,
    word_captions_path,
    word_captions_vtt,
)
from narrate.publish.manifest import narration_manifest
from narrate.publish.words import NarrationWords
from narrate.tags.c2pa import SIGNABLE, SigningKey, SigningSettings, load_signing_key, sign_file
from narrate.tags.cover import Cover, CoverError, cover_from_file, lead_image
from narrate.tags.labels import Labels
from narrate.tags.write import write_tags
from narrate.text.script import Script
from narrate.timing import Rendered

#: Called with each stage's name as it starts: "leveling", "encoding", "tagging", "signing",
#: "publishing". The pipeline turns these into Progress reports.
StageCallback = Callable[[str], None]


@dataclass(frozen=True)
class OutputFiles:
    """Where a narration's files go: the audio, and beside it the same name with other
    suffixes for the WebVTT captions, the JSON manifest, (on request) SubRip captions, and
    the word-level WebVTT (`.words.vtt`, written when the engine timed the words)."""

    audio: Path
    captions: Path
    manifest: Path
    subtitles: Path | None = None
    words: Path | None = None

    @classmethod
    def beside(cls, audio: Path, *, srt: bool = False) -> OutputFiles:
        return cls(
            audio=audio,
            captions=audio.with_suffix(".vtt"),
            manifest=audio.with_suffix(".json"),
            subtitles=audio.with_suffix(".srt") if srt else None,
            words=word_captions_path(audio.with_suffix(".vtt")),
        )

    def in_rename_order(self) -> list[Path]:
        """Sidecars first, the audio last."""
        sidecars = [self.captions, self.subtitles, self.words, self.manifest]
        return [path for path in sidecars if path is not None] + [self.audio]


@dataclass(frozen=True)
class OutputExtras:
    """What the output needs beyond the audio, loaded before synthesis so that a bad cover
    file, signing key or jingle fails at once: the cover art, the C2PA signing key, and the
    intro and outro audio."""

    cover: Cover | None = None
    signing: SigningKey | None = None
    jingles: Jingles = Jingles()


def prepare_extras(
    article: Article,
    *,
    suffix: str,
    cover: Path | None = None,
    signing: SigningSettings | None = None,
    intro: Path | None = None,
    outro: Path | None = None,
    sample_rate: int = 0,
    warn: Callable[[str], None],
) -> OutputExtras:
    """Load the cover (the given file, else the article's lead image), the signing key, and
    the intro and outro audio at `sample_rate`.

    A bad cover file or key is an error; a lead image that cannot be had is only a warning,
    since the article did not promise one that works.
    """
    key = None
    if signing is not None:
        if suffix not in SIGNABLE:
            raise UsageError(
                f"C2PA credentials cannot be embedded in .{suffix} files; "
                f"choose {', '.join(SIGNABLE)}, or narrate without a signing key"
            )
        key = load_signing_key(signing)
    art = None
    if cover is not None:
        art = cover_from_file(cover)
    elif article.image:
        try:
            art = lead_image(article.image, article.source)
        except CoverError as error:
            warn(f"no cover art: {error}")
    jingles = load_jingles(intro, outro, sample_rate) if intro or outro else Jingles()
    return OutputExtras(cover=art, signing=key, jingles=jingles)


@dataclass(frozen=True)
class Streamed:
    """A narration as it is joined (audio.assemble.Joiner): its blocks of mono int16
    samples in order, and its timeline, complete once every block has been taken."""

    blocks: Iterable[np.ndarray]
    timeline: Callable[[], Rendered]
    sample_rate: int


def write_outputs(
    narration: Rendered | Streamed,
    script: Script,
    labels: Labels | Callable[[Rendered], Labels],
    files: OutputFiles,
    *,
    source: str,
    encoding: EncodeSettings,
    signing: SigningKey | None = None,
    on_stage: StageCallback,
) -> Rendered:
    """Write the audio of `narration` in `encoding.format` with `labels` (or labels made
    from its timeline), signed when a key is given, and its captions and manifest, all to
    `files` at once; returns the timeline. A streamed narration is leveled and encoded as
    it comes (audio.stream): memory stays flat in its length."""
    if isinstance(narration, Rendered):
        held = narration
        narration = Streamed(
            [held.samples] if held.samples is not None else [], lambda: held, held.sample_rate
        )
    rate = narration.sample_rate
    with atomic_paths(files.in_rename_order()) as temporaries:
        temporary = dict(zip(files.in_rename_order(), temporaries, strict=True))
        audio = temporary[files.audio]
        written = NarrationWords(script.language)  # for the word captions and the manifest
        timed: list[Rendered] = []

        def write_captions() -> None:
            """The captions, written from the timeline while the encoder finishes."""
            rendered = narration.timeline()
            timed.append(rendered)
            temporary[files.captions].write_text(captions_vtt(rendered), encoding="utf-8")
            if files.words is not None:
                words = word_captions_vtt(rendered, script.language, written)
                if words is None:  # an engine without word timings: no word captions
                    temporary[files.words].unlink()
                else:
                    temporary[files.words].write_text(words, encoding="utf-8")
            if files.subtitles is not None:
                temporary[files.subtitles].write_text(captions_srt(rendered), encoding="utf-8")

        encode_leveled(
            narration.blocks, rate, audio, encoding, audio.parent, on_stage, write_captions
        )
        rendered = timed[0]
        if callable(labels):
            labels = labels(rendered)
        on_stage("tagging")
        write_tags(audio, encoding.format, labels)
        if signing is not None:
            on_stage("signing")
            sign_file(audio, encoding.format, signing, labels, title=files.audio.name)
        on_stage("publishing")
        names = {"audio": files.audio.name, "vtt": files.captions.name}
        if files.subtitles is not None:
            names["srt"] = files.subtitles.name
        manifest = narration_manifest(
            source=source,
            labels=labels,
            script=script,
            rendered=rendered,
            audio=audio,
            files=names,
            created=datetime.now(UTC),
            signed=signing is not None,
            words=written,
        )
        temporary[files.manifest].write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return rendered


def looks_whole(path: Path) -> bool:
    """Whether an audio file narrate wrote is still there and begins as its format does (an
    empty or overwritten file, as a power cut before the data reached the disk can leave,
    does not). Reads a few bytes only: cheap enough for every unchanged post of a batch."""
    try:
        with open(path, "rb") as audio:
            head = audio.read(12)
    except OSError:
        return False
    suffix = path.suffix.lower()
    if suffix == ".mp3":
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0)
    if suffix == ".m4a":
        return head[4:8] == b"ftyp"
    if suffix == ".ogg":
        return head.startswith(b"OggS")
    if suffix == ".wav":
        return head.startswith(b"RIFF") and head[8:12] == b"WAVE"
    return len(head) > 0
