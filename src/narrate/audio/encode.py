"""Encode a narration with ffmpeg, fed through a pipe: MP3 by default, or M4A, Ogg, WAV."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np

from narrate.audio import loudness
from narrate.audio.formats import EncodeSettings, output_format
from narrate.errors import AudioError
from narrate.ffmpeg import ffmpeg_path


def encode(samples: np.ndarray, sample_rate: int, path: Path, settings: EncodeSettings) -> None:
    """Write `samples` (mono int16) to `path`, loudness-normalized when a target is set."""
    if settings.loudness is not None and samples.size:
        samples = loudness.normalize_loudness(samples, sample_rate, aimed(settings))
    encode_blocks([samples], sample_rate, path, settings)


def aimed(settings: EncodeSettings) -> loudness.LoudnessTarget:
    """The loudness target the encoder's input is leveled to: the settings' target, raised
    by what the format's codec takes off (Format.loudness_loss)."""
    target = settings.loudness or loudness.LoudnessTarget()
    loss = output_format(settings.format).loudness_loss
    return replace(target, integrated=target.integrated + loss)


def encode_blocks(
    blocks: Iterable[np.ndarray], sample_rate: int, path: Path, settings: EncodeSettings
) -> int:
    """Encode mono int16 `blocks` to `path` as they come, through a pipe into ffmpeg (no
    leveling here: see audio.stream, which calls this from a thread of its own, so that
    the narration is joined and measured while ffmpeg encodes); returns how many samples
    were written."""
    fmt = output_format(settings.format)
    command = [
        ffmpeg_path(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
        "-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0",
        "-ac", "1", "-ar", str(sample_rate), "-c:a", fmt.codec,
    ]  # fmt: skip
    if fmt.lossy:
        command += ["-b:a", settings.bitrate, "-cutoff", str(loudness.BANDWIDTH_HZ + 500)]
    if fmt.codec == "libmp3lame":
        # LAME's -q 7: a third faster than the default, no audible loss for speech at 64 kb/s.
        command += ["-compression_level", "7"]
    if fmt.suffix == "mp3":
        command += ["-write_xing", "1", "-id3v2_version", "0", "-write_id3v1", "0"]
    command += ["-f", fmt.muxer, str(path)]
    written = 0
    with tempfile.TemporaryFile() as log:
        try:
            encoder = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=log)
        except OSError as error:
            raise AudioError(f"cannot run ffmpeg ({command[0]}): {error.strerror}") from error
        assert encoder.stdin is not None
        broken = False
        try:
            for block in blocks:
                try:
                    encoder.stdin.write(np.ascontiguousarray(block, dtype=np.int16))
                except BrokenPipeError:
                    broken = True  # ffmpeg stopped early: its exit status and log say why
                    break
                written += block.size
            with contextlib.suppress(BrokenPipeError):
                encoder.stdin.close()
        except BaseException:
            encoder.kill()
            with contextlib.suppress(OSError):
                encoder.stdin.close()
            encoder.wait()
            raise
        if encoder.wait() != 0 or broken:
            log.seek(0)
            lines = log.read().decode("utf-8", "replace").strip().splitlines()
            first_line = lines[-1] if lines else f"exit {encoder.returncode}"
            raise AudioError(f"encoding {path.name} failed: {first_line}")
    return written
