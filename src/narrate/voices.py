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
        raise ConfigError(f"voice profile {path} is not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"voice profile {path}: cannot read ({error.strerror})") from None
    try:
        return parse_voice(data, path=str(path))
    except (TypeError, AttributeError, ValueError) as error:  # a table where a value belongs
        raise ConfigError(f"voice profile {path}: malformed ({error})") from None


def profile_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Where profiles are looked up, later ones overriding earlier ones: the packaged
    profiles, then ./voices, then any `extra` folders."""
    packaged = Path(str(resources.files("narrate") / "profiles"))
    folders: list[Path] = []
    for folder in (packaged, Path.cwd() / "voices", *extra):
        if folder.resolve() not in {f.resolve() for f in folders}:  # the repository's voices/
            folders.append(folder)  # is the package's profiles/: read it once
    return folders


@dataclass(frozen=True)
class VoiceCatalog:
    """The voice profiles found, by name, and the malformed ones by file stem with what is
    wrong: a malformed profile fails only when its voice is asked for."""

    voices: dict[str, Voice]
    malformed: dict[str, ConfigError]

    @property
    def warnings(self) -> list[str]:
        """One line for each malformed profile, for the CLI to show."""
        return [f"{error} (skipped)" for error in self.malformed.values()]


def voice_catalog(extra: Iterable[Path] = (), packaged: str | None = None) -> VoiceCatalog:
    """Every voice profile found; a later folder's profile overrides an earlier one of the
    same name, a malformed one included (its voice then fails when used). With `packaged`,
    only that voice's profile is read from the package's own folder, whose profiles are named
    for their files (70 of them: parsing all cost a first `narrate script` a tenth of a
    second); the other folders are read whole, as any of their files may name any voice."""
    voices: dict[str, Voice] = {}
    malformed: dict[str, ConfigError] = {}
    for index, folder in enumerate(profile_dirs(extra)):
        pattern = f"{packaged}.toml" if packaged and index == 0 else "*.toml"
        if folder.is_dir():
            for path in sorted(folder.glob(pattern)):
                try:
                    voice = load_voice_file(path)
                except ConfigError as error:
                    malformed[path.stem] = error
                    voices.pop(path.stem, None)
                    continue
                malformed.pop(voice.name, None)
                voices[voice.name] = voice
    return VoiceCatalog(voices, malformed)


def available_voices(extra: Iterable[Path] = ()) -> dict[str, Voice]:
    """Every well-formed voice profile found, by name."""
    return voice_catalog(extra).voices


def get_voice(name: str = DEFAULT_VOICE, extra: Iterable[Path] = ()) -> Voice:
    """The voice called `name`, or a `.toml` profile path; VoiceError names the known ones."""
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_file():
            raise VoiceError(f"voice profile {path}: no such file")
        return load_voice_file(path)
    catalog = voice_catalog(extra, packaged=name)
    if name not in catalog.voices and name not in catalog.malformed:
        catalog = voice_catalog(extra)  # unknown: the error names every voice found
    voices = catalog.voices
    if name not in voices and name in catalog.malformed:
        raise catalog.malformed[name]
    if name not in voices:
        known = ", ".join(sorted(voices)) or "none"
        raise VoiceError(f"unknown voice {name!r}; available voices: {known}")
    return voices[name]
