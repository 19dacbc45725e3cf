"""narrate: turn written articles into narrated audio with the AI-assistance disclosure.

The Python API, imported on first use so that `import narrate` stays light:

- `narrate.narrate_article(source, NarrationSettings(...))` -> NarrationResult
- `narrate.batch(sources, BatchSettings(...))` -> BatchResult
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from narrate.version import __version__

if TYPE_CHECKING:
    from narrate.batching.report import BatchResult
    from narrate.batching.run import BatchSettings, batch
    from narrate.pipeline import NarrationResult, NarrationSettings, narrate_article
    from narrate.publish.feed import FeedChannel

# Public name -> the module that defines it.
_API = {
    "narrate_article": "narrate.pipeline",
    "NarrationSettings": "narrate.pipeline",
    "NarrationResult": "narrate.pipeline",
    "batch": "narrate.batching.run",
    "BatchSettings": "narrate.batching.run",
    "BatchResult": "narrate.batching.report",
    "FeedChannel": "narrate.publish.feed",
}

__all__ = [
    "BatchResult",
    "BatchSettings",
    "FeedChannel",
    "NarrationResult",
    "NarrationSettings",
    "__version__",
    "batch",
    "narrate_article",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'narrate' has no attribute {name!r}")
