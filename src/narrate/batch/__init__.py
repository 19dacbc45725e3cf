"""Batch narration: many posts through the same pipeline, with a state file and a feed.

`narrate.batch(...)` is the API call (`narrate.batch.run.batch`) and `narrate.batch` is also
this package; to let both names be true, the package itself is callable.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from narrate.batch.run import batch

        return batch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
