"""Command-line flags over narrate.toml over built-in defaults -> NarrationSettings (and
BatchSettings for `narrate batch`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrate.audio.formats import EncodeSettings, LoudnessTarget
from narrate.config import ProjectConfig, load_config
from narrate.documents.options import ReadOptions
from narrate.errors import ConfigError
from narrate.planning import NarrationSettings
from narrate.tags.c2pa import SigningSettings
from narrate.voices import DEFAULT_VOICE

if TYPE_CHECKING:
    from narrate.batching.run import BatchSettings


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
    allow_private_network = pick("allow_private_network", False)
    if not isinstance(allow_private_network, bool):
        raise ConfigError("narrate.toml: allow_private_network must be true or false")
    output = flags.get("output")
    cover = pick("cover")
    return NarrationSettings(
        voice=str(pick("voice", DEFAULT_VOICE)),
        output=Path(output) if output is not None else None,
        output_dir=Path(str(pick("output_dir", "output"))),
        encode=EncodeSettings(
            format=str(pick("audio_format") or config.get("format", "mp3")),
            bitrate=str(pick("bitrate", "64k")),
            loudness=LoudnessTarget(integrated=loudness, true_peak=true_peak),
        ),
        disclosure=pick("disclosure"),
        lexicon=config.lexicon,
        language=pick("language"),
        jobs=jobs,
        cluster=str(pick("cluster")) if pick("cluster") else None,
        read=ReadOptions(
            include_code=bool(flags.get("include_code")),
            include_tables=bool(flags.get("include_tables")),
        ),
        srt=bool(flags.get("srt")),
        cover=Path(str(cover)) if cover else None,
        intro=Path(str(pick("intro"))) if pick("intro") else None,
        outro=Path(str(pick("outro"))) if pick("outro") else None,
        embed_transcript=bool(flags.get("embed_transcript")),
        signing=signing_settings(pick("c2pa_cert"), pick("c2pa_key"), config),
        cache=not flags.get("no_cache"),
        cache_dir=Path(str(pick("cache_dir"))) if pick("cache_dir") else None,
        allow_private_network=allow_private_network,
    )


def batch_settings(config_path: Path | None, **flags: Any) -> BatchSettings:
    """Settings for `narrate batch`: the narration settings plus which posts, the base URL
    and the feed's channel (the `[feed]` table)."""
    from narrate.batching.run import BatchSettings
    from narrate.publish.feed import FeedChannel

    config = load_config(config_path)
    base_url = flags.pop("base_url", None) or config.get("base_url")
    return BatchSettings(
        narration=narration_settings(config_path, **flags),
        force=bool(flags.get("force")),
        dry_run=bool(flags.get("dry_run")),
        since=flags.get("since"),
        limit=flags.get("limit"),
        base_url=str(base_url) if base_url else None,
        channel=FeedChannel(**config.feed),
    )


def signing_settings(cert: Any, key: Any, config: ProjectConfig) -> SigningSettings | None:
    """C2PA signing when both a certificate chain and a key are given (flag or file)."""
    if not cert and not key:
        return None
    if not cert or not key:
        missing = "--c2pa-cert (c2pa_cert)" if not cert else "--c2pa-key (c2pa_key)"
        raise ConfigError(f"C2PA signing needs a certificate chain and a key: give {missing} too")
    tsa_url = config.get("c2pa_tsa_url")
    return SigningSettings(
        cert=Path(str(cert)),
        key=Path(str(key)),
        alg=str(config.get("c2pa_alg", "es256")),
        tsa_url=str(tsa_url) if tsa_url else None,
    )
