"""`narrate batch` end to end, with real synthesis on short posts: change detection through
the state file and the cache, failure isolation, a killed run resuming, the feed."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import feedparser
import numpy as np
import pytest
from range_server import serve
from typer.testing import CliRunner

from narrate.batching.run import BatchSettings, batch
from narrate.batching.state import STATE_NAME
from narrate.cli import app
from narrate.ffmpeg import decode_file
from narrate.pipeline import NarrationSettings

pytestmark = pytest.mark.slow

DISCLOSURE = "This audio is created with AI assistance."
POSTS = 20


def write_posts(folder: Path, count: int = POSTS) -> list[Path]:
    """`count` small posts, one or two sentences each, dated one day apart."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        second = f" Crew member {n} waved." if n % 2 else ""
        path = folder / f"post-{n:02d}.md"
        day = date(2025, 3, 1) + timedelta(days=n - 1)
        path.write_text(
            f"---\ntitle: Harbor note {n}\ndate: {day}\n---\n\n"
            f"The ferry made trip number {n}.{second}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One sentence cache for the module: the first test fills it, later ones reuse it."""
    return tmp_path_factory.mktemp("sentence-cache")


def settings_for(output: Path, cache: Path, **options) -> BatchSettings:
    narration = NarrationSettings(output_dir=output, cache_dir=cache, jobs=2)
    return BatchSettings(narration=narration, **options)


def decoded(path: Path) -> np.ndarray:
    return decode_file(str(path))[0]


def test_a_second_run_speaks_no_chunk(tmp_path, shared_cache):
    write_posts(tmp_path / "posts")
    settings = settings_for(tmp_path / "out", shared_cache)
    first = batch([str(tmp_path / "posts")], settings)
    assert [p.status for p in first.posts] == ["narrated"] * POSTS
    # Titles and sentences, the disclosure only once: every chunk synthesized or cached.
    assert first.synthesized + first.cached > POSTS
    assert len(list((tmp_path / "out").glob("*.mp3"))) == POSTS

    second = batch([str(tmp_path / "posts")], settings)
    assert [p.status for p in second.posts] == ["unchanged"] * POSTS
    # Unchanged posts are left before speaking: no chunk synthesized, none even read back.
    assert second.synthesized == 0 and second.cached == 0


def test_a_post_whose_audio_is_missing_or_damaged_is_narrated_again(tmp_path, shared_cache):
    write_posts(tmp_path / "posts", 3)
    settings = settings_for(tmp_path / "out", shared_cache)
    first = batch([str(tmp_path / "posts")], settings)
    first.posts[0].path.unlink()
    first.posts[1].path.write_bytes(b"")  # what a power cut before fsync can leave
    again = batch([str(tmp_path / "posts")], settings)
    assert [(p.status, p.reason) for p in again.posts] == [
        ("narrated", "output missing"),
        ("narrated", "output damaged"),
        ("unchanged", ""),
    ]
    assert decoded(again.posts[1].path).size > 0


def test_editing_one_sentence_resynthesizes_exactly_one_chunk(tmp_path, shared_cache):
    posts = write_posts(tmp_path / "posts")
    settings = settings_for(tmp_path / "out", shared_cache)
    batch([str(tmp_path / "posts")], settings)
    edited = posts[6]
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("trip number 7", "trip number seventy"),
        encoding="utf-8",
    )
    result = batch([str(tmp_path / "posts")], settings)
    assert result.synthesized == 1
    changed = result.with_status("narrated")
    assert [(p.id, p.reason) for p in changed] == [(str(edited.resolve()), "changed")]
    assert len(result.with_status("unchanged")) == POSTS - 1


def test_a_broken_post_fails_alone_and_the_exit_code_says_so(tmp_path, shared_cache):
    write_posts(tmp_path / "posts", 3)
    (tmp_path / "posts" / "broken.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "posts" / "empty.md").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["batch", str(tmp_path / "posts"), "-o", str(tmp_path / "out"), "--json",
         "--cache-dir", str(shared_cache), "-j", "2"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["narrated"] == 3 and report["counts"]["failed"] == 2
    failures = {Path(p["id"]).name: p["error"] for p in report["posts"] if p["error"]}
    assert "binary" in failures["broken.txt"] and "empty" in failures["empty.md"]
    state = sqlite3.connect(tmp_path / "out" / STATE_NAME)
    assert state.execute("SELECT COUNT(*) FROM posts WHERE status = 'failed'").fetchone() == (2,)


def test_the_feed_lists_every_post_newest_first_with_true_enclosures(tmp_path, shared_cache):
    write_posts(tmp_path / "posts", 4)
    settings = settings_for(tmp_path / "out", shared_cache, base_url="https://news.example/audio/")
    result = batch([str(tmp_path / "posts")], settings)
    feed = feedparser.parse(result.feed.read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [f"Harbor note {n}" for n in (4, 3, 2, 1)]
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        name = enclosure.href.rsplit("/", 1)[1]
        assert enclosure.href == f"https://news.example/audio/{name}"
        assert int(enclosure.length) == (tmp_path / "out" / name).stat().st_size
        assert enclosure.type == "audio/mpeg"
        assert DISCLOSURE in entry.summary
        assert entry.itunes_duration.startswith("0:00:")
    text = result.feed.read_text(encoding="utf-8")
    assert text.count("<podcast:transcript") == 4 and "text/vtt" in text
    assert "<itunes:category" in text and "<itunes:explicit>" in text


def test_dry_run_lists_the_work_and_writes_nothing(tmp_path, shared_cache):
    write_posts(tmp_path / "posts", 3)
    settings = settings_for(tmp_path / "out", shared_cache, dry_run=True, limit=2)
    result = batch([str(tmp_path / "posts")], settings)
    assert [p.status for p in result.posts] == ["planned", "planned", "skipped"]
    assert result.posts[0].path == tmp_path / "out" / "harbor-note-1.mp3"
    assert not (tmp_path / "out").exists()


def test_since_leaves_out_older_posts(tmp_path, shared_cache):
    write_posts(tmp_path / "posts", 3)
    settings = settings_for(tmp_path / "out", shared_cache, since="2025-03-02")
    result = batch([str(tmp_path / "posts")], settings)
    assert [p.status for p in result.posts] == ["skipped", "narrated", "narrated"]


def test_posts_with_the_same_title_get_files_of_their_own(tmp_path, shared_cache):
    for name in ("a.md", "b.md"):
        (tmp_path / "posts").mkdir(exist_ok=True)
        (tmp_path / "posts" / name).write_text(
            f"# Same title\n\nPost {name[0]} says hello.\n", encoding="utf-8"
        )
    result = batch([str(tmp_path / "posts")], settings_for(tmp_path / "out", shared_cache))
    paths = [p.path for p in result.posts]
    assert len(set(paths)) == 2 and all(p.is_file() for p in paths)


def run_batch_process(posts: Path, output: Path, cache: Path) -> subprocess.Popen:
    narrate = Path(sys.executable).parent / "narrate"
    return subprocess.Popen(
        [str(narrate), "batch", str(posts), "-o", str(output), "--cache-dir", str(cache),
         "-j", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: workers are killed with it
    )  # fmt: skip


def done_posts(output: Path) -> dict[str, str]:
    try:
        with sqlite3.connect(output / STATE_NAME, timeout=5) as db:
            rows = db.execute("SELECT id, output FROM posts WHERE status = 'done'")
            return dict(rows.fetchall())
    except sqlite3.OperationalError:  # not created yet
        return {}


def test_a_killed_run_resumes_to_the_same_audio_and_redoes_no_finished_post(tmp_path, shared_cache):
    posts = 50  # enough that the kill lands part way, however fast the voice
    write_posts(tmp_path / "posts", posts)
    reference = batch([str(tmp_path / "posts")], settings_for(tmp_path / "reference", shared_cache))
    assert reference.ok
    # A cold cache of its own, so the run is slow enough to be killed part way.
    process = run_batch_process(tmp_path / "posts", tmp_path / "out", tmp_path / "cold-cache")
    deadline = time.monotonic() + 120
    while not done_posts(tmp_path / "out") and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = done_posts(tmp_path / "out")
    assert 1 <= len(finished) < posts
    visible = [p for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")]
    for path in visible:  # only whole files are ever in view
        assert path.suffix in (".mp3", ".vtt", ".json")
    stamps = {name: (tmp_path / "out" / name).stat().st_mtime_ns for name in finished.values()}

    resumed = batch(
        [str(tmp_path / "posts")], settings_for(tmp_path / "out", tmp_path / "cold-cache")
    )
    assert resumed.ok
    assert {p.id for p in resumed.with_status("unchanged")} == set(finished)
    assert len(resumed.with_status("narrated")) == posts - len(finished)
    for name, stamp in stamps.items():
        assert (tmp_path / "out" / name).stat().st_mtime_ns == stamp
    assert not list((tmp_path / "out").glob(".*.part"))
    for post in reference.posts:
        np.testing.assert_array_equal(
            decoded(tmp_path / "out" / post.path.name), decoded(post.path)
        )


def test_ctrl_c_stops_with_one_line_and_a_consistent_state(tmp_path):
    write_posts(tmp_path / "posts", 80)  # still running when the signal lands, however fast
    process = run_batch_process(tmp_path / "posts", tmp_path / "out", tmp_path / "cache")
    deadline = time.monotonic() + 120
    while not done_posts(tmp_path / "out") and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode().strip().splitlines() == [
        "narrate: interrupted; nothing half-written was kept"
    ]
    finished = done_posts(tmp_path / "out")
    assert all((tmp_path / "out" / name).is_file() for name in finished.values())
    assert not list((tmp_path / "out").glob(".*.part"))


def test_a_retitled_post_moves_to_its_new_name(tmp_path, shared_cache):
    posts = write_posts(tmp_path / "posts", 2)
    settings = settings_for(tmp_path / "out", shared_cache)
    batch([str(tmp_path / "posts")], settings)
    posts[0].write_text(
        posts[0].read_text(encoding="utf-8").replace("Harbor note 1", "Harbor note one"),
        encoding="utf-8",
    )
    result = batch([str(tmp_path / "posts")], settings)
    assert result.posts[0].path == tmp_path / "out" / "harbor-note-one.mp3"
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert [n for n in names if n.startswith("harbor-note-1.")] == []
    assert "harbor-note-one.vtt" in names and "harbor-note-2.mp3" in names


def test_a_feed_url_is_a_source_of_posts(tmp_path, shared_cache):
    site = tmp_path / "site"
    site.mkdir()
    with serve(site) as base:
        (site / "feed.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
            f"<link>{base}</link><description>News</description>"
            f"<item><title>Tide tables</title><link>{base}tides.html</link>"
            "<pubDate>Mon, 10 Mar 2025 08:00:00 +0000</pubDate>"
            "<description><![CDATA[<p>High tide comes at noon.</p>]]></description>"
            "</item></channel></rss>",
            encoding="utf-8",
        )
        (site / "tides.html").write_text(
            "<html><head><title>Tide tables</title></head><body><article><h1>Tide tables"
            "</h1><p>High tide comes at noon today. Low tide follows at six.</p></article>"
            "</body></html>",
            encoding="utf-8",
        )
        result = batch([f"{base}feed.xml"], settings_for(tmp_path / "out", shared_cache))
    (post,) = result.posts
    assert post.status == "narrated" and post.title == "Tide tables"
    assert post.path == tmp_path / "out" / "tide-tables.mp3"


def test_voice_auto_casts_each_post_and_a_second_run_leaves_them_all(tmp_path, shared_cache):
    """--voice auto: each post gets the best voice for its own language (here an offline
    profile that says it speaks German), posts of two voices interleaved; a rerun finds
    every post unchanged under the voice it was narrated with."""
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "herz.toml").write_text(
        'name = "herz"\nengine = "hibari"\nlanguage = "de"\n'
        'description = "a test profile that claims German"\n',
        encoding="utf-8",
    )
    posts = tmp_path / "posts"
    posts.mkdir()
    for n, lang in enumerate(["en", "de", "en"], start=1):
        (posts / f"post-{n}.md").write_text(
            f"---\ntitle: Note {n}\nlang: {lang}\n---\n\nThe ferry left at noon, trip {n}.\n",
            encoding="utf-8",
        )
    narration = NarrationSettings(
        voice="auto", output_dir=tmp_path / "out", cache_dir=shared_cache, jobs=2,
        voice_dirs=(voices,),
    )  # fmt: skip
    first = batch([str(posts)], BatchSettings(narration=narration))
    assert [p.status for p in first.posts] == ["narrated"] * 3, first.posts
    spoken_by = {
        p.id.rsplit("/", 1)[-1]: json.loads(p.path.with_suffix(".json").read_text())["voice"]
        for p in first.posts
    }
    assert spoken_by == {"post-1.md": "heart", "post-2.md": "herz", "post-3.md": "heart"}
    second = batch([str(posts)], BatchSettings(narration=narration))
    assert [p.status for p in second.posts] == ["unchanged"] * 3
    assert second.synthesized == 0
