"""Inspect an audio file: duration, sample rate, bit rate, loudness (ffmpeg's ebur128), tags,
chapters, and the state of its AI-assistance disclosure.

The disclosure is checked four ways:

- tagged: a human-readable disclosure tag (AI_DISCLOSURE; the comment players show is
  reported beside it);
- machine-readable: DIGITAL_SOURCE_TYPE is IPTC's trainedAlgorithmicMedia, in the tags or
  in valid C2PA credentials;
- spoken: no tag can prove words were spoken, and this check does not listen to them. What
  it can check honestly: narrate records where the disclosure sentence sounds (the
  DISCLOSURE_SPOKEN_AT tag, or the `.json` manifest beside the file when its audio hash
  matches), and that stretch of the audio must hold sound at speech level, not silence;
- C2PA: credentials present, and valid (intact and correctly signed; whether the signer is
  trusted is reported apart).

The disclosure counts as missing, and `narrate inspect` exits 1, when the file is not
tagged, not machine-readable, or carries C2PA credentials that fail validation.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import mutagen
import numpy as np

from narrate.audio.loudness import integrated_loudness
from narrate.audio.measure import MeasuredLoudness, measure_loudness
from narrate.disclosure import IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.errors import AudioError, UsageError
from narrate.ffmpeg import run_ffmpeg
from narrate.publish.manifest import file_sha256
from narrate.tags.c2pa import SIGNABLE, Credentials, read_credentials
from narrate.tags.labels import DISCLOSURE_KEY, SOURCE_TYPE_KEY, SPOKEN_AT_KEY, parse_spoken_range
from narrate.tags.read import ChapterMark, FileTags, audio_format, read_tags

# Speech is leveled near -16 LUFS; a stretch quieter than this holds no speech worth the name.
SPEECH_LUFS = -40.0
METER_RATE = 16000  # enough for a level check of speech, and quick to decode


@dataclass(frozen=True)
class SpokenCheck:
    """Where the disclosure is recorded to sound, by what record, and whether sound is there."""

    start: float
    end: float
    recorded_in: str  # "tag" or "manifest"
    loudness: float  # LUFS of that stretch of audio
    sound: bool


@dataclass(frozen=True)
class DisclosureStatus:
    text: str | None
    comment: str | None
    tagged: bool
    machine_readable: bool
    spoken: SpokenCheck | None
    credentials: Credentials | None

    @property
    def complete(self) -> bool:
        """Tagged and machine-readable, with no C2PA credentials that fail validation."""
        intact = self.credentials is None or self.credentials.valid
        return self.tagged and self.machine_readable and intact


@dataclass(frozen=True)
class Inspection:
    path: str
    format: str
    duration: float
    sample_rate: int
    channels: int
    bitrate: int
    loudness: MeasuredLoudness
    tags: FileTags
    disclosure: DisclosureStatus

    @property
    def chapters(self) -> tuple[ChapterMark, ...]:
        return self.tags.chapters

    def as_data(self) -> dict[str, Any]:
        """JSON-ready: the fields, the verdicts, and null for a loudness of silence (-inf)."""
        data = asdict(self)
        data["disclosure"]["complete"] = self.disclosure.complete
        if self.disclosure.credentials is not None:
            data["disclosure"]["credentials"]["valid"] = self.disclosure.credentials.valid
            data["disclosure"]["credentials"]["trusted"] = self.disclosure.credentials.trusted
        return _finite(data)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def inspect_file(path: Path) -> Inspection:
    """Inspect the audio file at `path`; UsageError when there is none, AudioError when it
    is not audio narrate can read."""
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give an audio file")
    try:
        audio = mutagen.File(path)
    except (mutagen.MutagenError, OSError) as error:
        raise AudioError(f"{path}: not an audio file narrate can read ({error})") from None
    if audio is None or audio.info is None:
        raise AudioError(f"{path}: not an audio file narrate can read (mp3, m4a, ogg or wav)")
    kind = audio_format(audio)
    tags = read_tags(path, audio)
    mime = SIGNABLE.get(kind)
    credentials = read_credentials(path, mime) if mime else None
    return Inspection(
        path=str(path),
        format=kind,
        duration=float(audio.info.length),
        sample_rate=int(getattr(audio.info, "sample_rate", 0)),
        channels=int(getattr(audio.info, "channels", 0)),
        bitrate=int(getattr(audio.info, "bitrate", 0)),
        loudness=measure_loudness(path),
        tags=tags,
        disclosure=disclosure_status(path, tags, credentials),
    )


def disclosure_status(
    path: Path, tags: FileTags, credentials: Credentials | None
) -> DisclosureStatus:
    text = tags.provenance.get(DISCLOSURE_KEY) or None
    in_tags = tags.provenance.get(SOURCE_TYPE_KEY) == IPTC_TRAINED_ALGORITHMIC_MEDIA
    in_credentials = (
        credentials is not None
        and credentials.valid
        and credentials.digital_source_type == IPTC_TRAINED_ALGORITHMIC_MEDIA
    )
    return DisclosureStatus(
        text=text,
        comment=tags.fields.get("comment"),
        tagged=bool(text and text.strip()),
        machine_readable=in_tags or in_credentials,
        spoken=_spoken_check(path, tags),
        credentials=credentials,
    )


def _spoken_check(path: Path, tags: FileTags) -> SpokenCheck | None:
    recorded = _recorded_range(path, tags)
    if recorded is None:
        return None
    (start, end), recorded_in = recorded
    if end <= start:
        return SpokenCheck(start, end, recorded_in, float("-inf"), False)
    # ffmpeg's -ss before -i seeks exactly in decoded time (MP3 encoder delay accounted for).
    stretch = ["-ss", f"{start:.3f}", "-t", f"{end - start:.3f}", "-i", str(path)]
    pcm = run_ffmpeg([*stretch, "-f", "s16le", "-ac", "1", "-ar", str(METER_RATE), "pipe:1"])
    samples = np.frombuffer(pcm.stdout, dtype=np.int16)
    loudness = integrated_loudness(samples, METER_RATE) if samples.size else float("-inf")
    return SpokenCheck(start, end, recorded_in, round(loudness, 1), loudness >= SPEECH_LUFS)


def _recorded_range(path: Path, tags: FileTags) -> tuple[tuple[float, float], str] | None:
    """The disclosure's time range from the tag, else from a manifest that is this file's."""
    tagged = tags.provenance.get(SPOKEN_AT_KEY)
    if tagged and (spoken := parse_spoken_range(tagged)):
        return spoken, "tag"
    manifest_path = path.with_suffix(".json")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        spoken_data = manifest["disclosure"]["spoken"]
        belongs = manifest["hashes"]["audio_sha256"] == file_sha256(path)
        spoken_range = (float(spoken_data["start"]), float(spoken_data["end"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return (spoken_range, "manifest") if belongs else None


def inspection_as_text(inspection: Inspection) -> str:
    """The inspection as a person reads it: a line a fact, the disclosure last."""
    i, d = inspection, inspection.disclosure
    lines = [
        f"file:         {i.path}",
        f"format:       {i.format}, {i.channels} channel(s), {i.sample_rate} Hz, "
        f"{round(i.bitrate / 1000)} kb/s",
        f"duration:     {i.duration:.3f} s",
        f"loudness:     {i.loudness.integrated:.1f} LUFS integrated, "
        f"{i.loudness.true_peak:.1f} dBTP true peak",
    ]
    lines += [f"{name + ':':<13} {value}" for name, value in i.tags.fields.items()]
    lines += [f"{key}: {value}" for key, value in i.tags.provenance.items()]
    lines.append(f"cover:        {'yes' if i.tags.cover else 'no'}")
    lines.append(f"transcript:   {'yes' if i.tags.transcript else 'no'}")
    lines.append(f"chapters:     {len(i.chapters)}")
    lines += [f"  {chapter.start:9.3f} s  {chapter.title}" for chapter in i.chapters]
    lines.append("disclosure:")
    lines.append(f"  tagged:           {_yes_no(d.tagged)}" + (f" ({d.text})" if d.text else ""))
    lines.append(f"  machine-readable: {_yes_no(d.machine_readable)}")
    lines.append(f"  spoken:           {_spoken_text(d.spoken)}")
    lines.append(f"  C2PA:             {_credentials_text(d.credentials)}")
    verdict = "present" if d.complete else "MISSING"
    lines.append(f"  verdict:          {verdict}")
    return "\n".join(lines)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _spoken_text(spoken: SpokenCheck | None) -> str:
    if spoken is None:
        return "unknown (no record of where it is spoken)"
    where = f"{spoken.start:.2f}-{spoken.end:.2f} s (from the {spoken.recorded_in})"
    if spoken.sound:
        return f"recorded at {where}; sound there at {spoken.loudness:.1f} LUFS (words not checked)"
    return f"NO: recorded at {where}, but the audio there is silent"


def _credentials_text(credentials: Credentials | None) -> str:
    if credentials is None:
        return "not signed"
    if not credentials.valid:
        return f"INVALID ({', '.join(credentials.failures) or credentials.state})"
    trust = "trusted signer" if credentials.trusted else "signer not in a trust list"
    return f"signed and valid by {credentials.signer or 'unknown'} ({trust})"
