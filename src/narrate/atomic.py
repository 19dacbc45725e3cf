"""Write files so a reader never sees half of one: write beside, fsync, then rename.

The file's data is flushed to disk before the rename and the folder right after it, so after
a power cut a file is either the old one or the whole new one, never an empty new name (and a
batch records a post done only after its files are on disk). Any OSError while writing is one
OutputError naming the file.

The temporary is hidden (`.<name>.<random>.part`) and locked while its writer lives, so a
later run can tell the leftovers of a killed one (unlocked: remove_stale_parts) from a write
in progress.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from narrate.errors import OutputError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; stale temporaries are told by age alone
    fcntl = None  # type: ignore[assignment]

PART_SUFFIX = ".part"
# A temporary this young may be one whose writer has not locked it yet.
STALE_AFTER_SECONDS = 1.0
# Without locks, only a temporary this old is surely abandoned.
STALE_UNLOCKED_SECONDS = 3600.0


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a hidden temporary path beside `target`; on success it replaces `target`
    in one rename, on failure it is removed and `target` is left as it was."""
    with atomic_paths([target]) as (temporary,):
        yield temporary


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """atomic_path for a set of files: yields a hidden temporary for each target; on success
    renames them in the order given (put the file readers wait for last), on failure
    removes them all and leaves every target as it was. A temporary the writer removed is
    an optional file it had nothing for: its target is left as it was.

    As writing a file in place would: a target that is a symbolic link is written through
    to the file it points to (the link stays), and a file replaced keeps its permissions
    (a new one is 0644)."""
    current = targets[0] if targets else Path()
    try:
        targets = [_through_links(target) for target in targets]
        with contextlib.ExitStack() as stack:
            temporaries = []
            for current in targets:
                temporaries.append(stack.enter_context(_temporary_beside(current)))
            yield temporaries
            for temporary, current in zip(temporaries, targets, strict=True):
                if temporary.exists():
                    os.chmod(temporary, _mode_of(current))
                    fsync_file(temporary)
            for temporary, current in zip(temporaries, targets, strict=True):
                if temporary.exists():  # the writer may drop an optional file (see above)
                    os.replace(temporary, current)
            for folder in dict.fromkeys(target.parent for target in targets):
                fsync_folder(folder)
    except OSError as error:
        raise OutputError(f"cannot write {current}: {_why(error)}") from error


def _through_links(target: Path) -> Path:
    """The file a write to `target` lands in: the end of its chain of links, if it is one."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _mode_of(target: Path) -> int:
    """The permissions `target` has now, or 0644 for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o644


def fsync_file(path: Path) -> None:
    """Flush `path`'s data to disk (whoever wrote it, through whatever handle)."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def fsync_folder(folder: Path) -> None:
    """Flush `folder`'s entries (a rename into it) to disk; a no-op where folders cannot be
    opened (Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename stands
    finally:
        os.close(handle)


def check_writable(target: Path) -> None:
    """OutputError unless `target`'s folder takes a new file: checked before synthesis, so a
    read-only or virtual file system (`-o /proc/x.mp3`) fails in one line at once."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART_SUFFIX, dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {_why(error)}") from None


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temporary = Path(name)
    try:  # from the moment it exists: a Ctrl-C while it is being locked leaves nothing
        _lock(handle)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)  # a no-op once renamed into place
        os.close(handle)  # releases the lock


def _lock(handle: int) -> None:
    """Mark a temporary as being written, for as long as `handle` stays open."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)


def remove_stale_parts(folder: Path) -> int:
    """Remove the temporaries that runs killed mid-write left in `folder`; returns how many.
    One still locked by a live writer is left alone."""
    if not folder.is_dir():
        return 0
    removed = 0
    now = time.time()
    for path in folder.glob(f".*{PART_SUFFIX}"):
        try:
            age = now - path.stat().st_mtime
            if age < STALE_AFTER_SECONDS:
                continue
            if fcntl is None:
                if age > STALE_UNLOCKED_SECONDS:
                    path.unlink()
                    removed += 1
                continue
            handle = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # its writer is alive
        else:
            path.unlink(missing_ok=True)
            removed += 1
        finally:
            os.close(handle)
    return removed
