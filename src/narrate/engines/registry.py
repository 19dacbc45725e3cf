"""Engine factories by name, found through the `narrate.engines` entry-point group.

The built-in engines register through the same group an outside package would use, so a
plugin is a package with `[project.entry-points."narrate.engines"] name = "module:Factory"`,
where the factory takes a Voice and returns an Engine.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution, entry_points

from narrate.engines.base import Engine
from narrate.errors import VoiceError
from narrate.voices import Voice

EngineFactory = Callable[[Voice], Engine]
ENTRY_POINT_GROUP = "narrate.engines"


def engine_names() -> list[str]:
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


def engine_factory(name: str) -> EngineFactory:
    """The factory registered as `name`; VoiceError lists the installed ones. narrate's own
    entry points are looked at first: reading every installed package's entry points (all
    that an outside engine needs) took 0.06 s of each run that uses a built-in one."""
    for ep in _registered():
        if ep.name == name:
            factory: EngineFactory = ep.load()
            return factory
    known = ", ".join(engine_names()) or "none"
    raise VoiceError(f"unknown engine {name!r}; installed engines: {known}")


def create_engine(voice: Voice) -> Engine:
    """Build the engine a voice names (cheap: models load on first use)."""
    return engine_factory(voice.engine)(voice)


def _registered() -> Iterator[EntryPoint]:
    """narrate's own engines' entry points, then every installed package's (read only when
    the name is not among narrate's own)."""
    with contextlib.suppress(PackageNotFoundError):  # a source tree that was never installed
        yield from (
            ep for ep in distribution("narrate").entry_points if ep.group == ENTRY_POINT_GROUP
        )
    yield from entry_points(group=ENTRY_POINT_GROUP)
