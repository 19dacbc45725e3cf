"""narrate's version, from the installed package's metadata: a module of its own, so that
nothing inside narrate imports the package face (narrate/__init__.py)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("narrate")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
