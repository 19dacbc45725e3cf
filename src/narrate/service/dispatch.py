"""The workers: a bounded number of threads, each taking the oldest queued job, narrating
it off the event loop, and recording how it went; the feed is written after each one.

A job has a deadline: past it, the narration stops at its next sentence and the job fails.
On shutdown the workers take no new job; what runs is given `grace` seconds to finish, then
stops at its next sentence and is queued again (its spoken sentences are in the sentence
cache, so the next run does not speak them again).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, replace

from narrate.atomic import remove_stale_parts
from narrate.batching.feed import publish_feed
from narrate.batching.state import DONE, PostRecord, now
from narrate.errors import NarrateError
from narrate.pipeline import Progress
from narrate.publish.artwork import COVER_NAME
from narrate.publish.feed import FeedChannel
from narrate.service.callbacks import CallbackSender
from narrate.service.jobs import Job, JobStore
from narrate.service.narrator import Narrated, Narrator
from narrate.service.views import AUDIO_PREFIX, Counts

IDLE_POLL_SECONDS = 1.0


class DeadlineExceeded(NarrateError):
    """A narration ran past the server's per-job deadline."""


class _Interrupted(BaseException):
    """Raised into a narration the server is shutting down: the job is queued again."""


@dataclass
class _Running:
    started: float
    counts: Counts = Counts()


class Dispatcher:
    """Runs the queued jobs of `store` through `narrator` on `workers` threads."""

    def __init__(
        self,
        store: JobStore,
        narrator: Narrator,
        *,
        workers: int,
        deadline: float,
        base_url: str,
        channel: FeedChannel,
        callbacks: CallbackSender | None = None,
    ) -> None:
        self.store = store
        self.narrator = narrator
        self.deadline = deadline
        self.base_url = base_url
        self.channel = channel
        self.callbacks = callbacks
        self._running: dict[str, _Running] = {}
        self._lock = threading.Lock()
        self._feed_lock = threading.Lock()
        self._wake = threading.Condition()
        self._stopping = threading.Event()
        self._interrupt = threading.Event()
        self._threads = [
            threading.Thread(target=self._loop, name=f"narrate-worker-{n}", daemon=True)
            for n in range(max(1, workers))
        ]

    def start(self) -> int:
        """Queue again what a crash left running, clear half-written files, write the feed,
        start the workers; returns how many jobs were recovered."""
        recovered = self.store.recover()
        self.publish()
        if not self.channel.image:  # the show's cover is drawn once, not per narration
            self.channel = replace(self.channel, image=COVER_NAME)
        for thread in self._threads:
            thread.start()
        if self.callbacks is not None:
            self.callbacks.start()
        return recovered

    def wake(self) -> None:
        """A job was queued."""
        with self._wake:
            self._wake.notify()

    def counts(self, job_id: str) -> Counts | None:
        with self._lock:
            running = self._running.get(job_id)
            return running.counts if running else None

    def busy(self) -> int:
        with self._lock:
            return len(self._running)

    def stop(self, grace: float) -> None:
        """Take no new job; wait up to `grace` seconds for the running ones, then stop them
        at their next sentence and queue them again."""
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        end = time.monotonic() + grace
        for thread in self._threads:
            thread.join(timeout=max(0.0, end - time.monotonic()))
        self._interrupt.set()
        for thread in self._threads:
            thread.join()
        if self.callbacks is not None:
            self.callbacks.stop()

    def hurry(self) -> None:
        """Stop the running narrations now (a second signal)."""
        self._interrupt.set()

    def publish(self) -> None:
        """Write feed.xml from every narration on record (one writer at a time), and clear
        what a killed server left half-written."""
        with self._feed_lock:
            remove_stale_parts(self.store.folder)  # a killed server's, once they are old
            publish_feed(
                self.store.posts(), self.store.folder, self.base_url + AUDIO_PREFIX, self.channel
            )

    def _loop(self) -> None:
        while not self._stopping.is_set():
            job = self.store.claim()
            if job is None:
                with self._wake:
                    self._wake.wait(IDLE_POLL_SECONDS)
                continue
            self._run(job)

    def _run(self, job: Job) -> None:
        running = _Running(time.monotonic())
        with self._lock:
            self._running[job.id] = running

        def on_progress(event: Progress) -> None:
            if event.stage == "speaking":
                running.counts = Counts(event.done, event.total)
            if self._interrupt.is_set():
                raise _Interrupted
            if time.monotonic() - running.started > self.deadline:
                raise DeadlineExceeded(f"the narration took longer than {self.deadline:g} s")

        try:
            narrated = self.narrator.narrate(job.id, job.submission, on_progress)
        except _Interrupted:
            self.store.requeue(job.id)
            return
        except NarrateError as error:
            self.store.fail(job.id, str(error))
        except Exception as error:  # a bad post fails alone, whatever went wrong
            self.store.fail(job.id, f"{type(error).__name__}: {error}")
        else:
            self._record(job, narrated)
        finally:
            with self._lock:
                del self._running[job.id]
        if job.callback and self.callbacks is not None:
            self.callbacks.send_later(job.id)

    def _record(self, job: Job, narrated: Narrated) -> None:
        post = PostRecord(
            id=job.post,
            source="narrate serve",
            location=job.id,
            status=DONE,
            updated=now(),
            title=narrated.title,
            date=narrated.date,
            link=narrated.link,
            description=narrated.description,
            disclosure=narrated.disclosure,
            content_hash=job.id,
            settings_hash=self.narrator.fingerprint,
            output=narrated.audio,
            duration=narrated.duration,
            narrated=now(),
        )
        self.store.finish(job.id, json.dumps(narrated.files), narrated.title, post)
        self.publish()
