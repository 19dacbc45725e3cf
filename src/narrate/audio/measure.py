"""Measure a finished file's loudness with ffmpeg's ebur128 filter (ITU BS.1770): integrated
loudness and true peak, as a listener's player decodes it, encoder and all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from narrate.errors import AudioError
from narrate.ffmpeg import run_ffmpeg


@dataclass(frozen=True)
class MeasuredLoudness:
    """Integrated loudness in LUFS and true peak in dBTP (dBFS of the 4x oversampled signal)."""

    integrated: float
    true_peak: float


def measure_loudness(path: Path) -> MeasuredLoudness:
    """Decode `path` and measure it; AudioError when ffmpeg cannot."""
    log = run_ffmpeg(
        ["-nostats", "-i", str(path), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"]
    ).stderr.decode("utf-8", "replace")
    summary = log.split("Summary:")[-1]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated or not peak:
        raise AudioError(f"{path.name}: ffmpeg's loudness meter gave no summary")
    return MeasuredLoudness(float(integrated.group(1)), float(peak.group(1)))
