"""The speakers of a batch: one per voice, opened when a post first needs it.

A batch with one voice opens its speaker before anything is written (a cluster that cannot
be reached fails at once). With `--voice auto` each post is cast on its own (its language,
then the best voice for it), and a voice's speaker opens with the first post it reads.
"""

from __future__ import annotations

from narrate.batching.settings import BatchSettings, ExecutorFactory
from narrate.planning import NarrationSettings
from narrate.speaking.speaker import Speaker, open_speaker
from narrate.voice_choice import AUTO
from narrate.voices import Voice, get_voice


class RunSpeakers:
    """A run's speakers by voice name; `plan_only` ones (a dry run) speak nothing."""

    def __init__(
        self,
        settings: BatchSettings,
        narration: NarrationSettings,
        executor_factory: ExecutorFactory | None = None,
    ) -> None:
        self.narration = narration
        self.plan_only = settings.dry_run
        self.factory = executor_factory
        self._open: dict[str, Speaker] = {}
        # One voice for every post: its speaker (and identity) before any post is read.
        self.fixed: Voice | None = None
        if narration.voice != AUTO:
            self.fixed = get_voice(narration.voice, narration.voice_dirs)
            self.speaker(self.fixed)

    def speaker(self, voice: Voice) -> Speaker:
        """The speaker of `voice`, opened now if it is not yet."""
        if voice.name not in self._open:
            self._open[voice.name] = open_speaker(
                voice, self.narration.speaking,
                executor_factory=self.factory, planning_only=self.plan_only,
            )  # fmt: skip
        return self._open[voice.name]

    def fixed_identity(self) -> str | None:
        """The one voice's speech identity; None with --voice auto (known per post)."""
        return self.speaker(self.fixed).identity if self.fixed else None

    def counts(self) -> tuple[int, int]:
        """Chunks synthesized and read from the cache, over every speaker."""
        stats = [speaker.stats for speaker in self._open.values()]
        return sum(s.synthesized for s in stats), sum(s.hits for s in stats)

    def close(self) -> None:
        """Close every speaker (on Ctrl-C too: cancels what is queued)."""
        for speaker in self._open.values():
            speaker.close()
