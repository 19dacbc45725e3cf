"""Atomic writes: data and folder flushed to disk around the rename, write failures in one
line, and a folder that takes no file found before any work is done."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from narrate import atomic
from narrate.atomic import atomic_paths, check_writable, write_text_atomic
from narrate.errors import OutputError


def test_file_is_flushed_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{handle}")))
        real_fsync(handle)

    def replace(source: Path, target: Path) -> None:
        events.append(("replace", str(target)))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    first, second = tmp_path / "a.vtt", tmp_path / "a.mp3"
    with atomic_paths([first, second]) as (one, two):
        one.write_text("captions")
        two.write_bytes(b"audio")
    kinds = [kind for kind, _ in events]
    assert kinds == ["fsync", "fsync", "replace", "replace", "fsync"]
    assert events[0][1].endswith(".part") and events[1][1].endswith(".part")
    assert [target for _, target in events[2:4]] == [str(first), str(second)]
    assert events[4] == ("fsync", str(tmp_path))
    assert first.read_text() == "captions" and second.read_bytes() == b"audio"


def test_a_file_that_cannot_be_written_is_one_output_error() -> None:
    with pytest.raises(OutputError) as caught:
        write_text_atomic(Path("/proc/narrate-test.txt"), "text")
    assert str(caught.value) == "cannot write /proc/narrate-test.txt: No such file or directory"


def test_an_error_while_writing_is_one_output_error(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    full = r"^cannot write .*out\.txt: No space left on device$"
    with pytest.raises(OutputError, match=full), atomic_paths([target]):
        raise OSError(28, "No space left on device")
    assert not target.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("target", ["/proc/x.mp3", "/sys/narrate/x.mp3"])
def test_virtual_file_systems_are_not_writable(target: str) -> None:
    with pytest.raises(OutputError, match=f"^cannot write {target}: "):
        check_writable(Path(target))


def test_check_writable_makes_the_folder_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new" / "story.mp3"
    check_writable(target)
    assert target.parent.is_dir() and not list(target.parent.iterdir())


def test_an_optional_file_the_writer_dropped_is_not_renamed(tmp_path: Path) -> None:
    kept, dropped = tmp_path / "a.vtt", tmp_path / "a.words.vtt"
    with atomic_paths([kept, dropped]) as (first, second):
        first.write_text("kept", encoding="utf-8")
        second.unlink()
    assert kept.read_text(encoding="utf-8") == "kept"
    assert not dropped.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.vtt"]


def test_an_interrupt_while_the_temporary_is_locked_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(handle: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_lock", interrupted)
    with pytest.raises(KeyboardInterrupt), atomic_paths([tmp_path / "a.json"]):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_rewritten_file_keeps_its_permissions(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>old</p>", encoding="utf-8")
    page.chmod(0o600)
    write_text_atomic(page, "<p>new</p>")
    assert page.read_text(encoding="utf-8") == "<p>new</p>"
    assert page.stat().st_mode & 0o777 == 0o600
    write_text_atomic(tmp_path / "new.html", "<p>new</p>")
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644


def test_a_file_given_through_a_link_is_written_through_it(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    page = tmp_path / "site" / "page.html"
    page.write_text("<p>old</p>", encoding="utf-8")
    page.chmod(0o640)
    link = tmp_path / "page.html"
    link.symlink_to(page)
    write_text_atomic(link, "<p>new</p>")
    assert link.is_symlink() and link.resolve() == page
    assert page.read_text(encoding="utf-8") == "<p>new</p>"
    assert page.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "site"]
