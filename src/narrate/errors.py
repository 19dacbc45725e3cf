"""The project's error types: each carries a message a user can act on."""


class NarrateError(Exception):
    """Root of narrate's own errors; the CLI prints its message as one line, exit 1."""

    exit_code = 1


class UsageError(NarrateError):
    """The request itself is wrong (missing file, unknown voice, bad option): exit 2."""

    exit_code = 2


class ArticleError(NarrateError):
    """The article cannot be read or has nothing to speak."""


class ConfigError(NarrateError):
    """A voice profile or narrate.toml is malformed."""


class VoiceError(UsageError):
    """The voice asked for does not exist or cannot be built."""


class EngineError(NarrateError):
    """A speech engine failed (network, model, limits)."""


class AudioError(NarrateError):
    """Joining, measuring or encoding audio failed (ffmpeg missing or failing)."""


class OutputError(NarrateError):
    """An output file cannot be written (a read-only or full disk, a virtual file system)."""


class TagError(NarrateError):
    """Tagging or signing the output failed."""
