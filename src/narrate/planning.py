"""Everything decided before synthesis: the settings of a run, the article's script, who
speaks it and where it goes. Light to import (no numpy, no audio stage): `narrate script`
needs nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from narrate.audio.formats import EncodeSettings, Format, output_format
from narrate.disclosure import DEFAULT_DISCLOSURE
from narrate.documents.article import Article
from narrate.documents.options import ReadOptions
from narrate.documents.read import read_article
from narrate.engines.base import Engine
from narrate.engines.registry import create_engine
from narrate.limits import DEFAULT_MEGABYTES, DEFAULT_SECONDS, ArticleBudget
from narrate.network_policy import NetworkPolicy, network_scope
from narrate.speaking.settings import SpeakerSettings
from narrate.tags.c2pa import SigningSettings
from narrate.text.language import LanguageDetector
from narrate.text.lexicon import Lexicon
from narrate.text.script import Script, build_script
from narrate.voice_choice import Casting, Warn, cast, check_voice_language
from narrate.voices import DEFAULT_VOICE, Voice


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
    cluster: str | None = None  # a Dask scheduler (tcp://HOST:8786) or local:N for synthesis
    read: ReadOptions = ReadOptions()
    voice_dirs: tuple[Path, ...] = ()
    # The sentence cache: reuse synthesized chunks (exact, since chunks are reproducible).
    cache: bool = True
    cache_dir: Path | None = None  # None: the per-user cache folder (platformdirs)
    srt: bool = False  # SubRip captions too, beside the WebVTT ones
    cover: Path | None = None  # cover art; None: the article's lead image, when it has one
    intro: Path | None = None  # audio played before the title (a jingle)
    outro: Path | None = None  # audio played after the article
    embed_transcript: bool = False  # the script's text in the audio's lyrics/USLT tag
    signing: SigningSettings | None = None  # embed C2PA content credentials when set
    # Links and redirects may reach private addresses (narrate.network_policy).
    allow_private_network: bool = False
    # Reading and planning one article: past either limit it fails alone (narrate.limits).
    article_seconds: float | None = DEFAULT_SECONDS
    article_megabytes: float | None = DEFAULT_MEGABYTES

    def article_budget(self, what: str) -> ArticleBudget:
        """The budget of reading and planning the article `what` (its path or URL)."""
        return ArticleBudget(self.article_seconds, self.article_megabytes, what)

    @property
    def speaking(self) -> SpeakerSettings:
        """Where and how chunks are spoken (narrate.speaking.open_speaker)."""
        return SpeakerSettings(self.jobs, self.cluster, self.cache, self.cache_dir)

    def cast(
        self,
        article: Article,
        detector: LanguageDetector | None = None,
        warn: Warn | None = None,
        note: Warn | None = None,
    ) -> Casting:
        """The article's language, voice and script language, decided once (voice_choice)."""
        return cast(
            article, self.voice, extra=self.voice_dirs, language=self.language,
            detector=detector, warn=warn, note=note,
        )  # fmt: skip


@dataclass(frozen=True)
class NarrationPlan:
    """Everything decided before synthesis: the article, what to say, who says it, where."""

    article: Article
    script: Script
    voice: Voice
    engine: Engine
    target: Path
    format: Format


def plan_article(casting: Casting, engine: Engine, settings: NarrationSettings) -> NarrationPlan:
    """Plan an article already read and cast: its script, output format and path. A batch
    reads and casts its posts itself, and plans each with its speaker's engine."""
    article, voice = casting.article, casting.voice
    script = prepare_script(article, voice, engine, settings, language=casting.language)
    fmt = output_format(_format_for(settings))
    return NarrationPlan(
        article, script, voice, engine, output_path(article, settings, fmt.suffix), fmt
    )


def prepare_script(
    article: Article,
    voice: Voice,
    engine: Engine,
    settings: NarrationSettings,
    warn: Warn | None = None,
    *,
    language: str | None = None,
) -> Script:
    """The script to speak, in `language` as cast (else checked here: the voice must speak
    the article's language; with `warn`, a mismatch is reported and the script written in
    the article's language); applies the voice's and the project's lexicon (the project
    wins), sizes chunks for the engine."""
    if language is None:
        language = check_voice_language(
            article, voice, settings.language, settings.voice_dirs, warn
        )
    return build_script(
        article,
        max_chars=engine.max_chars,
        language=language,
        disclosure=settings.disclosure or voice.disclosure or DEFAULT_DISCLOSURE,
        lexicon=voice.lexicon.merged(settings.lexicon),
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
    source: str | Path, settings: NarrationSettings | None = None, warn: Warn | None = None
) -> tuple[Article, Script]:
    """The first half of narrate_article: the article and exactly what would be spoken.
    With `warn`, an article in a language the voice cannot speak still gets its script."""
    settings = settings or NarrationSettings()
    policy = NetworkPolicy.for_sources([str(source)], settings.allow_private_network)
    with network_scope(policy), settings.article_budget(str(source)):
        casting = settings.cast(read_article(source, settings.read), warn=warn)
        script = prepare_script(
            casting.article, casting.voice, create_engine(casting.voice), settings,
            language=casting.language,
        )  # fmt: skip
    return casting.article, script
