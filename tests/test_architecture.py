"""The house's rooms and arrows (README, "Architecture"): no import cycle among narrate's
modules, and each room imports only the rooms below it. Every import counts, those inside
functions too (a lazy import is still an arrow); imports for type checkers alone do not."""

from __future__ import annotations

import grimp
import pytest

# Rooms from the top of the house down: a module may import its own room and those below.
# A room is a top-level module or package of narrate (`cli_progress`, `speaking`...).
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(rooms.split())
    for rooms in (
        "narrate cli cli_cache cli_group cli_options cli_progress cli_render cli_serve"
        " cli_settings",
        "service",
        "batching",
        "make_player",
        "pipeline",
        "planning outputs inspect",
        "publish",
        "speaking",
        "tags",
        "audio",
        "timing voice_choice",
        "engines",
        "voices config",
        "text",
        "documents",
        "http",
        "network_policy limits",
        "atomic errors disclosure ffmpeg version terminal",
    )
)
# Arrows the layers allow but the house does not: the batch speaks through speaking/ only.
FORBIDDEN = {"batching": {"engines", "audio"}}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("narrate", exclude_type_checking_imports=True)


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "narrate"


def level(name: str) -> int:
    for index, rooms in enumerate(LAYERS):
        if name in rooms:
            return index
    raise AssertionError(f"room {name!r} is in no layer: add it to LAYERS (and the README)")


def arrows(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    return sorted(
        (importer, imported)
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
    )


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of modules (Tarjan): each is an import cycle."""
    found: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_round_a_cycle(graph: grimp.ImportGraph) -> None:
    assert cycles(graph) == []


def test_every_room_is_in_a_layer(graph: grimp.ImportGraph) -> None:
    for module in graph.modules:
        level(room(module))


def test_no_room_imports_a_room_above_it(graph: grimp.ImportGraph) -> None:
    upward = [
        f"{importer} -> {imported}"
        for importer, imported in arrows(graph)
        if level(room(imported)) < level(room(importer))
    ]
    assert upward == []


def test_the_batch_never_imports_engines_or_audio(graph: grimp.ImportGraph) -> None:
    crossing = [
        f"{importer} -> {imported}"
        for importer, imported in arrows(graph)
        if room(imported) in FORBIDDEN.get(room(importer), set())
    ]
    assert crossing == []


def test_the_checks_see_a_cycle_and_an_upward_arrow() -> None:
    """The graph checks themselves, on a graph made here: a cycle is found, and an arrow
    from a lower room to a higher one is upward."""
    made = grimp.ImportGraph()
    for module in ("narrate", "narrate.text.a", "narrate.text.b", "narrate.pipeline"):
        made.add_module(module)
    made.add_import(importer="narrate.text.a", imported="narrate.text.b")
    made.add_import(importer="narrate.text.b", imported="narrate.text.a")
    made.add_import(importer="narrate.text.a", imported="narrate.pipeline")
    assert cycles(made) == [["narrate.text.a", "narrate.text.b"]]
    assert level(room("narrate.pipeline")) < level(room("narrate.text.a"))


def test_no_module_is_over_400_lines() -> None:
    from pathlib import Path

    import narrate

    root = Path(narrate.__file__).parent
    long = {
        str(path.relative_to(root)): n
        for path in root.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
