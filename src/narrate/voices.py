"""Voice profiles: `voices/*.toml` (packaged, then ./voices to add or override) -> Voice."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from narrate.errors import ConfigError, VoiceError
from narrate.text.lexicon import Lexicon

DEFAULT_VOICE = "heart"  # chosen by bench/voices.py: the listener hears it best


@dataclass(frozen=True)
class Pauses:
    """Silence in seconds between the parts of a narration."""

    chunk: float = 0.15
    sentence: float = 0.35
    paragraph: float = 0.75
    heading_before: float = 1.0
    heading_after: float = 0.6
    intro: float = 1.2


@dataclass(frozen=True)
class Voice:
    """What a voice is: its engine, language and options, pauses and lexicon.

    How to speak one particular run (loudness, bitrate, output) lives in NarrationSettings.
    """

    name: str
    engine: str
    language: str = "en"
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict, hash=False)
    pauses: Pauses = Pauses()
    lexicon: Lexicon = Lexicon()
    disclosure: str | None = None
    path: str = ""

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


def parse_voice(data: Mapping[str, Any], *, path: str) -> Voice:
    """Build a Voice from a parsed profile, or raise ConfigError naming what is wrong."""
    try:
        name = str(data["name"]) if "name" in data else Path(path).stem
        engine = str(data["engine"])
    except KeyError as error:
        raise ConfigError(f"voice profile {path}: missing key {error.args[0]!r}") from error
    pause_keys = {f.name for f in fields(Pauses)}
    pauses_data = data.get("pauses", {})
    unknown = set(pauses_data) - pause_keys
    if unknown:
        raise ConfigError(f"voice profile {path}: unknown pause {sorted(unknown)[0]!r}")
    try:
        pauses = Pauses(**{k: float(v) for k, v in pauses_data.items()})
    except (TypeError, ValueError) as error:
        raise ConfigError(f"voice profile {path}: pauses must be numbers of seconds") from error
    if any(value < 0 for value in vars(pauses).values()):
        raise ConfigError(f"voice profile {path}: pauses may not be negative")
    lexicon_data = data.get("lexicon", {})
    if not all(isinstance(v, str) for v in lexicon_data.values()):
        raise ConfigError(f"voice profile {path}: lexicon values must be strings")
    disclosure = data.get("disclosure")
    return Voice(
        name=name,
        engine=engine,
        language=str(data.get("language", "en")),
        description=str(data.get("description", "")),
        options=dict(data.get("options", {})),
        pauses=pauses,
        lexicon=Lexicon.from_mapping(lexicon_data),
        disclosure=str(disclosure) if disclosure else None,
        path=path,
    )


def load_voice_file(path: Path) -> Voice:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"voice profile {path} is not valid TOML: {error}") from error
    return parse_voice(data, path=str(path))


def profile_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Where profiles are looked up, later ones overriding earlier ones: the packaged
    profiles, then ./voices, then any `extra` folders."""
    packaged = Path(str(resources.files("narrate") / "profiles"))
    return [packaged, Path.cwd() / "voices", *extra]


def available_voices(extra: Iterable[Path] = ()) -> dict[str, Voice]:
    """Every voice profile found, by name."""
    voices: dict[str, Voice] = {}
    for folder in profile_dirs(extra):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                voice = load_voice_file(path)
                voices[voice.name] = voice
    return voices


def get_voice(name: str = DEFAULT_VOICE, extra: Iterable[Path] = ()) -> Voice:
    """The voice called `name`, or a `.toml` profile path; VoiceError names the known ones."""
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_file():
            raise VoiceError(f"voice profile {path}: no such file")
        return load_voice_file(path)
    voices = available_voices(extra)
    if name not in voices:
        known = ", ".join(sorted(voices)) or "none"
        raise VoiceError(f"unknown voice {name!r}; available voices: {known}")
    return voices[name]
