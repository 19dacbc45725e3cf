"""Which posts of a batch are narrated, and their plans: each post is settled (unchanged,
skipped, failed, planned) or becomes the Work of narrating it. A post is read only when its
listing cannot tell it is unchanged; with one voice its language is detected only once it is
known to be due."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from narrate.batching.changes import (
    article_hash,
    due_reason,
    listed_unchanged,
    settings_fingerprint,
)
from narrate.batching.report import PLANNED, SKIPPED, UNCHANGED, PostReport
from narrate.batching.settings import BatchSettings
from narrate.batching.sources import Post, read_post
from narrate.batching.speakers import RunSpeakers
from narrate.batching.state import BatchState, PostRecord
from narrate.documents.article import Article
from narrate.network_policy import network_scope
from narrate.outputs import OutputExtras, OutputFiles
from narrate.pipeline import (
    NarrationPlan,
    NarrationSettings,
    Progress,
    plan_article,
    prepare_outputs,
)
from narrate.publish.companions import companions
from narrate.text.language import LanguageDetector
from narrate.voice_choice import Casting


@dataclass
class Work:
    """A post being spoken: its plan, and how many of its chunks have been taken."""

    index: int
    post: Post
    plan: NarrationPlan
    digest: str
    fingerprint: str
    reason: str
    record: PostRecord | None
    extras: OutputExtras
    chunks: int
    sentences: int
    warnings: list[str]
    taken: int = 0


@dataclass(frozen=True)
class Settled:
    """A post left as it is: unchanged or skipped, with why."""

    status: str
    reason: str
    record: PostRecord | None


@dataclass(frozen=True)
class Failed:
    """A post that could not be read or planned."""

    error: BaseException
    record: PostRecord | None


#: How a post is settled without narrating it (a PostReport: planned, in a dry run).
Verdict = Settled | Failed | PostReport


class Selection:
    """Decides about each post of a run in turn; owns the run's output names."""

    def __init__(
        self,
        settings: BatchSettings,
        narration: NarrationSettings,
        speakers: RunSpeakers,
        state: BatchState,
    ) -> None:
        self.settings = settings
        self.narration = narration
        self.speakers = speakers
        self.state = state
        self.folder = narration.output_dir
        fixed = speakers.fixed_identity()
        self.fingerprint = None if speakers.fixed is None or fixed is None else (
            settings_fingerprint(narration, speakers.fixed, fixed)
        )  # fmt: skip
        self.languages = LanguageDetector()  # its model loaded once, for every post
        self.owners = state.owners()
        self.selected = 0

    def decide(self, index: int, post: Post) -> Work | Verdict:
        """Decide about one post: the work of narrating it, or how it is settled
        (unchanged, skipped, failed, planned)."""
        settings = self.settings
        record = self.state.get(post.id)
        if settings.limit is not None and self.selected >= settings.limit:
            return Settled(SKIPPED, "past --limit", record)
        if settings.since and post.modified and post.modified < settings.since:
            return Settled(SKIPPED, "before --since", record)
        if (
            not settings.force
            and self.fingerprint is not None  # with --voice auto, a post's voice is read
            and listed_unchanged(post.version, record, self.fingerprint, self.folder)
        ):
            return Settled(UNCHANGED, "", record)
        try:
            article = read_post(post, self.narration.read)
            digest = article_hash(article)
            warnings: list[str] = []
            due = self._due(article, digest, record, warnings.append)
            if due is None:
                return Settled(UNCHANGED, "", record)
            reason, fingerprint, casting = due
            if settings.since and article.date and article.date < settings.since:
                return Settled(SKIPPED, "before --since", record)
            engine = self.speakers.speaker(casting.voice).engine
            plan = plan_article(casting, engine, self.narration)
            plan = replace(plan, target=self.claim(post.id, plan.target))
            sentences = list(plan.script.sentences())
            if settings.dry_run:
                self.selected += 1
                report = PostReport(
                    post.id, post.source, PLANNED, reason, article.title, plan.target,
                    sentences=len(sentences),
                )  # fmt: skip
                return report
            # Cover art and signing key before synthesis, as for one article: a bad one
            # fails the post before any of its audio is made.
            with network_scope(post.network):  # the lead image, under the run's policy
                extras = prepare_outputs(plan, self.narration, collect(warnings))
        except Exception as error:  # a bad post fails alone, whatever went wrong
            return Failed(error, record)
        self.selected += 1
        return Work(
            index=index,
            post=post,
            plan=plan,
            digest=digest,
            fingerprint=fingerprint,
            reason=reason,
            record=record,
            extras=extras,
            chunks=sum(len(s.chunks) for s in sentences),
            sentences=len(sentences),
            warnings=warnings,
        )

    def _due(
        self,
        article: Article,
        digest: str,
        record: PostRecord | None,
        note: Callable[[str], None],
    ) -> tuple[str, str, Casting] | None:
        """Why the post must be narrated, its settings' fingerprint and its casting; None
        when its narration is up to date. With one voice, an unchanged post is told before
        its language is detected; with --voice auto, its voice comes first."""
        force = self.settings.force
        fixed = self.fingerprint
        if (
            fixed is not None
            and due_reason(record, digest, fixed, self.folder, force=force) is None
        ):
            return None
        casting = self.narration.cast(article, self.languages, note=note)
        speaker = self.speakers.speaker(casting.voice)
        fingerprint = self.fingerprint or settings_fingerprint(
            self.narration, casting.voice, speaker.identity
        )
        reason = due_reason(record, digest, fingerprint, self.folder, force=force)
        return None if reason is None else (reason, fingerprint, casting)

    def claim(self, post_id: str, target: Path) -> Path:
        """The post's output file; a title another post already narrates under gets a
        suffix from the post's id, so two posts never share a file."""
        name = target.name
        owner = self.owners.get(name)
        if owner is not None and owner != post_id:
            digest = hashlib.sha256(post_id.encode("utf-8")).hexdigest()[:8]
            name = f"{target.stem}-{digest}{target.suffix}"
        self.owners[name] = post_id
        return target.with_name(name)

    def remove_previous(self, name: str, post_id: str) -> None:
        """A retitled post's old narration (and the files beside it) goes."""
        if self.owners.get(name) not in (None, post_id):
            return
        self.owners.pop(name, None)
        old = self.folder / name
        words = OutputFiles.beside(old).words
        for path in (old, *companions(old).all(), *([words] if words else [])):
            path.unlink(missing_ok=True)


def collect(warnings: list[str]) -> Callable[[Progress], None]:
    """A pipeline progress callback that keeps a post's warnings for its report."""

    def report(event: Progress) -> None:
        if event.stage == "warning":
            warnings.append(event.message)

    return report
