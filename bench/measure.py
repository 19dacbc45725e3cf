"""Measure a command as a user meets it: a whole process, its wall time and the peak memory
of its whole process tree (pool workers, forkserver, ffmpeg included) as proportional set
size, sampled with psutil."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_EVERY = 0.02  # seconds between memory samples


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    peak_rss: int  # bytes: the largest PSS of the process and its descendants together


def run_measured(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    stdin: Path | None = None,
    cwd: Path | None = None,
    sample_every: float = SAMPLE_EVERY,
) -> Run:
    """Run `command` to completion (raising on failure); its wall time and peak tree RSS.
    Each sample reads every process's memory map (a few ms of CPU each): runs compared by
    wall time take the same `sample_every`."""
    handle = stdin.open("rb") if stdin else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        stdin=handle,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        cwd=cwd,
    )
    peak = 0
    try:
        root = psutil.Process(process.pid)
        while process.poll() is None:
            peak = max(peak, tree_memory(root))
            time.sleep(sample_every)
    except psutil.Error:
        pass
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    if stdin:
        handle.close()
    if process.returncode:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {stderr.decode()[-500:]}")
    return Run(wall, peak)


def tree_memory(root: psutil.Process) -> int:
    """The tree's proportional set size: each page counted once, shared ones split between
    the processes that share them (a pool's workers share what their forkserver loaded; a
    sum of RSS would count those pages once per worker)."""
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_full_info().pss
    return total


def user_cache_env(cache_home: Path) -> dict[str, str]:
    """The environment of a narrate run whose user cache folder (XDG_CACHE_HOME: the sentence
    cache, model digests, anything a library unpacks) is `cache_home`. A new empty folder is
    a new user's first run, on a new machine, container or CI job ("cold"); the same folder
    again is a later run on that machine ("warm")."""
    return {**os.environ, "XDG_CACHE_HOME": str(cache_home)}


def ffmpeg() -> str:
    """The ffmpeg narrate would use: the one on PATH, else imageio-ffmpeg's."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def median_run(runs: Sequence[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs), int(statistics.median(r.peak_rss for r in runs))
    )


def mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"
