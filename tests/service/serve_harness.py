"""A real `narrate serve` in a subprocess, talked to over HTTP with httpx."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

TOKEN = "test-token-0123456789"
GHOST_SECRET = "ghost-secret-abcdef"
START_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running server: its base URL, output folder, process and an authorized client."""

    url: str
    folder: Path
    process: subprocess.Popen[bytes]
    args: list[str]
    env: dict[str, str]
    log: Path

    @property
    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
        )

    def submit(self, body: dict) -> httpx.Response:
        with self.client as client:
            return client.post("/v1/narrations", json=body)

    def status(self, job_id: str) -> dict:
        with self.client as client:
            return client.get(f"/v1/narrations/{job_id}").json()

    def wait_for(self, job_id: str, statuses: tuple[str, ...] = ("done", "failed"), timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            view = self.status(job_id)
            if view["status"] in statuses:
                return view
            time.sleep(0.2)
        raise AssertionError(f"{job_id} still {view['status']} after {timeout} s")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def restart(self) -> Server:
        return start_server(self.folder, self.args, self.env, self.log)


def start_server(
    folder: Path, args: list[str], env: dict[str, str], log: Path | None = None
) -> Server:
    """Start `narrate serve folder args...` and wait until it answers."""
    port = free_port()
    (folder.parent / "token").write_text(TOKEN + "\n", encoding="utf-8")
    command = [
        sys.executable, "-c", "from narrate.cli import main; main()", "serve", str(folder),
        "--port", str(port), "--token-file", str(folder.parent / "token"), *args,
    ]  # fmt: skip
    log = log or folder.parent / f"server-{port}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    server = Server(url, folder, process, args, env, log)
    end = time.monotonic() + START_SECONDS
    while time.monotonic() < end:
        if process.poll() is not None:
            raise AssertionError(f"server exited {process.returncode}: {log.read_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return server
        time.sleep(0.2)
    process.kill()
    raise AssertionError(f"server did not start: {log.read_text()}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.process.kill()


def server_env(tmp: Path) -> dict[str, str]:
    """The environment of a server: its own sentence cache, the Ghost secret."""
    return {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "NARRATE_GHOST_SECRET": GHOST_SECRET,
        "PYTHONUNBUFFERED": "1",
    }


@contextlib.contextmanager
def running_server(tmp: Path, *args: str) -> Iterator[Server]:
    server = start_server(tmp / "out", list(args), server_env(tmp))
    try:
        yield server
    finally:
        stop(server)


def markdown_post(text: str, title: str = "Harbor news", **meta: str) -> dict:
    return {"markdown": text, "title": title, "lang": "en", **meta}
