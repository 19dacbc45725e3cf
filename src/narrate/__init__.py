"""narrate: turn written articles into narrated audio with the AI-assistance disclosure."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("narrate")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
