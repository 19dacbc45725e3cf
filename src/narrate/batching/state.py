"""The batch state file: which posts were narrated, from what, into which file, and how it went.

A SQLite database in the output folder (`.narrate-batch.sqlite`, hidden so a web server that
publishes the folder need not publish it). A post is recorded as done only after its files
are in place, in one transaction, so a run killed at any moment leaves a state the next run
can trust: what is recorded done is done, everything else is done again. One batch at a
time writes to an output folder; a second one is refused while the first holds the lock.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from narrate.atomic import fsync_file, fsync_folder
from narrate.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent batches are not detected
    fcntl = None  # type: ignore[assignment]

STATE_NAME = ".narrate-batch.sqlite"
LOCK_NAME = ".narrate-batch.lock"
SCHEMA_VERSION = 2  # 2: the jobs table of `narrate serve`

DONE = "done"
FAILED = "failed"


@dataclass(frozen=True)
class PostRecord:
    """One post's row. `output` is the file name inside the output folder; on a failure the
    previous narration (if any) is kept, so the feed still offers it."""

    id: str
    source: str
    location: str
    status: str
    updated: str  # when this row was last written (ISO 8601, UTC)
    title: str | None = None
    date: str | None = None
    link: str | None = None
    description: str | None = None
    disclosure: str | None = None
    content_hash: str | None = None
    settings_hash: str | None = None
    version: str | None = None
    output: str | None = None
    duration: float | None = None
    error: str | None = None
    narrated: str | None = None  # when the output was written (ISO 8601, UTC)


_COLUMNS = [f.name for f in fields(PostRecord)]
_TYPES = {"id": "TEXT PRIMARY KEY", "duration": "REAL"}
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS posts ("
    + ", ".join(f"{name} {_TYPES.get(name, 'TEXT')}" for name in _COLUMNS)
    + ")"
)


# `narrate serve`'s narrations (narrate.service.jobs), in the same database as the posts they
# become: a job is stored before it is accepted, a done one also has its post's row.
_JOBS_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "id TEXT UNIQUE NOT NULL, post TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL, "
    "status TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, "
    "attempts INTEGER NOT NULL DEFAULT 0, callback TEXT, callback_status TEXT, "
    "output TEXT, error TEXT, title TEXT)"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class BatchState:
    """The state of one output folder's batches."""

    def __init__(self, connection: sqlite3.Connection, folder: Path | None = None) -> None:
        self._db = connection
        self._folder = folder

    def get(self, post_id: str) -> PostRecord | None:
        row = self._db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM posts WHERE id = ?", (post_id,)
        ).fetchone()
        return PostRecord(*row) if row else None

    def records(self) -> list[PostRecord]:
        rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM posts ORDER BY id")
        return [PostRecord(*row) for row in rows]

    def owners(self) -> dict[str, str]:
        """Output file name -> the id of the post it belongs to."""
        rows = self._db.execute("SELECT output, id FROM posts WHERE output IS NOT NULL")
        return dict(rows.fetchall())

    def save(self, record: PostRecord) -> None:
        """Insert or replace one post's row, committed at once (durably: synchronous FULL).
        A post is recorded done only after its file is flushed to disk, so a power cut
        cannot leave a "done" row naming an empty file."""
        if record.status == DONE and record.output and self._folder is not None:
            with contextlib.suppress(OSError):  # a missing file is found by the next run
                fsync_file(self._folder / record.output)
                fsync_folder(self._folder)
        with self._db:
            self._db.execute(
                f"INSERT OR REPLACE INTO posts ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
                astuple(record),
            )

    def close(self) -> None:
        self._db.close()


@contextlib.contextmanager
def open_state(folder: Path, *, write: bool = True) -> Iterator[BatchState]:
    """The state of `folder`, locked for this run when it will write (UsageError when another
    batch holds it). A dry run reads without the lock and creates nothing."""
    path = folder / STATE_NAME
    if not write:
        # Read only: an existing state as it is (nothing is written to it), else an empty one.
        connection = sqlite3.connect(path if path.is_file() else ":memory:", timeout=30)
        try:
            connection.execute(_SCHEMA if not path.is_file() else "SELECT 1")
            yield BatchState(connection)
        except sqlite3.DatabaseError as error:
            raise UsageError(f"{path} is not a narrate state file ({error})") from error
        finally:
            connection.close()
        return
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / LOCK_NAME) if write else contextlib.nullcontext():
        connection = sqlite3.connect(path, timeout=30)
        try:
            # WAL: a reader (a second terminal, a test) never blocks the run, and a commit
            # survives the process being killed right after it.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")  # a commit is on disk when it returns
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise UsageError(f"{path} was written by a newer narrate; upgrade narrate")
            connection.execute(_SCHEMA)
            connection.execute(_JOBS_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.commit()
            yield BatchState(connection, folder)
        except sqlite3.DatabaseError as error:
            raise UsageError(f"{path} is not a narrate state file ({error})") from error
        finally:
            connection.close()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UsageError(
                    f"another `narrate batch` is writing to {path.parent}; wait for it to finish"
                ) from None
        yield
    finally:
        os.close(handle)  # the lock goes with it, also when the process is killed
