"""Command-line flags over narrate.toml over built-in defaults -> NarrationSettings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from narrate.audio.encode import EncodeSettings
from narrate.audio.loudness import LoudnessTarget
from narrate.config import load_config
from narrate.documents.read import ReadOptions
from narrate.errors import ConfigError
from narrate.pipeline import NarrationSettings
from narrate.voices import DEFAULT_VOICE


def narration_settings(config_path: Path | None, **flags: Any) -> NarrationSettings:
    """Settings for one run: a flag that is None falls back to the config, then the default."""
    config = load_config(config_path)

    def pick(key: str, default: Any = None) -> Any:
        value = flags.get(key)
        return value if value is not None else config.get(key, default)

    try:
        loudness = float(pick("loudness", -16.0))
        true_peak = float(config.get("true_peak", -1.0))
        jobs = pick("jobs")
        jobs = int(jobs) if jobs is not None else None
    except (TypeError, ValueError) as error:
        raise ConfigError(f"narrate.toml: {error}") from error
    output = flags.get("output")
    return NarrationSettings(
        voice=str(pick("voice", DEFAULT_VOICE)),
        output=Path(output) if output is not None else None,
        output_dir=Path(str(config.get("output_dir", "output"))),
        encode=EncodeSettings(
            format=str(pick("audio_format") or config.get("format", "mp3")),
            bitrate=str(pick("bitrate", "64k")),
            loudness=LoudnessTarget(integrated=loudness, true_peak=true_peak),
        ),
        disclosure=pick("disclosure"),
        lexicon=config.lexicon,
        language=pick("language"),
        jobs=jobs,
        read=ReadOptions(
            include_code=bool(flags.get("include_code")),
            include_tables=bool(flags.get("include_tables")),
        ),
    )
