"""`narrate watch`: a real process that picks up a new post in a folder and in a local
feed, and ends with exit status 0 on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from range_server import serve

from narrate.errors import UsageError
from narrate.service.watch import parse_interval, watch


def start_watch(tmp_path: Path, *sources: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-c", "from narrate.cli import main; main()", "watch", *sources,
        "--every", "1s", "-o", str(tmp_path / "out"), "--base-url", "https://pod.example.com/",
    ]  # fmt: skip
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    log = (tmp_path / "watch.log").open("ab")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for_files(folder: Path, names: set[str], process: subprocess.Popen, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if names <= {p.name for p in folder.glob("*.mp3")}:
            return
        assert process.poll() is None, "watch exited"
        time.sleep(0.3)
    raise AssertionError(f"{names} not in {sorted(p.name for p in folder.glob('*'))}")


def stop_watch(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=60)


def test_watch_picks_up_a_new_post_in_a_folder(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "one.md").write_text("# Harbor note one\n\nThe tide is high.\n", encoding="utf-8")
    process = start_watch(tmp_path, str(posts))
    try:
        wait_for_files(tmp_path / "out", {"harbor-note-one.mp3"}, process)
        (posts / "two.md").write_text("# Harbor note two\n\nThe tide is low.\n", "utf-8")
        wait_for_files(tmp_path / "out", {"harbor-note-one.mp3", "harbor-note-two.mp3"}, process)
    finally:
        assert stop_watch(process) == 0


def rss(base: str, titles: list[str]) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{title.lower().replace(' ', '-')}.html</link>"
        "<pubDate>Mon, 10 Mar 2025 08:00:00 +0000</pubDate></item>"
        for title in titles
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
        f"<link>{base}</link><description>News</description>{items}</channel></rss>"
    )


def page(title: str, text: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p></article></body></html>"
    )


def test_watch_picks_up_a_new_post_in_a_local_feed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    with serve(site) as base:
        (site / "tide-tables.html").write_text(page("Tide tables", "High tide is at noon."))
        (site / "feed.xml").write_text(rss(base, ["Tide tables"]), encoding="utf-8")
        process = start_watch(tmp_path, f"{base}feed.xml")
        try:
            wait_for_files(tmp_path / "out", {"tide-tables.mp3"}, process)
            (site / "ferry-times.html").write_text(page("Ferry times", "The ferry is late."))
            (site / "feed.xml").write_text(rss(base, ["Ferry times", "Tide tables"]), "utf-8")
            wait_for_files(tmp_path / "out", {"tide-tables.mp3", "ferry-times.mp3"}, process)
            feed = tmp_path / "out" / "feed.xml"
            end = time.monotonic() + 60  # written at the end of the round
            while "https://pod.example.com/ferry-times.mp3" not in feed.read_text("utf-8"):
                assert time.monotonic() < end, feed.read_text("utf-8")
                time.sleep(0.3)
        finally:
            assert stop_watch(process) == 0


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("5m", 300), ("2h", 7200)])
def test_every_takes_seconds_minutes_and_hours(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "5 minutes", "-1m"])
def test_every_refuses_what_is_not_a_duration(text):
    with pytest.raises(UsageError):
        parse_interval(text)


def test_a_failed_round_doubles_the_wait_and_a_good_one_resets_it(tmp_path):
    from narrate.batching.run import BatchSettings, batch
    from narrate.errors import NarrateError
    from narrate.planning import NarrationSettings

    outcomes = iter([NarrateError("feed down"), NarrateError("feed down"), None])
    rounds = []

    def flaky(sources, settings):
        failure = next(outcomes)
        if failure is not None:
            raise failure
        return batch(sources, settings)

    (tmp_path / "posts").mkdir()
    settings = BatchSettings(narration=NarrationSettings(output_dir=tmp_path / "out"))
    watch([str(tmp_path / "posts")], settings, 0.01, rounds.append, rounds=3, run=flaky)
    assert [r.error for r in rounds] == ["feed down", "feed down", None]
    assert [r.wait for r in rounds] == [0.02, 0.04, 0.01]
