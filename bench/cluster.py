"""Local process pool vs a 2-worker Dask LocalCluster on the same 20 posts, and the figures
for planning a cluster past one machine.

Prints, measured in this one run: throughput (audio seconds per wall second) of the local
pool and of the cluster (its start-up included), their ratio (the overhead of going through
Dask on one machine), the scheduling overhead per chunk (a round trip of a no-op task), the
bytes moved per audio second (FLAC from the workers), and from those an estimate of the
throughput of N machines. Every run starts from a new empty user cache folder
(XDG_CACHE_HOME: no sentence cache, no model digests), as on a new machine.

Usage: python bench/cluster.py [--posts N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from narrate import BatchSettings, NarrationSettings, batch
from narrate.audio.loudness import level_chunk
from narrate.speaking.cluster import DaskExecutor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import write_posts  # bench/batch.py: the same 20 posts

NO_OP_TASKS = 400
LINK_BYTES_PER_SECOND = 125e6  # a 1 Gb/s network link


def timed(work: Path, name: str, executor_factory=None) -> tuple[float, object]:
    """One batch of the posts into its own folder, with its own new empty user cache folder
    (and sentence cache in it); Dask's workers inherit the environment."""
    os.environ["XDG_CACHE_HOME"] = str(work / f"user-cache-{name}")
    settings = BatchSettings(
        narration=NarrationSettings(output_dir=work / name, cache_dir=work / f"cache-{name}")
    )
    started = time.perf_counter()
    result = batch([str(work / "posts")], settings, executor_factory=executor_factory)
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"{name} batch failed: {result.failed}")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_posts(work / "posts", args.posts)
        local_time, local = timed(work, "local")

        executors: list[DaskExecutor] = []

        def cluster_factory(voice, engine):
            executor = DaskExecutor("local:2", voice, level_chunk)
            executors.append(executor)
            return executor

        cluster_time, remote = timed(work, "dask", cluster_factory)
        stats = executors[0].stats()

        # Scheduling overhead: round trips of tasks that do nothing, on a fresh 2-worker cluster.
        from narrate.voices import get_voice

        probe = DaskExecutor("local:2", get_voice())
        try:
            futures = probe.client.map(abs, range(NO_OP_TASKS), pure=False)
            started = time.perf_counter()
            futures = probe.client.map(abs, range(NO_OP_TASKS, 2 * NO_OP_TASKS), pure=False)
            probe.client.gather(futures)
            per_chunk = (time.perf_counter() - started) / NO_OP_TASKS
        finally:
            probe.close()

    audio = local.audio_seconds
    chunk_audio = stats.audio_samples / 22050 / max(stats.chunks, 1)
    bytes_per_audio_second = stats.audio_bytes / (stats.audio_samples / 22050)
    local_rate = audio / local_time
    cluster_rate = remote.audio_seconds / cluster_time
    print(
        f"{args.posts} posts, {audio:.1f} s of audio, {stats.chunks} chunks "
        f"({chunk_audio:.2f} s of audio each on average)"
    )
    print(f"  local process pool:      {local_time:6.1f} s wall, {local_rate:5.1f} audio s/s")
    print(
        f"  2-worker LocalCluster:   {cluster_time:6.1f} s wall, {cluster_rate:5.1f} audio s/s "
        "(cluster start-up included)"
    )
    print(f"  overhead ratio cluster / local: {cluster_time / local_time:.2f}")
    print(
        f"  scheduling overhead: {per_chunk * 1000:.2f} ms per chunk "
        f"(a no-op task's round trip; {per_chunk / (local_time / stats.chunks):.1%} of a "
        "chunk's synthesis here)"
    )
    print(f"  bytes moved: {bytes_per_audio_second / 1000:.1f} kB per audio second (FLAC)")
    per_core = local_rate / 2
    scheduler_limit = chunk_audio / per_chunk
    network_limit = LINK_BYTES_PER_SECOND / bytes_per_audio_second
    print("planning (2-core machines like this one; the scheduler and a 1 Gb/s link as limits):")
    for machines in (1, 4, 16, 64):
        estimate = min(machines * 2 * per_core, scheduler_limit, network_limit)
        print(
            f"  {machines:3d} machines: ~{estimate:8.0f} audio s per wall s "
            "(= hours of audio per hour)"
        )
    print(f"  limits: scheduler ~{scheduler_limit:.0f}, network ~{network_limit:.0f} audio s/s")


if __name__ == "__main__":
    main()
