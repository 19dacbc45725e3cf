"""Engine factories by name, found through the `narrate.engines` entry-point group.

The built-in engines register through the same group an outside package would use, so a
plugin is a package with `[project.entry-points."narrate.engines"] name = "module:Factory"`,
where the factory takes a Voice and returns an Engine.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from narrate.engines.base import Engine
from narrate.errors import VoiceError
from narrate.voices import Voice

EngineFactory = Callable[[Voice], Engine]
ENTRY_POINT_GROUP = "narrate.engines"


def engine_names() -> list[str]:
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


def engine_factory(name: str) -> EngineFactory:
    """The factory registered as `name`; VoiceError lists the installed ones."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            factory: EngineFactory = ep.load()
            return factory
    known = ", ".join(engine_names()) or "none"
    raise VoiceError(f"unknown engine {name!r}; installed engines: {known}")


def create_engine(voice: Voice) -> Engine:
    """Build the engine a voice names (cheap: models load on first use)."""
    return engine_factory(voice.engine)(voice)
