"""Project settings from `narrate.toml` (in the working directory, or a given path)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrate.errors import ConfigError
from narrate.text.lexicon import Lexicon

CONFIG_NAME = "narrate.toml"


@dataclass(frozen=True)
class ProjectConfig:
    """The `[narrate]` table (defaults for command-line options), the `[lexicon]` table and
    the `[feed]` table (the podcast channel of `narrate batch`)."""

    defaults: dict[str, Any] = field(default_factory=dict, hash=False)
    lexicon: Lexicon = Lexicon()
    path: Path | None = None
    feed: dict[str, Any] = field(default_factory=dict, hash=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.defaults.get(key, default)


KNOWN_KEYS = {
    "voice",
    "output_dir",
    "disclosure",
    "loudness",
    "true_peak",
    "bitrate",
    "format",
    "jobs",
    "language",
    "lexicon_file",
    "cache_dir",
    "base_url",
    "c2pa_cert",
    "c2pa_key",
    "c2pa_alg",
    "c2pa_tsa_url",
    "cover",
    "intro",
    "outro",
    "cluster",
    "allow_private_network",
}


# The `[feed]` table: FeedChannel's fields.
FEED_KEYS = {
    "title",
    "description",
    "author",
    "email",
    "image",
    "category",
    "explicit",
    "language",
    "link",
}


def load_config(path: Path | None = None) -> ProjectConfig:
    """Read `path` (or ./narrate.toml when it exists); a missing default file is no error."""
    explicit = path is not None
    path = path or Path.cwd() / CONFIG_NAME
    if not path.is_file():
        if explicit:
            raise ConfigError(f"config file {path}: no such file")
        return ProjectConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    defaults = data.get("narrate", {})
    if not isinstance(defaults, dict):
        raise ConfigError(f"{path}: [narrate] must be a table")
    unknown = set(defaults) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown setting {sorted(unknown)[0]!r} in [narrate]")
    lexicon_table = data.get("lexicon", {})
    if not isinstance(lexicon_table, dict) or not all(
        isinstance(v, str) for v in lexicon_table.values()
    ):
        raise ConfigError(f"{path}: [lexicon] must map words to strings")
    lexicon = Lexicon.from_mapping(lexicon_table)
    feed = data.get("feed", {})
    if not isinstance(feed, dict) or not all(isinstance(v, str) for v in feed.values()):
        raise ConfigError(f"{path}: [feed] must map settings to strings")
    if set(feed) - FEED_KEYS:
        raise ConfigError(f"{path}: unknown setting {sorted(set(feed) - FEED_KEYS)[0]!r} in [feed]")
    if "lexicon_file" in defaults:
        from narrate.text.lexicon import load_lexicon_file

        lexicon = lexicon.merged(load_lexicon_file(path.parent / str(defaults["lexicon_file"])))
    # Relative paths in the file are relative to the file, not to where narrate runs.
    for key in ("output_dir", "cache_dir", "c2pa_cert", "c2pa_key", "cover", "intro", "outro"):
        if key in defaults:
            defaults[key] = str(path.parent / str(defaults[key]))
    return ProjectConfig(defaults=defaults, lexicon=lexicon, path=path, feed=feed)
