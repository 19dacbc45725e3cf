"""The server's narrations in SQLite: stored (committed, synchronous FULL) before a request
is answered 202, claimed one at a time by the workers, recorded done or failed.

The table is `jobs` in the output folder's state database (narrate.batching.state), beside
the `posts` the feed is written from. One server holds the folder's lock, so a job found
"running" when the server starts was cut short by a crash: it is queued again.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, fields
from pathlib import Path

from narrate.batching.state import STATE_NAME, BatchState, PostRecord, now
from narrate.service.submissions import Submission

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
# callback_status: pending (to send), sent, or failed (gave up after the retries)
PENDING = "pending"


@dataclass(frozen=True)
class Job:
    """One narration's row."""

    seq: int
    id: str
    post: str
    kind: str
    document: str  # the Submission, as JSON
    status: str
    created: str
    updated: str
    attempts: int = 0
    callback: str | None = None
    callback_status: str | None = None
    output: str | None = None
    error: str | None = None
    title: str | None = None

    @property
    def submission(self) -> Submission:
        return Submission.from_stored(self.document)


_COLUMNS = ", ".join(f.name for f in fields(Job))


class JobStore:
    """The jobs of one output folder; safe to use from several threads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._db = sqlite3.connect(folder / STATE_NAME, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA synchronous=FULL")
        self._lock = threading.Lock()

    def submit(self, job_id: str, submission: Submission) -> tuple[Job, bool]:
        """Store a job unless one with this id is there; returns it and whether it is new
        (or queued again: a failed one, or a URL's, whose page may have changed)."""
        with self._lock, self._db:
            job = self._get(job_id)
            if job is None:
                stamp = now()
                self._db.execute(
                    "INSERT INTO jobs (id, post, kind, document, status, created, updated, "
                    "callback, callback_status, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        job_id, submission.post or job_id, submission.kind, submission.stored(),
                        QUEUED, stamp, stamp, submission.callback,
                        PENDING if submission.callback else None, submission.title,
                    ),
                )  # fmt: skip
            elif job.status == FAILED or (job.status == DONE and job.kind == "url"):
                callback = submission.callback or job.callback
                self._db.execute(
                    "UPDATE jobs SET status = ?, updated = ?, error = NULL, callback = ?, "
                    "callback_status = ? WHERE id = ?",
                    (QUEUED, now(), callback, PENDING if callback else None, job_id),
                )
            else:
                return job, False
            return self._get(job_id), True  # type: ignore[return-value]

    def claim(self) -> Job | None:
        """The oldest queued job, now marked running (None when the queue is empty)."""
        with self._lock, self._db:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE status = ? ORDER BY seq LIMIT 1", (QUEUED,)
            ).fetchone()
            if row is None:
                return None
            self._db.execute(
                "UPDATE jobs SET status = ?, attempts = attempts + 1, updated = ? WHERE id = ?",
                (RUNNING, now(), row[1]),
            )
            return self._get(row[1])

    def finish(self, job_id: str, output: str, title: str | None, post: PostRecord) -> None:
        """Record the job done, and its post (the feed's item) first: a crash between the
        two narrates the job again, never leaves a done job out of the feed."""
        with self._lock:
            BatchState(self._db, self.folder).save(post)
            with self._db:
                self._db.execute(
                    "UPDATE jobs SET status = ?, output = ?, title = ?, error = NULL, "
                    "updated = ? WHERE id = ?",
                    (DONE, output, title, now(), job_id),
                )

    def fail(self, job_id: str, error: str) -> None:
        self._set(job_id, "status = ?, error = ?", FAILED, error)

    def requeue(self, job_id: str) -> None:
        self._set(job_id, "status = ?", QUEUED)

    def recover(self) -> int:
        """Queue again the jobs a crash left running; returns how many."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "UPDATE jobs SET status = ?, updated = ? WHERE status = ?",
                (QUEUED, now(), RUNNING),
            )
            return cursor.rowcount

    def set_callback_status(self, job_id: str, status: str) -> None:
        self._set(job_id, "callback_status = ?", status)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._get(job_id)

    def recent(self, limit: int = 50) -> list[Job]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM jobs ORDER BY seq DESC LIMIT ?", (limit,)
            ).fetchall()
        return [Job(*row) for row in rows]

    def count(self, status: str) -> int:
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM jobs WHERE status = ?", (status,))
            return int(row.fetchone()[0])

    def unsent_callbacks(self) -> list[Job]:
        """Finished jobs whose callback is still to be sent (after a restart, too)."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE callback_status = ? AND status IN (?, ?) "
                "ORDER BY seq",
                (PENDING, DONE, FAILED),
            ).fetchall()
        return [Job(*row) for row in rows]

    def posts(self) -> list[PostRecord]:
        """Every post on record (this server's and the batches'), for the feed."""
        with self._lock:
            return BatchState(self._db, self.folder).records()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _set(self, job_id: str, assignments: str, *values: object) -> None:
        with self._lock, self._db:
            self._db.execute(
                f"UPDATE jobs SET {assignments}, updated = ? WHERE id = ?",
                (*values, now(), job_id),
            )

    def _get(self, job_id: str) -> Job | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return Job(*row) if row else None
