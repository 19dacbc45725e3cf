"""Find and run ffmpeg: the one on PATH, else the binary imageio-ffmpeg ships. Audio encodes
with it, engines (gTTS) decode with it, tags and inspect read files with it."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Sequence

import numpy as np

from narrate.errors import AudioError


@functools.lru_cache(maxsize=1)
def ffmpeg_path() -> str:
    """Path of the ffmpeg to use; NARRATE_FFMPEG overrides the search."""
    chosen = os.environ.get("NARRATE_FFMPEG") or shutil.which("ffmpeg")
    if not chosen:
        try:
            import imageio_ffmpeg

            chosen = imageio_ffmpeg.get_ffmpeg_exe()
        except (ImportError, RuntimeError):
            chosen = None
    if not chosen or not os.access(chosen, os.X_OK):
        raise AudioError(
            "ffmpeg not found: install it (apt install ffmpeg) or `pip install imageio-ffmpeg`"
        )
    return chosen


def run_ffmpeg(args: Sequence[str], *, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ffmpeg quietly with `args`; AudioError with its last error line on failure."""
    command = [ffmpeg_path(), "-hide_banner", "-nostdin", "-y", *args]
    try:
        result = subprocess.run(command, input=input, capture_output=True, check=False)
    except OSError as error:
        raise AudioError(f"cannot run ffmpeg ({ffmpeg_path()}): {error.strerror}") from error
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AudioError(
            f"ffmpeg failed: {lines[-1] if lines else 'exit ' + str(result.returncode)}"
        )
    return result


def decode_file(path: str, sample_rate: int | None = None) -> tuple[np.ndarray, int]:
    """Decode an audio file to mono int16 samples; returns (samples, sample rate)."""
    rate_args = ["-ar", str(sample_rate)] if sample_rate else []
    probe = run_ffmpeg(
        ["-i", path, "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", *rate_args, "pipe:1"]
    )
    if sample_rate is None:
        sample_rate = _input_rate(probe.stderr.decode("utf-8", "replace"))
    return np.frombuffer(probe.stdout, dtype=np.int16).copy(), sample_rate


def _input_rate(log: str) -> int:
    import re

    match = re.search(r"Audio: .*?(\d+) Hz", log)
    if not match:
        raise AudioError("ffmpeg did not report a sample rate")
    return int(match.group(1))
