"""`narrate batch`: narrate every new or changed post of folders, feeds and sitemaps.

A run lists the sources (cheap), then reads each post and hashes what would be narrated
from it; a post recorded done with the same hash and settings, whose file is still there, is
left alone. The chunks of every post to narrate are fed, lazily and in order, into the
speaker of its voice (narrate.speaking's open_speaker, as for a single article: the sentence
cache in front of local workers by default, or a cluster: `--cluster`, or any executor
through `executor_factory`); with `--voice auto` each post is cast on its own, and
consecutive posts of one voice share one stream. Chunks come back in order; each post's
chunks flow into the same pipeline functions as a single article, and the post is recorded
done once written. A post
that fails (a chunk whose worker died included) is recorded with its error and the others go
on. Killed at any moment, the next run redoes exactly the posts not recorded done.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import replace

from narrate.atomic import remove_stale_parts
from narrate.batching.feed import post_description, publish_feed
from narrate.batching.report import (
    FAILED,
    NARRATED,
    BatchProgress,
    BatchProgressCallback,
    BatchResult,
    PostReport,
)
from narrate.batching.selection import Failed, Selection, Settled, Work, collect
from narrate.batching.settings import BatchSettings, ExecutorFactory, checked
from narrate.batching.sources import Post, discover
from narrate.batching.speakers import RunSpeakers
from narrate.batching.state import DONE, BatchState, PostRecord, now, open_state
from narrate.batching.state import FAILED as RECORDED_FAILED
from narrate.errors import NarrateError
from narrate.ffmpeg import ffmpeg_path
from narrate.pipeline import (
    NarrationSettings,
    write_narration,
)
from narrate.speaking.chunks import ChunkFailure, Outcome, Speech
from narrate.speaking.pool import leave_if_starting_worker
from narrate.speaking.speaker import Speaker

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
    if not settings.dry_run:
        ffmpeg_path()  # fail before any work when there is no ffmpeg
    # Before anything is written: an unknown voice, or a cluster that cannot be reached.
    speakers = RunSpeakers(settings, narration, executor_factory)
    try:
        with open_state(folder, write=not settings.dry_run) as state:
            run = _Run(posts, settings, narration, speakers, state, on_progress or _ignore)
            if settings.dry_run:
                run.plan_only()
                feed, notes = None, ()
            else:
                # Leftovers of a killed run, at the start and again at the end: a temporary
                # only a moment old is left alone at first, in case its writer is still alive.
                remove_stale_parts(folder)
                run.narrate()
                remove_stale_parts(folder)
                feed, notes = publish_feed(
                    state.records(), folder, settings.base_url, settings.channel
                )
    finally:
        speakers.close()  # on Ctrl-C too: cancels what is queued
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


class _Run:
    """One run's bookkeeping: posts in progress, what each post came to, the counters."""

    def __init__(
        self,
        posts: list[Post],
        settings: BatchSettings,
        narration: NarrationSettings,
        speakers: RunSpeakers,
        state: BatchState,
        report: BatchProgressCallback,
    ) -> None:
        self.posts = posts
        self.settings = settings
        self.narration = narration
        self.speakers = speakers
        self.state = state
        self.report = report
        self.folder = narration.output_dir
        self.selection = Selection(settings, narration, speakers, state)
        self.outcomes: dict[int, PostReport] = {}
        self.in_progress: dict[int, Work] = {}
        self.held: Work | None = None  # selected, for a voice other than the stream's
        self.sentences_done = 0
        self.audio_seconds = 0.0
        self.synthesized = 0
        self.cached = 0

    def reports(self) -> tuple[PostReport, ...]:
        return tuple(self.outcomes[index] for index in sorted(self.outcomes))

    def plan_only(self) -> None:
        for index, post in enumerate(self.posts):
            self._select(index, post)

    def _select(self, index: int, post: Post) -> Work | None:
        """The work of narrating the post, or None when it was settled."""
        decided = self.selection.decide(index, post)
        if isinstance(decided, Work):
            return decided
        if isinstance(decided, Failed):
            self._fail(index, post, decided.error, decided.record)
        elif isinstance(decided, Settled):
            self._settle(index, post, decided.status, decided.reason, decided.record)
        else:
            self._settled(index, decided)
        return None

    def narrate(self) -> None:
        """Speak every selected post's chunks, in order, through its voice's speaker, and
        write each post as its chunks flow in; a post whose chunk failed is recorded failed
        and the run goes on."""
        posts = iter(enumerate(self.posts))
        try:
            work = self._next_work(posts)
            while work is not None:
                self.held = None
                self._speak(self.speakers.speaker(work.plan.voice), self._requests(work, posts))
                work = self.held
        finally:
            self.synthesized, self.cached = self.speakers.counts()

    def _speak(self, speaker: Speaker, requests: Iterator[tuple[ChunkKey, str]]) -> None:
        stream = speaker.speak(requests)
        try:
            for key, outcome in stream:
                work = self.in_progress.pop(key[0])
                self._finish(key[0], work, self._chunks_of(work, key, outcome, stream))
                for _ in range(work.chunks - work.taken):  # what a failed post left unread
                    next(stream)
        except _SpeakerFailed as failure:
            raise failure.error from None

    def _chunks_of(
        self,
        work: Work,
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

    def _next_work(self, posts: Iterator[tuple[int, Post]]) -> Work | None:
        """The next post of `posts` to narrate (the others are settled on the way)."""
        for index, post in posts:
            work = self._select(index, post)
            if work is not None:
                return work
        return None

    def _requests(
        self, work: Work | None, posts: Iterator[tuple[int, Post]]
    ) -> Iterator[tuple[ChunkKey, str]]:
        """The chunks of `work` and of the posts after it with the same voice; the first
        post for another voice is `held` for a stream of its own."""
        voice = work.plan.voice.name if work else None
        while work is not None:
            self.in_progress[work.index] = work
            for sentence in work.plan.script.sentences():
                for chunk_index, text in enumerate(sentence.chunks):
                    yield (work.index, sentence.id, chunk_index), text
            work = self._next_work(posts)
            if work is not None and work.plan.voice.name != voice:
                self.held = work
                return

    def _finish(self, index: int, work: Work, chunks: Iterator[Speech]) -> None:
        """Join, encode and tag a post from its chunks as they come, then record it done."""
        plan = work.plan
        try:
            rendered = write_narration(
                plan, chunks, self.narration, work.extras, collect(work.warnings)
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
                settings_hash=work.fingerprint,
                version=work.post.version,
                output=plan.target.name,
                duration=rendered.duration,
                narrated=now(),
            )
        )
        if work.record and work.record.output and work.record.output != plan.target.name:
            self.selection.remove_previous(work.record.output, work.post.id)
        self.audio_seconds += rendered.duration
        report = PostReport(
            work.post.id, work.post.source, NARRATED, work.reason, article.title, plan.target,
            rendered.duration, sentences=work.sentences,
            warnings=tuple(work.warnings),
        )  # fmt: skip
        self._settled(index, report)

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


def _ignore(_: BatchProgress) -> None:
    pass
