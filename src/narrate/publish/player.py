"""The audio player: an embeddable HTML snippet for one narration, a listening page around
it, or an article page with the snippet put in after its headline.

The snippet is a native `<audio controls preload="metadata">` with the WebVTT captions as
its default track, the title and duration, the disclosure in plain sight and the transcript
in a `<details>` toggle: keyboard accessible as the browser makes them, no scripts, no
external fonts or styles. Every text goes in through `html.escape`; the templates live in
`publish/templates/`. What the snippet says comes from the narration's manifest when there
is one, else from the audio's tags and its captions.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import quote, urljoin

from narrate.disclosure import DEFAULT_DISCLOSURE
from narrate.errors import UsageError
from narrate.publish.companions import companions

PLAYER_ID = "narrate-player"
MIME_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav"}
# A silence longer than this between sentences is a paragraph break in the transcript: the
# default profile pauses 0.35 s between sentences and 0.75 s between paragraphs.
PARAGRAPH_GAP_SECONDS = 0.5


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
    transcript: tuple[tuple[str, ...], ...] = ()  # paragraphs of sentences


@dataclass(frozen=True)
class _AudioTags:
    title: str | None = None
    disclosure: str | None = None
    language: str | None = None
    duration: float = 0.0


def player_data(audio: Path, *, base_url: str | None = None, page_dir: Path) -> PlayerData:
    """Gather the player's data for `audio`; file URLs are `base_url` + the file name, or
    paths relative to `page_dir`, the folder of the page that will hold the player."""
    found = companions(audio)
    manifest = found.data or {}
    tags = _audio_tags(audio)
    disclosure = manifest.get("disclosure")
    sentences = _manifest_sentences(manifest) or (
        _caption_sentences(found.captions) if found.captions else []
    )

    def url(path: Path) -> str:
        if base_url:
            return urljoin(base_url if base_url.endswith("/") else base_url + "/", quote(path.name))
        relative = os.path.relpath(path.resolve(), page_dir.resolve())
        return "/".join(quote(part) for part in Path(relative).parts)

    return PlayerData(
        title=str(manifest.get("title") or tags.title or audio.stem),
        audio_url=url(audio),
        mime=MIME_TYPES.get(audio.suffix.lower(), "application/octet-stream"),
        duration=float(manifest.get("duration") or tags.duration),
        disclosure=str(
            (disclosure.get("text") if isinstance(disclosure, dict) else None)
            or tags.disclosure
            or DEFAULT_DISCLOSURE
        ),
        language=str(manifest.get("language") or tags.language or "en"),
        captions_url=url(found.captions) if found.captions else None,
        transcript=_paragraphs(sentences),
    )


def player_html(data: PlayerData) -> str:
    """The embeddable snippet: one `<figure id="narrate-player">`."""
    escape = html.escape
    track = ""
    if data.captions_url:
        track = (
            f'    <track kind="captions" default src="{escape(data.captions_url)}" '
            f'srclang="{escape(data.language)}" label="Captions">'
        )
    transcript = ""
    if data.transcript:
        paragraphs = "\n".join(
            f"    <p>{escape(' '.join(sentences))}</p>" for sentences in data.transcript
        )
        transcript = (
            '  <details class="narrate-player-transcript">\n'
            "    <summary>Transcript</summary>\n"
            f"{paragraphs}\n"
            "  </details>"
        )
    return _template("player.html").substitute(
        title=escape(data.title),
        language=escape(data.language),
        audio_url=escape(data.audio_url),
        mime=escape(data.mime),
        duration_iso=_iso_duration(data.duration),
        duration_text=_clock(data.duration),
        disclosure=escape(data.disclosure),
        captions_track=track,
        transcript=transcript,
    )


def page_html(data: PlayerData) -> str:
    """A standalone listening page: the title as its heading, then the player."""
    return _template("page.html").substitute(
        title=html.escape(data.title),
        language=html.escape(data.language),
        player=player_html(data),
    )


def inject_player(page: str, snippet: str, selector: str | None = None) -> str:
    """`page` with `snippet` after the element `selector` picks (default: the first `h1`,
    else at the top of the article or body). A player already there is replaced, so
    injecting twice leaves one."""
    from bs4 import BeautifulSoup
    from soupsieve import SelectorSyntaxError

    soup = BeautifulSoup(page, "html.parser")
    player = BeautifulSoup(snippet, "html.parser")
    existing = soup.find(id=PLAYER_ID)
    if existing is not None:
        existing.replace_with(player)
        return soup.decode(formatter="html5")
    try:
        anchor = soup.select_one(selector) if selector else soup.find("h1")
    except SelectorSyntaxError as error:
        raise UsageError(f"--selector {selector!r} is not a CSS selector: {error}") from None
    if anchor is not None:
        anchor.insert_after(player)
    elif selector:
        raise UsageError(f"--selector {selector!r} matches nothing in the page")
    else:
        container = soup.find("article") or soup.find("main") or soup.body or soup
        container.insert(0, player)
    return soup.decode(formatter="html5")


def _template(name: str) -> Template:
    text = resources.files("narrate.publish").joinpath("templates", name).read_text("utf-8")
    return Template(text)


def _manifest_sentences(manifest: dict) -> list[tuple[str, float, float]]:
    sentences = manifest.get("sentences")
    if not isinstance(sentences, list):
        return []
    try:
        return [(str(s["text"]), float(s["start"]), float(s["end"])) for s in sentences]
    except (KeyError, TypeError, ValueError):
        return []


def _caption_sentences(path: Path) -> list[tuple[str, float, float]]:
    import webvtt

    try:
        cues = webvtt.read(str(path))
    except Exception:  # webvtt-py raises its own and OSError: captions are optional
        return []
    return [(cue.text, cue.start_in_seconds, cue.end_in_seconds) for cue in cues]


def _paragraphs(sentences: list[tuple[str, float, float]]) -> tuple[tuple[str, ...], ...]:
    """Sentences grouped into paragraphs by the pauses between them; a line without final
    punctuation (a title, a heading) stands alone."""
    paragraphs: list[list[str]] = []
    previous: tuple[str, float] | None = None
    for text, start, end in sentences:
        if (
            previous is None
            or start - previous[1] > PARAGRAPH_GAP_SECONDS
            or not previous[0].rstrip("\"'”’)]").endswith((".", "!", "?", "…"))
        ):
            paragraphs.append([])
        paragraphs[-1].append(text)
        previous = (text, end)
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
    return _AudioTags(title, id3("TXXX:AI_DISCLOSURE"), None, duration)


def _clock(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _iso_duration(seconds: float) -> str:
    total = round(seconds)
    return f"PT{total // 60}M{total % 60}S"
