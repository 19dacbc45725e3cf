"""The API of a real server: who may submit, limits, a narration from POST to its files,
idempotence, Ghost's webhook and the callback."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import httpx
from mutagen.mp3 import MP3
from serve_harness import GHOST_SECRET, TOKEN, Server, markdown_post, running_server

from narrate.service.signatures import ghost_signature


def cache_entries(server: Server) -> int:
    """Entries in the server's sentence cache, as `narrate cache info` counts them."""
    out = subprocess.run(
        [sys.executable, "-c", "from narrate.cli import main; main()", "cache", "info", "--json"],
        env=server.env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return int(json.loads(out)["entries"])


def test_submission_without_a_token_is_401_without_detail(server):
    body = markdown_post("Nobody may submit without the token.")
    missing = httpx.post(f"{server.url}/v1/narrations", json=body)
    wrong = httpx.post(
        f"{server.url}/v1/narrations", json=body, headers={"Authorization": "Bearer nope"}
    )
    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert missing.content == wrong.content == b""
    assert httpx.get(f"{server.url}/v1/narrations").status_code == 401


def test_body_over_the_limit_is_413(server):
    response = server.submit(markdown_post("Long. " * 200_000))
    assert response.status_code == 413


def test_submission_without_an_article_is_400_with_the_reason(server):
    response = server.submit({"title": "Nothing to read"})
    assert response.status_code == 400
    assert "markdown" in response.json()["error"]


def test_markdown_post_is_narrated_and_served_with_range(server):
    response = server.submit(markdown_post("The harbor ferry was approved on Tuesday."))
    assert response.status_code == 202
    job = response.json()
    assert response.headers["location"] == job["status_url"]
    done = server.wait_for(job["id"])
    assert done["status"] == "done", done
    audio_url = done["files"]["audio"]
    assert audio_url == f"{server.url}/audio/{job['id']}.mp3"
    whole = httpx.get(audio_url)
    assert whole.headers["content-type"] == "audio/mpeg"
    assert "max-age" in whole.headers["cache-control"]
    part = httpx.get(audio_url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == whole.content[:100]
    assert MP3(server.folder / f"{job['id']}.mp3").info.length > 1.0
    feed = httpx.get(f"{server.url}/feed.xml").text
    assert f"{job['id']}.mp3" in feed
    assert httpx.get(done["files"]["captions"]).headers["content-type"].startswith("text/vtt")


def test_state_file_and_documents_are_not_served(server):
    for name in (".narrate-batch.sqlite", "..%2F.narrate-batch.sqlite", "feed.py"):
        assert httpx.get(f"{server.url}/audio/{name}").status_code == 404


def test_the_same_post_twice_is_one_narration_and_an_edit_costs_one_sentence(server):
    first_text = "The council met at noon. It approved the budget for the new school."
    link = "https://news.example.com/council-budget"
    post = markdown_post(first_text, title="Council budget", url=link)
    job = server.submit(post).json()
    assert server.wait_for(job["id"])["status"] == "done"
    entries = cache_entries(server)

    again = server.submit(post)
    assert again.status_code == 202 and again.json()["id"] == job["id"]
    assert again.json()["status"] == "done" and again.json()["attempts"] == 1
    assert cache_entries(server) == entries  # nothing synthesized

    edited = markdown_post(first_text.replace("noon", "nine"), title="Council budget", url=link)
    new = server.submit(edited).json()
    assert new["id"] != job["id"]
    assert server.wait_for(new["id"])["status"] == "done"
    assert cache_entries(server) == entries + 1  # only the edited sentence was spoken
    feed = feedparser.parse(httpx.get(f"{server.url}/feed.xml").content)
    items = [e for e in feed.entries if e.get("link") == link]
    assert [e.enclosures[0].href for e in items] == [f"{server.url}/audio/{new['id']}.mp3"]


def ghost_payload(uuid: str, html: str) -> bytes:
    post = {
        "id": "65f0c0ffee", "uuid": uuid, "title": "Ghost harbor news", "html": html,
        "url": "https://ghost.example.com/harbor/", "published_at": "2025-03-14T09:00:00.000Z",
        "primary_author": {"name": "Dana Whitfield"},
    }  # fmt: skip
    return json.dumps(
        {"event": "post.published", "post": {"current": post, "previous": {}}}
    ).encode()


def post_as_ghost(server: Server, body: bytes, signature: str) -> httpx.Response:
    headers = {"Content-Type": "application/json", "X-Ghost-Signature": signature}
    return httpx.post(f"{server.url}/v1/narrations", content=body, headers=headers)


def test_ghost_webhook_with_a_good_signature_is_narrated(server):
    body = ghost_payload("0a1b2c3d", "<p>The ferry sails from the new pier on Monday.</p>")
    response = post_as_ghost(
        server, body, ghost_signature(GHOST_SECRET, body, int(time.time() * 1000))
    )
    assert response.status_code == 202
    done = server.wait_for(response.json()["id"])
    assert done["status"] == "done", done
    assert done["post"] == "ghost:0a1b2c3d" and done["title"] == "Ghost harbor news"


def test_ghost_webhook_with_a_bad_or_old_signature_is_401(server):
    body = ghost_payload("9f8e7d6c", "<p>A forged post should never be narrated.</p>")
    now_ms = int(time.time() * 1000)
    wrong_secret = ghost_signature("not-the-secret", body, now_ms)
    tampered = ghost_signature(GHOST_SECRET, body.replace(b"forged", b"honest"), now_ms)
    stale = ghost_signature(GHOST_SECRET, body, now_ms - 3_600_000)
    for signature in (wrong_secret, tampered, stale, "sha256=00, t=1"):
        assert post_as_ghost(server, body, signature).status_code == 401
    with server.client as client:
        listed = client.get("/v1/narrations").json()["narrations"]
    assert not any(job["post"] == "ghost:9f8e7d6c" for job in listed)


def test_callback_gets_the_signed_final_status_after_a_failed_attempt(server):
    received: list[tuple[bytes, str]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, self.headers["X-Narrate-Signature"]))
            self.send_response(500 if len(received) == 1 else 204)  # the first one fails
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        callback = f"http://127.0.0.1:{receiver.server_port}/hook"
        post = markdown_post("The bridge reopens to cyclists next week.", callback=callback)
        job = server.submit(post).json()
        end = time.monotonic() + 60
        while len(received) < 2 and time.monotonic() < end:
            time.sleep(0.2)
    finally:
        receiver.shutdown()
    assert len(received) == 2
    body, signature = received[1]
    stamp, digest = (part.split("=", 1)[1] for part in signature.split(", "))
    expected = hmac.new(TOKEN.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(digest, expected)
    status = json.loads(body)
    assert status["id"] == job["id"] and status["status"] == "done"
    assert status["files"]["audio"].endswith(f"{job['id']}.mp3")


def test_a_submitted_private_address_is_refused_for_the_page_and_the_callback(tmp_path):
    from local_site import local_site

    hits: list[str] = []

    def page(handler: BaseHTTPRequestHandler) -> None:
        hits.append(handler.path)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"<html><body><article><p>Internal memo.</p></article></body></html>")

    with local_site({"/memo.html": page}) as base, running_server(tmp_path) as server:
        body = {"url": f"{base}/memo.html", "callback": f"{base}/hook"}
        job = server.submit(body).json()
        failed = server.wait_for(job["id"])
        assert failed["status"] == "failed" and "refused" in failed["error"]
        end = time.monotonic() + 10
        while server.status(job["id"])["callback"]["status"] == "pending":
            assert time.monotonic() < end
            time.sleep(0.2)
        assert server.status(job["id"])["callback"]["status"] == "failed"
    assert hits == []


def test_serve_without_a_token_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NARRATE_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-c", "from narrate.cli import main; main()", "serve", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "--token-file" in done.stderr
