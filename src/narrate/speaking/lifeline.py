"""Worker processes die with the narrate process that started them, whatever killed it.

Linux's parent-death signal (prctl PR_SET_PDEATHSIG) kills a process when its parent exits,
SIGKILL included. Pool workers fork from multiprocessing's forkserver, which is a child of
the narrate process: the forkserver imports this module (its preload) and asks for the
signal, and each worker asks for it in its initializer. A watchdog thread in each worker is
the fallback where prctl is not (another OS, a parent that is a zombie nobody reaped): it
ends the worker once the narrate process is gone.

The forkserver also lets the engine module load what workers can share before they fork
(hibari's lexicons): copy-on-write pages, one copy for the whole pool.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent exits; False where it cannot.

    The signal follows the parent *thread* that forked us: the forkserver must be started
    from the main thread (pool.py makes sure of it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def alive(pid: int) -> bool:
    """True while process `pid` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def watch(owner: int) -> None:
    """Start a daemon thread that ends this process when `owner` (the narrate process) or
    this process's own parent is gone."""
    parent = os.getppid()

    def run() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent or not alive(owner):
                os._exit(1)

    threading.Thread(target=run, name="narrate-lifeline", daemon=True).start()


def _in_forkserver() -> bool:
    return any("multiprocessing.forkserver" in arg for arg in getattr(sys, "orig_argv", ()))


def _preload_engines() -> None:
    """Let the engine modules the forkserver imported load what their workers can share
    (copy-on-write after the fork): an engine module's `preload_for_workers()`, when it has
    one. It must start no thread: the forkserver forks every worker."""
    for name, module in list(sys.modules.items()):
        if name.startswith("narrate.engines.") and hasattr(module, "preload_for_workers"):
            # A preload that fails costs memory only: each worker loads its own copy.
            with contextlib.suppress(Exception):
                module.preload_for_workers()


# Imported by the forkserver as its last preload module: it dies with the narrate process,
# and the engine's shareable state is loaded before the workers fork.
if _in_forkserver():
    die_with_parent()
    _preload_engines()
