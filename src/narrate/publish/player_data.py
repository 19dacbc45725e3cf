"""What the player shows, gathered from a narration's files: the manifest when there is one,
else the audio's tags and its captions; the cover art embedded in the audio is written beside
it (`<name>.cover.jpg`) so the page and the lock screen can show it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

from narrate.atomic import write_bytes_atomic
from narrate.audio.formats import audio_media_type
from narrate.disclosure import DEFAULT_DISCLOSURE
from narrate.errors import UsageError
from narrate.publish.companions import companions

# A silence longer than this between sentences is a paragraph break in the transcript: the
# default profile pauses 0.35 s between sentences and 0.75 s between paragraphs.
PARAGRAPH_GAP_SECONDS = 0.5
_IMAGE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


@dataclass(frozen=True)
class PlayerSentence:
    """One spoken sentence: its cue id and written text, when it sounds (seconds), where it
    stands in the article (from the manifest; -1 when unknown) and its timed written words
    (text, start, end)."""

    id: str
    text: str
    start: float
    end: float
    kind: str = "paragraph"  # "intro", "heading" or "paragraph"
    block: int = -1
    level: int = 0
    words: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class PlayerData:
    """What the player shows; URLs are as the page will use them (relative or absolute)."""

    title: str
    audio_url: str
    mime: str
    duration: float
    disclosure: str = DEFAULT_DISCLOSURE
    language: str = "en"
    captions_url: str | None = None
    sentences: tuple[PlayerSentence, ...] = ()
    chapters: tuple[tuple[str, float], ...] = ()  # (title, start in seconds)
    byline: str | None = None
    publication: str | None = None
    article_url: str | None = None  # the article the narration reads
    created: str | None = None  # ISO 8601 time the narration was made
    artwork_url: str | None = None  # the cover art, for the page and the lock screen

    @property
    def transcript(self) -> tuple[tuple[PlayerSentence, ...], ...]:
        """The sentences in paragraphs: by the article's blocks when the manifest gives
        them, else by the pauses between sentences."""
        return paragraphs(self.sentences)


@dataclass(frozen=True)
class _AudioTags:
    title: str | None = None
    disclosure: str | None = None
    language: str | None = None
    duration: float = 0.0
    cover: tuple[bytes, str] | None = None  # (image bytes, MIME type)


def player_data(audio: Path, *, base_url: str | None = None, page_dir: Path) -> PlayerData:
    """Gather the player's data for `audio`; file URLs are `base_url` + the file name, or
    paths relative to `page_dir`, the folder of the page that will hold the player."""
    found = companions(audio)
    manifest = found.data or {}
    tags = _audio_tags(audio)
    disclosure = manifest.get("disclosure")
    sentences = _manifest_sentences(manifest) or (
        _caption_sentences(found.captions) if found.captions else ()
    )

    def url(path: Path) -> str:
        return file_url(path, base_url, page_dir)

    return PlayerData(
        title=str(manifest.get("title") or tags.title or audio.stem),
        audio_url=url(audio),
        mime=audio_media_type(audio.name) or "application/octet-stream",
        duration=float(manifest.get("duration") or tags.duration),
        disclosure=str(
            (disclosure.get("text") if isinstance(disclosure, dict) else None)
            or tags.disclosure
            or DEFAULT_DISCLOSURE
        ),
        language=str(manifest.get("language") or tags.language or "en"),
        captions_url=url(found.captions) if found.captions else None,
        sentences=sentences,
        chapters=_manifest_chapters(manifest),
        byline=_text(manifest.get("byline")),
        publication=_text(manifest.get("publication")),
        article_url=_text(manifest.get("url")),
        created=_text(manifest.get("created")),
        artwork_url=url(cover) if (cover := _write_cover(audio, tags.cover)) else None,
    )


def file_url(path: Path, base_url: str | None, page_dir: Path) -> str:
    """`base_url` + the file's name, or its path relative to `page_dir`, URL-quoted."""
    if base_url:
        return urljoin(base_url if base_url.endswith("/") else base_url + "/", quote(path.name))
    relative = os.path.relpath(path.resolve(), page_dir.resolve())
    return "/".join(quote(part) for part in Path(relative).parts)


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _write_cover(audio: Path, cover: tuple[bytes, str] | None) -> Path | None:
    """The cover art embedded in `audio`, written beside it (unchanged bytes are not
    rewritten), or None when the audio has none."""
    if cover is None:
        return None
    data, mime = cover
    path = audio.with_name(f"{audio.stem}.cover{_IMAGE_SUFFIXES.get(mime, '.jpg')}")
    if not (path.is_file() and path.read_bytes() == data):
        write_bytes_atomic(path, data)
    return path


def _manifest_sentences(manifest: dict) -> tuple[PlayerSentence, ...]:
    sentences = manifest.get("sentences")
    if not isinstance(sentences, list):
        return ()
    try:
        return tuple(
            PlayerSentence(
                id=str(s["id"]),
                text=str(s["text"]),
                start=float(s["start"]),
                end=float(s["end"]),
                kind=str(s.get("kind", "paragraph")),
                block=int(s.get("block", -1)),
                level=int(s.get("level", 0)),
                words=tuple(
                    (str(w["text"]), float(w["start"]), float(w["end"])) for w in s.get("words", ())
                ),
            )
            for s in sentences
        )
    except (KeyError, TypeError, ValueError):
        return ()


def _manifest_chapters(manifest: dict) -> tuple[tuple[str, float], ...]:
    chapters = manifest.get("chapters")
    if not isinstance(chapters, list):
        return ()
    try:
        return tuple((str(c["title"]), float(c["start"])) for c in chapters)
    except (KeyError, TypeError, ValueError):
        return ()


def _caption_sentences(path: Path) -> tuple[PlayerSentence, ...]:
    import webvtt

    try:
        cues = webvtt.read(str(path))
    except Exception:  # webvtt-py raises its own and OSError: captions are optional
        return ()
    return tuple(
        PlayerSentence(
            cue.identifier or f"s{index:04d}", cue.text, cue.start_in_seconds, cue.end_in_seconds
        )
        for index, cue in enumerate(cues, start=1)
    )


def paragraphs(
    sentences: tuple[PlayerSentence, ...],
) -> tuple[tuple[PlayerSentence, ...], ...]:
    """Sentences grouped into paragraphs: by block when known; else by the pauses between
    them, a line without final punctuation (a title, a heading) standing alone."""
    paragraphs: list[list[PlayerSentence]] = []
    previous: PlayerSentence | None = None
    for sentence in sentences:
        if previous is None:
            new = True
        elif sentence.block >= 0 and previous.block >= 0:
            new = sentence.block != previous.block
        else:
            new = sentence.start - previous.end > PARAGRAPH_GAP_SECONDS or not previous.text.rstrip(
                "\"'”’)]"
            ).endswith((".", "!", "?", "…"))
        if new:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        previous = sentence
    return tuple(tuple(p) for p in paragraphs)


def _audio_tags(audio: Path) -> _AudioTags:
    """Title, disclosure, language and duration from the audio file's own tags."""
    import mutagen

    try:
        media = mutagen.File(audio)
    except mutagen.MutagenError as error:
        raise UsageError(f"{audio}: cannot read it as audio ({error})") from None
    if media is None:
        raise UsageError(f"{audio}: not an audio file narrate can read")
    tags = media.tags or {}
    duration = float(getattr(media.info, "length", 0.0))

    def id3(frame: str) -> str | None:
        value = tags.get(frame) if hasattr(tags, "getall") else None
        return str(value.text[0]) if value is not None and value.text else None

    title = id3("TIT2")
    if title is None:
        for key in ("title", "\xa9nam", "TITLE"):
            values = tags.get(key) if hasattr(tags, "get") else None
            if values:
                title = str(values[0] if isinstance(values, list) else values)
                break
    pictures = tags.getall("APIC") if hasattr(tags, "getall") else []
    cover = (pictures[0].data, pictures[0].mime or "image/jpeg") if pictures else None
    return _AudioTags(title, id3("TXXX:AI_DISCLOSURE"), None, duration, cover)
