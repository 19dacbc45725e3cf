"""What to encode to, as settings: formats, bitrate, loudness target. A module of its own,
free of numpy and ffmpeg, so that settings and plans load without the audio stage."""

from __future__ import annotations

from dataclasses import dataclass

from narrate.errors import UsageError


@dataclass(frozen=True)
class LoudnessTarget:
    """Integrated loudness in LUFS and the true-peak ceiling in dBTP."""

    integrated: float = -16.0
    true_peak: float = -1.0


@dataclass(frozen=True)
class Format:
    """An output format: file suffix, ffmpeg muxer and codec, and the MIME type."""

    suffix: str
    muxer: str
    codec: str
    mime: str
    lossy: bool = True
    #: LU the encoded file reads below its input (ffmpeg's ebur128 on the bench articles):
    #: leveling aims that much higher, so the file itself meets the target.
    loudness_loss: float = 0.0


FORMATS = {
    # CBR MP3 with a Xing/LAME "Info" header so players show the exact duration.
    # LAME at 64 kb/s reads 0.4 LU quieter than its input (AAC and Vorbis within 0.1).
    "mp3": Format("mp3", "mp3", "libmp3lame", "audio/mpeg", loudness_loss=0.3),
    "m4a": Format("m4a", "ipod", "aac", "audio/mp4"),
    # Vorbis, not Opus: Opus cannot run at the voices' 22.05 kHz.
    "ogg": Format("ogg", "ogg", "libvorbis", "audio/ogg"),
    "wav": Format("wav", "wav", "pcm_s16le", "audio/wav", lossy=False),
}


@dataclass(frozen=True)
class EncodeSettings:
    format: str = "mp3"
    bitrate: str = "64k"
    loudness: LoudnessTarget | None = LoudnessTarget()


def audio_media_type(name: str) -> str | None:
    """The MIME type of an audio file narrate writes, by its name or suffix ("x.mp3",
    ".mp3", "mp3"); None for anything else. The one table of them: FORMATS."""
    suffix = name.rsplit(".", 1)[-1].lower()
    found = FORMATS.get(suffix)
    return found.mime if found else None


def output_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UsageError(f"unknown audio format {name!r}; choose one of {known}") from None
