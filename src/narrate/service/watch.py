"""`narrate watch`: `narrate batch` on a loop, for sites that cannot send webhooks.

Each round narrates the new and changed posts of the sources and writes the feed; a round
that fails as a whole (a feed that cannot be fetched, a full disk) is tried again after a
delay that doubles up to MAX_BACKOFF_SECONDS, and the delay is back to `every` after a
round that works. SIGTERM or Ctrl-C: a round in progress stops as Ctrl-C stops a batch
(what is recorded done is done, the rest is narrated by the next round), and the loop ends
with exit status 0.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import FrameType

from narrate.batching.report import BatchResult
from narrate.batching.settings import BatchSettings
from narrate.errors import NarrateError, UsageError

MAX_BACKOFF_SECONDS = 3600.0
SLEEP_STEP_SECONDS = 0.2
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class Stopped(BaseException):
    """Raised into a round in progress by SIGTERM or Ctrl-C."""


@dataclass(frozen=True)
class Round:
    """One round's outcome: its result, or the one-line error that failed it, and the
    seconds until the next round."""

    number: int
    result: BatchResult | None
    error: str | None
    wait: float


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "5m", "2h" or "1d"; UsageError otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match[1]) <= 0:
        raise UsageError(f"--every {text!r}: give a duration such as 30s, 5m or 1h")
    return float(match[1]) * _UNITS[match[2]]


def watch(
    sources: Sequence[str],
    settings: BatchSettings,
    every: float,
    on_round: Callable[[Round], None],
    *,
    rounds: int | None = None,
    run: Callable[[Sequence[str], BatchSettings], BatchResult] | None = None,
) -> int:
    """Run the batch every `every` seconds until stopped (or `rounds` rounds); returns the
    number of rounds run. Install the signal handlers from the main thread."""
    if run is None:
        from narrate.batching.run import batch

        run = batch
    # Plain flags, not threading.Event: a handler that took an Event's lock could deadlock
    # against the main thread it interrupted while holding it.
    flags = {"stopping": False, "in_round": False}

    def stop(_sig: int, _frame: FrameType | None) -> None:
        flags["stopping"] = True
        if flags["in_round"]:
            flags["in_round"] = False
            raise Stopped

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    number = 0
    backoff = every
    try:
        while not flags["stopping"] and (rounds is None or number < rounds):
            number += 1
            result, error = None, None
            flags["in_round"] = True
            try:
                result = run(sources, settings)
            except NarrateError as failure:
                error = str(failure)
            finally:
                flags["in_round"] = False
            backoff = every if error is None else min(max(backoff, every) * 2, MAX_BACKOFF_SECONDS)
            on_round(Round(number, result, error, backoff))
            if rounds is not None and number >= rounds:
                break
            _sleep_unless(flags, backoff)
    except Stopped:  # wherever the round was, up to the flag's clearing
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return number


def _sleep_unless(flags: dict[str, bool], seconds: float) -> None:
    """Sleep `seconds`, waking early once `flags["stopping"]` is set."""
    end = time.monotonic() + seconds
    while not flags["stopping"] and (left := end - time.monotonic()) > 0:
        time.sleep(min(left, SLEEP_STEP_SECONDS))
