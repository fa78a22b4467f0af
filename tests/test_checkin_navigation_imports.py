"""One owner of the check-in's navigation (issue 13, section 2): the step screens never import
one another, nor the flow that decides which screen shows a step, nor the app; nothing in the
TUI imports in a circle. (``lint-imports`` holds the same rules as contracts in pyproject.toml.)
"""

from __future__ import annotations

import grimp

STEP_SCREENS = [
    f"trustcheck.tui.screens.{name}"
    for name in ("open", "gate", "answer", "handover", "reveal", "commitments", "close")
]
OWNERS = ("trustcheck.tui.flow", "trustcheck.tui.app")


def crossings(graph: grimp.ImportGraph) -> list[str]:
    """Every way (direct or through other modules) a step screen reaches another step screen,
    or a screen reaches the flow or the app."""
    screens = sorted(graph.find_descendants("trustcheck.tui.screens"))
    found = [
        f"{a} -> {b}"
        for a in STEP_SCREENS
        for b in STEP_SCREENS
        if a != b and graph.chain_exists(importer=a, imported=b)
    ]
    found += [
        f"{screen} -> {owner}"
        for screen in screens
        for owner in OWNERS
        if graph.chain_exists(importer=screen, imported=owner)
    ]
    return found


def cycle_breakers(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    """Imports whose removal would leave the TUI's screens (and the TUI) without a cycle."""
    return graph.nominate_cycle_breakers("trustcheck.tui.screens") | (
        graph.nominate_cycle_breakers("trustcheck.tui")
    )


def test_no_step_screen_imports_another_step_screen_the_flow_or_the_app() -> None:
    graph = grimp.build_graph("trustcheck")
    assert set(STEP_SCREENS) <= graph.modules
    assert crossings(graph) == []


def test_nothing_in_the_tui_imports_in_a_circle() -> None:
    assert cycle_breakers(grimp.build_graph("trustcheck")) == set()


def test_the_checks_see_a_step_screen_that_imports_another() -> None:
    """The checks can fail: one step screen reaching for the next one is caught twice."""
    graph = grimp.build_graph("trustcheck")
    graph.add_import(
        importer="trustcheck.tui.screens.gate", imported="trustcheck.tui.screens.answer"
    )
    graph.add_import(importer="trustcheck.tui.screens.step", imported="trustcheck.tui.flow")
    found = crossings(graph)
    assert "trustcheck.tui.screens.gate -> trustcheck.tui.screens.answer" in found
    assert "trustcheck.tui.screens.step -> trustcheck.tui.flow" in found
    assert cycle_breakers(graph) != set()
