"""Nothing lost: a full queue is 429, kill -9 then a restart finishes every accepted job,
SIGTERM refuses new work, finishes what runs and exits 0."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import feedparser
import httpx
from mutagen.mp3 import MP3
from serve_harness import markdown_post, running_server, stop

SENTENCES = (
    "The ferry leaves the harbor at dawn.",
    "It carries cars, bicycles and the morning post.",
    "The crossing takes forty minutes in calm weather.",
    "On stormy days the captain waits for the wind to drop.",
    "Passengers drink coffee on the upper deck.",
    "The return trip starts at noon.",
)


def long_post(n: int) -> dict:
    return markdown_post(" ".join(f"Post {n}. {s}" for s in SENTENCES), title=f"Ferry {n}")


def jobs_in(folder) -> dict[str, tuple[str, int]]:
    with sqlite3.connect(folder / ".narrate-batch.sqlite") as db:
        return {
            row[0]: (row[1], row[2]) for row in db.execute("SELECT id, status, attempts FROM jobs")
        }


def test_full_queue_is_429_with_retry_after(tmp_path):
    with running_server(tmp_path, "--workers", "1", "--max-queued", "1") as server:
        answers = [server.submit(long_post(n)) for n in range(4)]
        codes = [a.status_code for a in answers]
        assert 429 in codes and codes.count(202) >= 1
        refused = answers[codes.index(429)]
        assert int(refused.headers["retry-after"]) > 0
        accepted = [a.json()["id"] for a in answers if a.status_code == 202]
        refused_ids = set(jobs_in(server.folder)) - set(accepted)
        assert not refused_ids  # a refused post was not stored


def test_kill_9_then_restart_finishes_every_accepted_job(tmp_path):
    with running_server(tmp_path, "--workers", "1") as server:
        ids = [server.submit(long_post(n)).json()["id"] for n in range(4)]
        server.wait_for(ids[0], ("running",))
        server.kill()
        assert any(status != "done" for status, _ in jobs_in(server.folder).values())
        # What is visible under a served name is whole: a half-written file is hidden.
        for path in server.folder.glob("[!.]*.mp3"):
            assert MP3(path).info.length > 1.0
        restarted = server.restart()
        try:
            for job_id in ids:
                assert restarted.wait_for(job_id, timeout=240)["status"] == "done"
            jobs = jobs_in(server.folder)
            assert all(jobs[i][0] == "done" for i in ids)
            assert jobs[ids[0]][1] == 2  # the job the kill cut short ran again, once
            feed = feedparser.parse(httpx.get(f"{restarted.url}/feed.xml").content)
            enclosures = {e.enclosures[0].href.rsplit("/", 1)[-1] for e in feed.entries}
            assert enclosures == {f"{i}.mp3" for i in ids}
            for job_id in ids:
                assert MP3(server.folder / f"{job_id}.mp3").info.length > 5.0
            assert not list(server.folder.glob("*.part"))
        finally:
            stop(restarted)


def test_sigterm_refuses_new_work_finishes_what_runs_and_exits_0(tmp_path):
    with running_server(tmp_path, "--workers", "1", "--grace", "120") as server:
        job_id = server.submit(long_post(1)).json()["id"]
        server.wait_for(job_id, ("running",))
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        late = server.submit(long_post(2))
        assert late.status_code == 503 and "retry-after" in late.headers
        assert server.process.wait(timeout=120) == 0
        assert jobs_in(server.folder)[job_id][0] == "done"
        assert len(jobs_in(server.folder)) == 1


def test_sigterm_without_grace_queues_the_running_job_again(tmp_path):
    with running_server(tmp_path, "--workers", "1", "--grace", "0") as server:
        job_id = server.submit(long_post(3)).json()["id"]
        server.wait_for(job_id, ("running",))
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=60) == 0
        assert jobs_in(server.folder)[job_id][0] == "queued"
        restarted = server.restart()
        try:
            assert restarted.wait_for(job_id)["status"] == "done"
        finally:
            stop(restarted)


def test_a_narration_past_the_deadline_fails_with_the_reason(tmp_path):
    with running_server(tmp_path, "--deadline", "1") as server:
        text = " ".join(f"Item {n}. {s}" for n in range(5) for s in SENTENCES)
        job_id = server.submit(markdown_post(text, title="A long ferry log")).json()["id"]
        failed = server.wait_for(job_id)
        assert failed["status"] == "failed" and "longer than 1 s" in failed["error"]
        assert not (server.folder / f"{job_id}.mp3").exists()


def test_a_second_server_on_the_same_folder_is_refused(tmp_path):
    with running_server(tmp_path) as server:
        second = subprocess.run(
            [sys.executable, "-c", "from narrate.cli import main; main()", "serve",
             str(server.folder), "--port", "0"],
            env={**server.env, "NARRATE_TOKEN": "t"}, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert second.returncode == 2
    assert second.stderr.count("\n") == 1 and "another" in second.stderr
