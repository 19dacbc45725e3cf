"""narrate_article: one article from source to a tagged audio file, stage by stage."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from slugify import slugify

from narrate import __version__
from narrate.atomic import atomic_path
from narrate.audio.assemble import Rendered, assemble
from narrate.audio.encode import EncodeSettings, encode, output_format
from narrate.audio.ffmpeg import ffmpeg_path
from narrate.audio.loudness import level_chunk
from narrate.disclosure import DEFAULT_DISCLOSURE, IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.documents.article import Article
from narrate.documents.read import ReadOptions, read_article
from narrate.engines.base import Engine
from narrate.engines.executor import Executor, open_executor
from narrate.engines.registry import create_engine
from narrate.errors import VoiceError
from narrate.tags.id3 import write_id3
from narrate.tags.labels import Labels
from narrate.text.language import article_language, primary
from narrate.text.lexicon import Lexicon
from narrate.text.script import Script, Sentence, build_script
from narrate.voices import DEFAULT_VOICE, Voice, get_voice

# Below this many chunks a pool costs more to start than it saves.
MIN_CHUNKS_FOR_POOL = 8


@dataclass(frozen=True)
class NarrationSettings:
    """How to narrate one run: which voice, where to write, how to encode and label."""

    voice: str = DEFAULT_VOICE
    output: Path | None = None
    output_dir: Path = Path("output")
    encode: EncodeSettings = EncodeSettings()
    disclosure: str | None = None
    lexicon: Lexicon = Lexicon()
    language: str | None = None
    jobs: int | None = None
    read: ReadOptions = ReadOptions()
    voice_dirs: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Progress:
    """A progress report: `done` of `total` sentences spoken, audio seconds so far."""

    stage: str
    done: int = 0
    total: int = 0
    audio_seconds: float = 0.0


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class NarrationResult:
    path: Path
    article: Article
    script: Script
    rendered: Rendered = field(repr=False)
    voice: str
    engine: str
    elapsed: float

    @property
    def duration(self) -> float:
        return self.rendered.duration


def _ignore(_: Progress) -> None:
    pass


def narrate_article(
    source: str | Path,
    settings: NarrationSettings | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    executor: Executor | None = None,
) -> NarrationResult:
    """Read `source`, make it speakable, speak it, join, encode and tag it; returns where
    the file was written. Nothing is left at the output path unless every stage succeeds."""
    started = time.perf_counter()
    settings = settings or NarrationSettings()
    report = on_progress or _ignore
    report(Progress("reading"))
    ffmpeg_path()  # fail before any synthesis when there is no ffmpeg
    article = read_article(source, settings.read)
    voice = get_voice(settings.voice, settings.voice_dirs)
    engine = create_engine(voice)
    script = prepare_script(article, voice, engine, settings)
    fmt = output_format(_format_for(settings))
    target = output_path(article, settings, fmt.suffix)
    rendered = speak(script, voice, engine, settings, report, executor)
    report(Progress("encoding", audio_seconds=rendered.duration))
    with atomic_path(target) as temporary:
        encode(
            rendered.samples,
            rendered.sample_rate,
            temporary,
            replace(settings.encode, format=fmt.suffix),
        )
        if fmt.suffix == "mp3":
            write_id3(temporary, labels_for(article, script, rendered, voice, engine))
    report(Progress("done", audio_seconds=rendered.duration))
    return NarrationResult(
        path=target,
        article=article,
        script=script,
        rendered=rendered,
        voice=voice.name,
        engine=engine.name,
        elapsed=time.perf_counter() - started,
    )


def prepare_script(
    article: Article, voice: Voice, engine: Engine, settings: NarrationSettings
) -> Script:
    """The script to speak: checks the voice speaks the article's language, applies the
    voice's and the project's lexicon (the project wins), sizes chunks for the engine."""
    language = primary(settings.language or article_language(article, voice.language))
    if language != primary(voice.language):
        raise VoiceError(
            f"the article is in {language!r} but voice {voice.name!r} speaks "
            f"{voice.language!r}; choose a voice for {language!r} (see `narrate voices`) "
            f"or pass --language {primary(voice.language)} to read it anyway"
        )
    return build_script(
        article,
        max_chars=engine.max_chars,
        language=language,
        disclosure=settings.disclosure or voice.disclosure or DEFAULT_DISCLOSURE,
        lexicon=voice.lexicon.merged(settings.lexicon),
    )


def speak(
    script: Script,
    voice: Voice,
    engine: Engine,
    settings: NarrationSettings,
    report: ProgressCallback,
    executor: Executor | None = None,
) -> Rendered:
    """Synthesize every chunk (in parallel where it pays) and join them with pauses."""
    sentences = list(script.sentences())
    requests = [((s.id, i), text) for s in sentences for i, text in enumerate(s.chunks)]
    chunks_left = {s.id: len(s.chunks) for s in sentences}
    audio: dict[tuple[str, int], np.ndarray] = {}
    own_executor = executor is None
    if executor is None:
        jobs = settings.jobs if len(requests) >= MIN_CHUNKS_FOR_POOL else 1
        executor = open_executor(voice, engine, jobs, finish=level_chunk)
    done = 0
    audio_samples = 0
    report(Progress("speaking", 0, len(sentences)))
    try:
        for key, samples in executor.speak(requests):
            audio[key] = samples
            audio_samples += samples.size
            chunks_left[key[0]] -= 1
            if not chunks_left[key[0]]:
                done += 1
                report(
                    Progress("speaking", done, len(sentences), audio_samples / engine.sample_rate)
                )
    finally:
        if own_executor:
            executor.close()

    def chunk_audio(sentence: Sentence, index: int) -> np.ndarray:
        return audio[(sentence.id, index)]

    report(Progress("joining", done, len(sentences), audio_samples / engine.sample_rate))
    return assemble(script, chunk_audio, engine.sample_rate, voice.pauses)


def labels_for(
    article: Article, script: Script, rendered: Rendered, voice: Voice, engine: Engine
) -> Labels:
    return Labels(
        title=article.title or script.title,
        disclosure=script.disclosure,
        digital_source_type=IPTC_TRAINED_ALGORITHMIC_MEDIA,
        engine=engine.identity(),
        voice=voice.name,
        generator=f"narrate {__version__}",
        author=article.byline,
        publication=article.publication,
        date=article.date,
        language=script.language,
        url=article.url or (article.source if article.source.startswith("http") else None),
        description=article.description,
        chapters=rendered.chapters,
        sample_rate=rendered.sample_rate,
    )


def _format_for(settings: NarrationSettings) -> str:
    if settings.output is not None and settings.output.suffix and not settings.output.is_dir():
        return settings.output.suffix.lstrip(".").lower()
    return settings.encode.format


def output_path(article: Article, settings: NarrationSettings, suffix: str) -> Path:
    """`--output` as given (a folder gets the slug inside), else output_dir/<slug>.<suffix>."""
    slug = article_slug(article)
    if settings.output is not None:
        if settings.output.is_dir() or not settings.output.suffix:
            return settings.output / f"{slug}.{suffix}"
        return settings.output
    return settings.output_dir / f"{slug}.{suffix}"


def article_slug(article: Article) -> str:
    """A file-name slug from the title, else the source's file name."""
    slug = slugify(article.title, max_length=80, word_boundary=True)
    if not slug and article.source and article.source != "-":
        slug = slugify(Path(article.source).stem, max_length=80)
    return slug or "narration"


def script_for(
    source: str | Path, settings: NarrationSettings | None = None
) -> tuple[Article, Script]:
    """The first half of narrate_article: the article and exactly what would be spoken."""
    settings = settings or NarrationSettings()
    article = read_article(source, settings.read)
    voice = get_voice(settings.voice, settings.voice_dirs)
    return article, prepare_script(article, voice, create_engine(voice), settings)
