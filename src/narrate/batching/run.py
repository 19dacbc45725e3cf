"""`narrate batch`: narrate every new or changed post of folders, feeds and sitemaps.

A run lists the sources (cheap), then reads each post and hashes what would be narrated
from it; a post recorded done with the same hash and settings, whose file is still there, is
left alone. The chunks of every post to narrate are fed, lazily and in order, into one
speaker (narrate.speaking) that a single article uses too: the sentence cache in front of
the local pool of worker processes by default, or a cluster (`--cluster`, or any executor
through `executor_factory`). Chunks come back in order; each post's chunks flow into the same
pipeline functions as a single article, and the post is recorded done once written. A post
that fails (a chunk whose worker died included) is recorded with its error and the others go
on. Killed at any moment, the next run redoes exactly the posts not recorded done.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from narrate.atomic import remove_stale_parts
from narrate.batching.changes import (
    article_hash,
    due_reason,
    listed_unchanged,
    settings_fingerprint,
)
from narrate.batching.feed import post_description, publish_feed
from narrate.batching.report import (
    FAILED,
    NARRATED,
    PLANNED,
    SKIPPED,
    UNCHANGED,
    BatchProgress,
    BatchProgressCallback,
    BatchResult,
    PostReport,
)
from narrate.batching.settings import (
    BatchSettings,
    ExecutorFactory,
    checked,
    default_executor_factory,
)
from narrate.batching.sources import Post, discover, read_post
from narrate.batching.state import DONE, BatchState, PostRecord, now, open_state
from narrate.batching.state import FAILED as RECORDED_FAILED
from narrate.engines.base import Engine, Speech
from narrate.engines.registry import create_engine
from narrate.errors import NarrateError
from narrate.ffmpeg import ffmpeg_path
from narrate.network_policy import network_scope
from narrate.outputs import OutputExtras, OutputFiles
from narrate.pipeline import (
    NarrationPlan,
    NarrationSettings,
    Progress,
    plan_article,
    prepare_outputs,
    write_narration,
)
from narrate.publish.companions import companions
from narrate.speaking.cached import voice_cache
from narrate.speaking.chunks import ChunkFailure, Outcome
from narrate.speaking.pool import leave_if_starting_worker
from narrate.speaking.speaker import Speaker
from narrate.text.language import LanguageDetector
from narrate.voices import Voice, get_voice

# (post index, sentence id, chunk index)
ChunkKey = tuple[int, str, int]


def batch(
    sources: Sequence[str],
    settings: BatchSettings | None = None,
    *,
    on_progress: BatchProgressCallback | None = None,
    executor_factory: ExecutorFactory | None = None,
) -> BatchResult:
    """Narrate the new and changed posts of `sources` (folders, globs, feeds, sitemaps) into
    the output folder, then write its feed.xml. Failed posts are in the result, not raised."""
    leave_if_starting_worker()  # a script without the __main__ guard, imported by a worker
    started = time.perf_counter()
    settings = checked(settings or BatchSettings())
    narration = replace(settings.narration, output=None)
    folder = narration.output_dir
    posts = discover(sources, allow_private_network=narration.allow_private_network)
    voice = get_voice(narration.voice, narration.voice_dirs)
    engine = create_engine(voice)
    executor = None
    if not settings.dry_run:
        ffmpeg_path()  # fail before any work when there is no ffmpeg
        # Before anything is written: a cluster that cannot be reached fails here.
        executor = (executor_factory or default_executor_factory(settings))(voice, engine)
    try:
        with open_state(folder, write=executor is not None) as state:
            run = _Run(posts, settings, narration, voice, engine, state, on_progress or _ignore)
            if executor is None:
                run.plan_only()
                feed, notes = None, ()
            else:
                # Leftovers of a killed run, at the start and again at the end: a temporary
                # only a moment old is left alone at first, in case its writer is still alive.
                remove_stale_parts(folder)
                cache = voice_cache(narration.cache_dir, voice, engine) if narration.cache else None
                run.narrate(Speaker(executor, cache))
                remove_stale_parts(folder)
                feed, notes = publish_feed(
                    state.records(), folder, settings.base_url, settings.channel
                )
    finally:
        if executor is not None:
            executor.close()  # on Ctrl-C too: cancels what is queued
    if not posts:
        notes = (f"no posts found in {', '.join(sources)}", *notes)
    return BatchResult(
        posts=run.reports(),
        output_dir=folder,
        feed=feed,
        elapsed=time.perf_counter() - started,
        synthesized=run.synthesized,
        cached=run.cached,
        dry_run=settings.dry_run,
        notes=tuple(notes),
    )


class _SpeakerFailed(BaseException):
    """The speaker itself failed while a post was being written: carried past the post's
    own error handling, to end the run."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class _Work:
    """A post being spoken: its plan, and how many of its chunks have been taken."""

    post: Post
    plan: NarrationPlan
    digest: str
    reason: str
    record: PostRecord | None
    extras: OutputExtras
    chunks: int
    sentences: int
    warnings: list[str]
    taken: int = 0


class _Run:
    """One run's bookkeeping: posts in progress, what each post came to, the counters."""

    def __init__(
        self,
        posts: list[Post],
        settings: BatchSettings,
        narration: NarrationSettings,
        voice: Voice,
        engine: Engine,
        state: BatchState,
        report: BatchProgressCallback,
    ) -> None:
        self.posts = posts
        self.settings = settings
        self.narration = narration
        self.voice = voice
        self.engine = engine
        self.state = state
        self.report = report
        self.folder = narration.output_dir
        self.fingerprint = settings_fingerprint(narration, voice, engine)
        self.languages = LanguageDetector()  # its model loaded once, for every post
        self.owners = state.owners()
        self.outcomes: dict[int, PostReport] = {}
        self.in_progress: dict[int, _Work] = {}
        self.selected = 0
        self.sentences_done = 0
        self.audio_seconds = 0.0
        self.synthesized = 0
        self.cached = 0

    def reports(self) -> tuple[PostReport, ...]:
        return tuple(self.outcomes[index] for index in sorted(self.outcomes))

    def plan_only(self) -> None:
        for index, post in enumerate(self.posts):
            self._select(index, post)

    def narrate(self, speaker: Speaker) -> None:
        """Speak every selected post's chunks, in order, and write each post as its chunks
        flow in; a post whose chunk failed is recorded failed and the run goes on."""
        stream = speaker.speak(self._requests())
        try:
            for key, outcome in stream:
                work = self.in_progress.pop(key[0])
                self._finish(key[0], work, self._chunks_of(work, key, outcome, stream))
                for _ in range(work.chunks - work.taken):  # what a failed post left unread
                    next(stream)
        except _SpeakerFailed as failure:
            raise failure.error from None
        finally:
            self.synthesized, self.cached = speaker.stats.synthesized, speaker.stats.hits

    def _chunks_of(
        self,
        work: _Work,
        key: ChunkKey,
        outcome: Outcome,
        stream: Iterator[tuple[ChunkKey, Outcome]],
    ) -> Iterator[Speech]:
        """The post's chunks in order, the first (`key`, `outcome`) already taken from
        `stream`; raises the error of the first chunk that failed."""
        sentence_chunks = {s.id: len(s.chunks) for s in work.plan.script.sentences()}
        while True:
            work.taken += 1
            if isinstance(outcome, ChunkFailure):
                raise outcome.error
            sentence_chunks[key[1]] -= 1
            if not sentence_chunks[key[1]]:
                self.sentences_done += 1
                self._progress()
            yield outcome
            if work.taken == work.chunks:
                return
            try:
                key, outcome = next(stream)
            except Exception as error:  # the whole run's failure, not this post's
                raise _SpeakerFailed(error) from error

    def _requests(self) -> Iterator[tuple[ChunkKey, str]]:
        for index, post in enumerate(self.posts):
            work = self._select(index, post)
            if work is None:
                continue
            self.in_progress[index] = work
            for sentence in work.plan.script.sentences():
                for chunk_index, text in enumerate(sentence.chunks):
                    yield (index, sentence.id, chunk_index), text

    def _select(self, index: int, post: Post) -> _Work | None:
        """Decide about one post: settle it (unchanged, skipped, failed, planned) or return
        the work of narrating it."""
        settings = self.settings
        record = self.state.get(post.id)
        if settings.limit is not None and self.selected >= settings.limit:
            return self._settle(index, post, SKIPPED, "past --limit", record)
        if settings.since and post.modified and post.modified < settings.since:
            return self._settle(index, post, SKIPPED, "before --since", record)
        if not settings.force and listed_unchanged(
            post.version, record, self.fingerprint, self.folder
        ):
            return self._settle(index, post, UNCHANGED, "", record)
        try:
            article = read_post(post, self.narration.read)
            digest = article_hash(article)
            reason = due_reason(record, digest, self.fingerprint, self.folder, force=settings.force)
            if reason is None:
                return self._settle(index, post, UNCHANGED, "", record)
            if settings.since and article.date and article.date < settings.since:
                return self._settle(index, post, SKIPPED, "before --since", record)
            article = self.languages.declared(article)
            plan = plan_article(article, self.voice, self.engine, self.narration)
            plan = replace(plan, target=self._claim(post.id, plan.target))
            sentences = list(plan.script.sentences())
            if settings.dry_run:
                self.selected += 1
                report = PostReport(
                    post.id, post.source, PLANNED, reason, article.title, plan.target,
                    sentences=len(sentences),
                )  # fmt: skip
                return self._settled(index, report)
            warnings: list[str] = []
            # Cover art and signing key before synthesis, as for one article: a bad one
            # fails the post before any of its audio is made.
            with network_scope(post.network):  # the lead image, under the run's policy
                extras = prepare_outputs(plan, self.narration, _collect(warnings))
        except Exception as error:  # a bad post fails alone, whatever went wrong
            return self._fail(index, post, error, record)
        self.selected += 1
        return _Work(
            post=post,
            plan=plan,
            digest=digest,
            reason=reason,
            record=record,
            extras=extras,
            chunks=sum(len(s.chunks) for s in sentences),
            sentences=len(sentences),
            warnings=warnings,
        )

    def _claim(self, post_id: str, target: Path) -> Path:
        """The post's output file; a title another post already narrates under gets a
        suffix from the post's id, so two posts never share a file."""
        name = target.name
        owner = self.owners.get(name)
        if owner is not None and owner != post_id:
            digest = hashlib.sha256(post_id.encode("utf-8")).hexdigest()[:8]
            name = f"{target.stem}-{digest}{target.suffix}"
        self.owners[name] = post_id
        return target.with_name(name)

    def _finish(self, index: int, work: _Work, chunks: Iterator[Speech]) -> None:
        """Join, encode and tag a post from its chunks as they come, then record it done."""
        plan = work.plan
        try:
            rendered = write_narration(
                plan, chunks, self.narration, work.extras, _collect(work.warnings)
            )
        except Exception as error:  # a bad post fails alone, whatever went wrong
            self._fail(index, work.post, error, work.record)
            return
        article = plan.article
        self.state.save(
            PostRecord(
                id=work.post.id,
                source=work.post.source,
                location=work.post.location,
                status=DONE,
                updated=now(),
                title=article.title,
                date=article.date,
                link=article.url or work.post.link,
                description=post_description(article),
                disclosure=plan.script.disclosure,
                content_hash=work.digest,
                settings_hash=self.fingerprint,
                version=work.post.version,
                output=plan.target.name,
                duration=rendered.duration,
                narrated=now(),
            )
        )
        if work.record and work.record.output and work.record.output != plan.target.name:
            self._remove_previous(work.record.output, work.post.id)
        self.audio_seconds += rendered.duration
        report = PostReport(
            work.post.id, work.post.source, NARRATED, work.reason, article.title, plan.target,
            rendered.duration, sentences=work.sentences,
            warnings=tuple(work.warnings),
        )  # fmt: skip
        self._settled(index, report)

    def _remove_previous(self, name: str, post_id: str) -> None:
        """A retitled post's old narration (and the files beside it) goes."""
        if self.owners.get(name) not in (None, post_id):
            return
        self.owners.pop(name, None)
        old = self.folder / name
        words = OutputFiles.beside(old).words
        for path in (old, *companions(old).all(), *([words] if words else [])):
            path.unlink(missing_ok=True)

    def _fail(
        self, index: int, post: Post, error: BaseException, record: PostRecord | None
    ) -> None:
        message = (
            str(error) if isinstance(error, NarrateError) else f"{type(error).__name__}: {error}"
        )
        if not self.settings.dry_run:
            # The previous narration, if any, is kept (and stays in the feed).
            failed = record or PostRecord(post.id, post.source, post.location, RECORDED_FAILED, "")
            self.state.save(replace(failed, status=RECORDED_FAILED, error=message, updated=now()))
        self._settled(index, PostReport(post.id, post.source, FAILED, error=message))

    def _settle(
        self, index: int, post: Post, status: str, reason: str, record: PostRecord | None
    ) -> None:
        path = self.folder / record.output if record and record.output else None
        title = record.title if record else post.title
        duration = record.duration if record else None
        self._settled(
            index, PostReport(post.id, post.source, status, reason, title, path, duration)
        )

    def _settled(self, index: int, report: PostReport) -> None:
        self.outcomes[index] = report
        self._progress(report)

    def _progress(self, post: PostReport | None = None) -> None:
        self.report(
            BatchProgress(
                posts_done=len(self.outcomes),
                posts_total=len(self.posts),
                sentences_done=self.sentences_done,
                audio_seconds=self.audio_seconds,
                post=post,
            )
        )


def _collect(warnings: list[str]) -> Callable[[Progress], None]:
    """A pipeline progress callback that keeps a post's warnings for its report."""

    def report(event: Progress) -> None:
        if event.stage == "warning":
            warnings.append(event.message)

    return report


def _ignore(_: BatchProgress) -> None:
    pass
