"""A budget for one article's reading and planning: a deadline and a memory ceiling.

A page, a feed entry or a post sent to a service is someone else's input: whatever it holds,
reading and planning it must end, and end in one line. `ArticleBudget(seconds, megabytes)` is
a context manager around that work; the loops that grow with the input (cleaning a page,
splitting sentences, building the script) call `checkpoint()`, which raises BudgetError once
the time is spent or the process has grown past the ceiling since the budget began. A batch,
or a service, fails that article and goes on with the others.

Why checkpoints and not a signal or a thread: a signal only reaches the main thread, and a
thread cannot be stopped in Python; a checkpoint works in any thread or task (the budget is a
context variable, like the network policy). What lies between two checkpoints is bounded by
the work itself being linear in the input, and the input by the download caps.

The memory figure is the growth of the process's resident set (RSS) since the budget began,
read from /proc/self/statm (elsewhere: the peak RSS, `resource.getrusage`). It is the
process's, not the article's: jobs run side by side in one process share it, so a service
that needs exact attribution runs its jobs in worker processes.
"""

from __future__ import annotations

import os
import time
from contextvars import ContextVar, Token
from dataclasses import dataclass, field

from narrate.errors import ArticleError

# Defaults of NarrationSettings: generous for any real article (a long read is read and
# planned in seconds, in well under 300 MB), tight for a page built to exhaust the machine.
DEFAULT_SECONDS = 120.0
DEFAULT_MEGABYTES = 1024.0
# RSS is read at most this often: a checkpoint in a tight loop costs a clock read.
_MEMORY_EVERY_SECONDS = 0.05


class BudgetError(ArticleError):
    """An article took more time or memory to read and plan than its budget allows."""


@dataclass
class ArticleBudget:
    """Time (`seconds`) and memory growth (`megabytes`) one article may take to be read and
    planned; None lifts that limit. Enter it around the work; `check()` (or the module's
    `checkpoint()`, from anywhere inside) raises BudgetError past either limit."""

    seconds: float | None = DEFAULT_SECONDS
    megabytes: float | None = DEFAULT_MEGABYTES
    what: str = "the article"
    _end: float = field(default=0.0, init=False, repr=False)
    _baseline: int = field(default=0, init=False, repr=False)
    _memory_read: float = field(default=0.0, init=False, repr=False)
    _token: Token[ArticleBudget | None] | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> ArticleBudget:
        now = time.monotonic()
        self._end = now + self.seconds if self.seconds is not None else float("inf")
        self._baseline = resident_bytes()
        self._memory_read = now
        self._token = _CURRENT.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _CURRENT.reset(self._token)
            self._token = None

    def check(self) -> None:
        """BudgetError when the deadline has passed or memory grew past the ceiling."""
        now = time.monotonic()
        if now > self._end:
            raise BudgetError(
                f"{self.what}: reading and planning took over {self.seconds:g} s "
                "(the article time limit); the page may be built to stall narrate"
            )
        if self.megabytes is None or now - self._memory_read < _MEMORY_EVERY_SECONDS:
            return
        self._memory_read = now
        grown = (resident_bytes() - self._baseline) / 1e6
        if grown > self.megabytes:
            raise BudgetError(
                f"{self.what}: reading and planning took over {self.megabytes:g} MB of "
                "memory (the article memory limit); the page may be built to exhaust it"
            )


_CURRENT: ContextVar[ArticleBudget | None] = ContextVar("narrate_article_budget", default=None)


def checkpoint() -> None:
    """Check the budget of the enclosing ArticleBudget, if any (a no-op outside one)."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.check()


def resident_bytes() -> int:
    """The process's resident set size in bytes (its peak where the current one cannot be
    read)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:  # Windows: no figure; the time limit still holds
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if os.uname().sysname == "Darwin" else peak * 1024
