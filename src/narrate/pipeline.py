"""narrate_article: one article from source to a tagged audio file, stage by stage."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from narrate.atomic import check_writable
from narrate.audio.assemble import Joiner, assemble
from narrate.disclosure import IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.documents.article import Article
from narrate.documents.read import read_article
from narrate.engines.base import Engine, Speech
from narrate.ffmpeg import ffmpeg_path
from narrate.network_policy import NetworkPolicy, network_scope
from narrate.outputs import OutputExtras, OutputFiles, Streamed, prepare_extras, write_outputs
from narrate.planning import NarrationPlan, NarrationSettings, plan_article
from narrate.speaking.chunks import ChunkFailure, Executor
from narrate.speaking.pool import leave_if_starting_worker
from narrate.speaking.speaker import Speaker, open_speaker
from narrate.speaking.store import default_cache_dir
from narrate.tags.cover import Cover
from narrate.tags.labels import Labels
from narrate.text.language import LanguageDetector
from narrate.text.script import Script
from narrate.text.script_export import script_as_text
from narrate.timing import Rendered
from narrate.version import __version__
from narrate.voice_choice import AUTO, Casting
from narrate.voices import Voice, get_voice

# An article this long is sure to need more chunks than a pool costs to start (unless they
# are cached): its workers start while it is planned.
MIN_WORDS_FOR_POOL = 120
# How much of an article's opening is planned to tell a first narration from a repeat.
OPENING_BLOCKS = 3


@dataclass(frozen=True)
class Progress:
    """A progress report: `done` of `total` sentences spoken, audio seconds so far.

    Stages come in order: reading, speaking, joining, leveling, encoding, tagging, signing
    (when signing), publishing, done. A receiver that notes the time of each report has the
    time of each stage: that is how bench/post_synthesis.py measures them. Stage "warning"
    carries a `message` about something that was skipped (a lead image that failed).
    """

    stage: str
    done: int = 0
    total: int = 0
    audio_seconds: float = 0.0
    message: str = ""


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
    synthesized: int = 0  # chunks spoken by the engine in this run
    cached: int = 0  # chunks read back from the sentence cache
    files: OutputFiles | None = None  # the audio and the captions and manifest beside it

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
    speaker: Speaker | None = None,
) -> NarrationResult:
    """Read `source`, make it speakable, speak it, join, level, encode, tag and sign it,
    with its captions and manifest beside it; returns where they were written. Nothing is
    left at the output paths unless every stage succeeds. `executor` speaks the chunks
    instead of the settings' own; `speaker` (open_speaker's, kept open by the caller: a
    service) speaks them with its loaded engine when the article is cast to its voice."""
    leave_if_starting_worker()  # a script without the __main__ guard, imported by a worker
    started = time.perf_counter()
    settings = settings or NarrationSettings()
    report = on_progress or _ignore
    report(Progress("reading"))
    ffmpeg_path()  # fail before any synthesis when there is no ffmpeg
    policy = NetworkPolicy.for_sources([str(source)], settings.allow_private_network)
    with network_scope(policy), settings.article_budget(str(source)):
        early = None if speaker or executor else early_speaker(settings)
        try:
            # A detector of its own: its model is let go before the speaking starts.
            casting = settings.cast(
                read_article(source, settings.read), LanguageDetector(),
                note=lambda message: report(Progress("warning", message=message)),
            )  # fmt: skip
        except BaseException:
            if early is not None:
                early.close()
            raise
        speaker, own = _speaker_for(casting, settings, early, speaker, executor)
        try:
            plan = plan_article(casting, speaker.engine, settings)
            # The model loads (a pool's workers start) while the outputs are prepared.
            get_ready(speaker, plan)
            extras = prepare_outputs(plan, settings, report)
            check_writable(plan.target)  # a folder that takes no file fails before synthesis
        except BaseException:
            if own:
                speaker.close()
            raise
    try:
        rendered = write_narration(plan, spoken(plan, speaker, report), settings, extras, report)
    finally:
        if own:
            speaker.close()
    report(Progress("done", audio_seconds=rendered.duration))
    return NarrationResult(
        path=plan.target,
        article=plan.article,
        script=plan.script,
        rendered=rendered,
        voice=plan.voice.name,
        engine=plan.engine.name,
        elapsed=time.perf_counter() - started,
        synthesized=speaker.stats.synthesized,
        cached=speaker.stats.hits,
        files=output_files(plan, settings),
    )


def render(plan: NarrationPlan, chunks: Iterable[Speech]) -> Rendered:
    """Join the plan's chunks, given as each one's speech in script order."""
    return assemble(plan.script, chunks, plan.engine.sample_rate, plan.voice.pauses)


def early_speaker(settings: NarrationSettings) -> Speaker | None:
    """The speaker of the settings' one voice, its model loading now, while the article is
    read and planned: only where nothing of it can be cached, on a first run (an empty
    sentence cache, a new machine, container or CI job) or with the cache off. Elsewhere
    the opening's chunks decide first (get_ready): a repeat loads no model at all."""
    if settings.voice == AUTO:  # the voice depends on the article's language
        return None
    if settings.cache and any((settings.cache_dir or default_cache_dir()).glob("??")):
        return None
    speaker = open_speaker(get_voice(settings.voice, settings.voice_dirs), settings.speaking)
    speaker.warm_up()
    return speaker


def _speaker_for(
    casting: Casting,
    settings: NarrationSettings,
    early: Speaker | None,
    shared: Speaker | None,
    executor: Executor | None,
) -> tuple[Speaker, bool]:
    """The speaker of the cast voice, and whether this narration closes it: the one opened
    early, or one lent by `shared`, or a new one (speaking through `executor` if given)."""
    if early is not None:
        if early.voice == casting.voice:
            return early, True
        early.close()
    lent = shared.shared_by(casting.voice) if shared is not None else None
    if lent is not None:
        return lent, False
    return open_speaker(casting.voice, settings.speaking, executor=executor), executor is None


def get_ready(speaker: Speaker, plan: NarrationPlan) -> None:
    """Let the speaker start loading its model now, unless the article's opening is all in
    the sentence cache (a repeat, edited or not, is mostly served by it: loading would be
    for nothing)."""
    opening = plan.script.blocks[: OPENING_BLOCKS + 1]  # the title and disclosure, then text
    texts = [text for block in opening for sentence in block.sentences for text in sentence.chunks]
    words = sum(len(block.text.split()) for block in plan.article.blocks)
    speaker.get_ready(texts, long=words >= MIN_WORDS_FOR_POOL)


def prepare_outputs(
    plan: NarrationPlan, settings: NarrationSettings, report: ProgressCallback = _ignore
) -> OutputExtras:
    """Cover art, signing key and jingles, loaded before synthesis so a bad file fails at
    once."""
    return prepare_extras(
        plan.article,
        suffix=plan.format.suffix,
        cover=settings.cover,
        signing=settings.signing,
        intro=settings.intro,
        outro=settings.outro,
        sample_rate=plan.engine.sample_rate,
        warn=lambda message: report(Progress("warning", message=message)),
    )


def write_narration(
    plan: NarrationPlan,
    chunks: Iterable[Speech],
    settings: NarrationSettings,
    extras: OutputExtras | None = None,
    report: ProgressCallback = _ignore,
) -> Rendered:
    """Join, level, encode, tag and sign the plan's chunks (their speech in script order)
    at plan.target as they come, with its captions and manifest beside it
    (narrate.outputs); nothing is there unless every step succeeds. Returns the timeline."""
    if extras is None:
        extras = prepare_outputs(plan, settings, report)
    joiner = Joiner(
        plan.script, plan.engine.sample_rate, plan.voice.pauses,
        intro=extras.jingles.intro, outro=extras.jingles.outro,
    )  # fmt: skip

    def labels(rendered: Rendered) -> Labels:
        return labels_for(
            plan.article, plan.script, rendered, plan.voice, plan.engine,
            cover=extras.cover, transcript=settings.embed_transcript,
        )  # fmt: skip

    def on_stage(stage: str) -> None:
        report(Progress(stage, audio_seconds=joiner.cursor / joiner.sample_rate))

    return write_outputs(
        Streamed(joiner.blocks(chunks), joiner.rendered, joiner.sample_rate),
        plan.script,
        labels,
        output_files(plan, settings),
        source=plan.article.source,
        encoding=replace(settings.encode, format=plan.format.suffix),
        signing=extras.signing,
        on_stage=on_stage,
    )


def output_files(plan: NarrationPlan, settings: NarrationSettings) -> OutputFiles:
    return OutputFiles.beside(plan.target, srt=settings.srt)


def chunk_requests(script: Script) -> Iterator[tuple[tuple[str, int], str]]:
    """Every chunk of `script` to speak, in order: ((sentence id, chunk index), text)."""
    for sentence in script.sentences():
        for index, text in enumerate(sentence.chunks):
            yield (sentence.id, index), text


def spoken(plan: NarrationPlan, speaker: Speaker, report: ProgressCallback) -> Iterator[Speech]:
    """Every chunk's speech in script order, from `speaker`; the first chunk that failed
    is raised."""
    sentences = list(plan.script.sentences())
    chunks_left = {s.id: len(s.chunks) for s in sentences}
    rate = plan.engine.sample_rate
    done = audio_samples = 0
    report(Progress("speaking", 0, len(sentences)))
    for (sentence_id, _index), outcome in speaker.speak(chunk_requests(plan.script)):
        if isinstance(outcome, ChunkFailure):
            raise outcome.error
        audio_samples += outcome.samples.size
        chunks_left[sentence_id] -= 1
        if not chunks_left[sentence_id]:
            done += 1
            report(Progress("speaking", done, len(sentences), audio_samples / rate))
        yield outcome
    report(Progress("joining", done, len(sentences), audio_samples / rate))


def labels_for(
    article: Article,
    script: Script,
    rendered: Rendered,
    voice: Voice,
    engine: Engine,
    *,
    cover: Cover | None = None,
    transcript: bool = False,
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
        cover=cover.data if cover else None,
        cover_mime=cover.mime if cover else "image/jpeg",
        transcript=script_as_text(script) if transcript else None,
        disclosure_spoken=disclosure_spoken(script, rendered),
    )


def disclosure_spoken(script: Script, rendered: Rendered) -> tuple[float, float] | None:
    """Where the disclosure sentence sounds, (start, end) in seconds."""
    intro = script.blocks[0].sentences if script.blocks else ()
    ids = {s.id for s in intro if s.text == script.disclosure}
    for timing in rendered.sentences:
        if timing.id in ids:
            return rendered.seconds(timing.start), rendered.seconds(timing.end)
    return None
