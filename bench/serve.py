"""`narrate serve` under load: a real server in a subprocess, 50 different short posts
submitted at once by 10 clients, then the same with a kill -9 of the server half-way and a
restart.

Prints, for each run: accepted, done, failed, lost (accepted and never done nor failed),
p50 and p95 seconds from POST to done (polled every 0.25 s), the peak memory of the server's
process tree (PSS, psutil) and the wall time. Each run has its own empty sentence cache and
its own posts, so every sentence is synthesized.

Usage: nice python bench/serve.py [--posts 50] [--clients 10] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from measure import mib, tree_memory  # noqa: E402

TOKEN = "bench-token"
POLL_SECONDS = 0.25
DEADLINE_SECONDS = 900.0
PLACES = ["Ashford", "Brookline", "Cedar Falls", "Dunmore", "Eastport", "Fairhaven",
          "Glenwood", "Hillsborough", "Ironton", "Jamestown"]  # fmt: skip


def post(number: int, run: int) -> dict:
    """A short post (two sentences), different from every other one."""
    place = PLACES[number % len(PLACES)]
    return {
        "markdown": f"The {place} council met on day {number + 100 * run}. "
        f"It approved {number + 3} new benches for the harbor walk.",
        "title": f"{place} note {number} of run {run}",
        "lang": "en",
    }


@dataclass
class Server:
    folder: Path
    env: dict[str, str]
    port: int
    process: subprocess.Popen[bytes] | None = None
    peak: int = 0
    _sampling: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, workers: int) -> None:
        command = [
            sys.executable, "-c", "from narrate.cli import main; main()", "serve",
            str(self.folder), "--port", str(self.port), "--workers", str(workers),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        end = time.monotonic() + 120
        while time.monotonic() < end:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    threading.Thread(target=self._sample, daemon=True).start()
                    return
            time.sleep(0.2)
        raise RuntimeError("the server did not start")

    def _sample(self) -> None:
        assert self.process is not None
        root = psutil.Process(self.process.pid)
        while self.process.poll() is None:
            self.peak = max(self.peak, tree_memory(root))
            time.sleep(POLL_SECONDS)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=120)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def submit_all(server: Server, posts: list[dict], clients: int) -> dict[str, float]:
    """Submit `posts` from `clients` threads at once; returns accepted id -> POST time."""
    accepted: dict[str, float] = {}
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(share: list[dict]) -> None:
        with httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60) as http:
            start.wait()
            for body in share:
                sent = time.monotonic()
                response = http.post(f"{server.url}/v1/narrations", json=body)
                if response.status_code == 202:
                    with lock:
                        accepted[response.json()["id"]] = sent

    threads = [threading.Thread(target=client, args=(posts[n::clients],)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return accepted


def statuses(server: Server) -> dict[str, str]:
    with contextlib.suppress(httpx.HTTPError):
        response = httpx.get(
            f"{server.url}/v1/narrations?limit=1000",
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=10,
        )
        return {job["id"]: job["status"] for job in response.json()["narrations"]}
    return {}


def run(label: str, posts: int, clients: int, workers: int, kill_half_way: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="narrate-bench-serve-") as tmp:
        folder = Path(tmp) / "out"
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "NARRATE_TOKEN": TOKEN}
        server = Server(folder, env, free_port())
        server.start(workers)
        began = time.monotonic()
        accepted = submit_all(server, [post(n, int(kill_half_way)) for n in range(posts)], clients)
        finished: dict[str, float] = {}
        failed: set[str] = set()
        killed = False
        try:
            while time.monotonic() - began < DEADLINE_SECONDS and len(finished) + len(failed) < len(
                accepted
            ):
                now = time.monotonic()
                for job_id, status in statuses(server).items():
                    if job_id in accepted and job_id not in finished and job_id not in failed:
                        if status == "done":
                            finished[job_id] = now
                        elif status == "failed":
                            failed.add(job_id)
                if kill_half_way and not killed and len(finished) >= len(accepted) // 2:
                    server.kill()
                    killed = True
                    server.start(workers)
                time.sleep(POLL_SECONDS)
        finally:
            server.stop()
        wall = time.monotonic() - began
    waits = sorted(finished[i] - accepted[i] for i in finished)
    p50 = statistics.median(waits) if waits else float("nan")
    p95 = waits[max(0, round(0.95 * len(waits)) - 1)] if waits else float("nan")
    lost = len(accepted) - len(finished) - len(failed)
    print(
        f"{label:<28} accepted {len(accepted):>3}  done {len(finished):>3}  "
        f"failed {len(failed):>2}  lost {lost:>2}  p50 {p50:6.1f} s  p95 {p95:6.1f} s  "
        f"peak {mib(server.peak):>8}  wall {wall:6.1f} s",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"{args.posts} posts, {args.clients} clients, {args.workers} narrations at once")
    run("steady", args.posts, args.clients, args.workers, kill_half_way=False)
    run("kill -9 half-way, restart", args.posts, args.clients, args.workers, kill_half_way=True)


if __name__ == "__main__":
    main()
