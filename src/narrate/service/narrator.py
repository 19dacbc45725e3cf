"""The service's one adapter onto the pipeline: a submission in, a narration's files out.

One speaker (narrate.speaking's open_speaker, as for the CLI and the batch) is opened once,
its engine loaded once and shared by every narration the server runs at once, each in its
own thread (speaking.inline.SharedExecutor). Every job's chunks go through the sentence
cache, so an edited post costs only its changed sentences. A voice chosen by language
(`auto`) or a cluster (`--cluster`) leaves the speaker to the pipeline, per job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from narrate.atomic import write_text_atomic
from narrate.documents.url import fetch_url
from narrate.network_policy import NetworkPolicy, network_scope
from narrate.pipeline import NarrationResult, NarrationSettings, Progress, narrate_article
from narrate.service.submissions import Submission, as_document
from narrate.speaking.speaker import Speaker, open_speaker
from narrate.voice_choice import AUTO
from narrate.voices import get_voice

_SUFFIXES = {"html": ".html", "markdown": ".md", "text": ".txt"}
PLAYER_SUFFIX = ".player.html"


@dataclass(frozen=True)
class Narrated:
    """A finished narration: its files (names inside the output folder) and what the feed
    says of it."""

    audio: str
    files: dict[str, str]
    title: str | None
    date: str | None
    link: str | None
    description: str | None
    disclosure: str
    duration: float


class Narrator:
    """Narrates submissions into `folder`, each under its job's id, with one shared engine."""

    def __init__(self, settings: NarrationSettings, folder: Path, work: Path) -> None:
        self.settings = replace(settings, output_dir=folder)
        self.folder = folder
        self.work = work  # where submitted documents wait to be read (not served)
        self.speaker: Speaker | None = None
        if settings.voice != AUTO and not settings.cluster:
            voice = get_voice(settings.voice, settings.voice_dirs)
            self.speaker = open_speaker(voice, self.settings.speaking, shared=True)
        self.fingerprint = _fingerprint(self.settings, self.speaker)

    def warm(self) -> None:
        """Load the voice's model now, not in the first narration."""
        if self.speaker is not None:
            list(self.speaker.speak([(0, "Ready.")]))

    def close(self) -> None:
        if self.speaker is not None:
            self.speaker.close()

    def narrate(
        self, job_id: str, submission: Submission, on_progress: Callable[[Progress], None]
    ) -> Narrated:
        """Narrate `submission` as `job_id`'s files; NarrateError says why it cannot be."""
        self.work.mkdir(parents=True, exist_ok=True)
        text, suffix = self._document(submission)
        source = self.work / f"{job_id}{suffix}"
        write_text_atomic(source, text)
        audio = self.folder / f"{job_id}.{self.settings.encode.format}"
        try:
            result = narrate_article(
                source,
                replace(self.settings, output=audio),
                on_progress=on_progress,
                speaker=self.speaker,
            )
        finally:
            source.unlink(missing_ok=True)
        return self._narrated(result, submission)

    def _document(self, submission: Submission) -> tuple[str, str]:
        if submission.kind != "url":
            return as_document(submission)
        # The address came from a client, not from the server's user: its host is not
        # trusted, so a private address is refused unless the server allows them.
        policy = NetworkPolicy(allow_private=self.settings.allow_private_network)
        with network_scope(policy):
            page = fetch_url(submission.text)
        return page.text, _SUFFIXES.get(page.kind, ".txt")

    def _narrated(self, result: NarrationResult, submission: Submission) -> Narrated:
        from narrate.batching.feed import post_description

        files = result.files
        paths = {"audio": result.path}
        if files is not None:
            paths |= {"captions": files.captions, "manifest": files.manifest}
            if files.words is not None:
                paths["words"] = files.words
            if files.subtitles is not None:
                paths["subtitles"] = files.subtitles
        player = self._write_player(result.path)
        if player is not None:
            paths["player"] = player
        article = result.article
        return Narrated(
            audio=result.path.name,
            files={kind: path.name for kind, path in paths.items() if path.is_file()},
            title=article.title or submission.title,
            date=article.date or submission.date,
            link=submission.url or article.url,
            description=post_description(article),
            disclosure=result.script.disclosure,
            duration=result.duration,
        )

    def _write_player(self, audio: Path) -> Path | None:
        """The player snippet beside the audio (its file names relative to the folder)."""
        from narrate.publish.player import player_data, player_html

        target = audio.with_name(audio.stem + PLAYER_SUFFIX)
        try:
            write_text_atomic(target, player_html(player_data(audio, page_dir=self.folder)))
        except Exception:  # the audio is what was asked for; a snippet is an extra
            return None
        return target


def _fingerprint(settings: NarrationSettings, speaker: Speaker | None) -> str:
    """What in the settings changes a narration (narrate.batching.changes), as a digest:
    with one voice, its speaker's identity; with `auto`, the settings as they are."""
    import hashlib

    if speaker is None or speaker.voice is None:
        return hashlib.sha256(repr(replace(settings, output=None)).encode()).hexdigest()
    from narrate.batching.changes import settings_fingerprint

    return settings_fingerprint(settings, speaker.voice, speaker.identity)
