"""Guided tools: the pacer moves only with animation on, a static guide otherwise; walk-throughs step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.vault import Vault
from copingkit.tui.guided_tools import tool_for_strategy
from copingkit.tui.screens.tools import ToolsScreen
from copingkit.tui.screens.tools.breathing import BreathingScreen
from copingkit.tui.screens.tools.grounding import GroundingScreen
from copingkit.tui.screens.tools.muscle import MuscleRelaxationScreen
from copingkit.tui.screens.tools.safe_place import SafePlaceScreen
from copingkit.tui.widgets.breathing_pacer import BreathingPacer, pattern, static_guide

SIZE = (100, 32)


@pytest.fixture
def demo(make_app, clock: FixedClock) -> Callable[..., object]:
    def build(animation: str = "none"):
        app = make_app(demo_vault=Vault.in_memory())
        app.animation_level = animation
        return app

    return build


async def open_tools(pilot, ui) -> ToolsScreen:
    await ui.settle(pilot)
    await pilot.press("t")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, ToolsScreen)
    return pilot.app.screen


def test_static_guide_reads_as_steps() -> None:
    guide = static_guide(pattern("short-hold"))
    assert guide.splitlines()[0] == "Longer out, short pause (4-2-6)"
    assert "1. Breathe in for a count of 4." in guide and "3. Breathe out for a count of 6." in guide
    assert "Skip the hold if it feels uncomfortable." in guide
    assert "3. Breathe out for a count of 4 (about 8 seconds)." in static_guide(pattern("box"), 2.0)


def test_the_default_rhythm_has_no_hold_and_no_hold_lasts_past_four_seconds() -> None:
    from copingkit.tui.widgets.breathing_pacer import PACE_STEPS, PATTERNS, phase_seconds

    assert PATTERNS[0].id == "longer-out" and all(phase.kind != "hold" for phase in PATTERNS[0].phases)
    first, second = PATTERNS[0].phases
    assert (first.kind, first.counts, second.kind, second.counts) == ("in", 4, "out", 6)
    for item in PATTERNS:
        for pace in PACE_STEPS:
            assert all(phase_seconds(p, pace) <= 4.0 for p in item.phases if p.kind == "hold"), (item.id, pace)
        if any(phase.kind == "hold" for phase in item.phases):
            assert "Skip the hold if it feels uncomfortable." in item.note
    assert "2. Hold for a count of 4 (about 4 seconds)." in static_guide(pattern("box"), 2.0)


async def test_with_animation_off_the_pacer_is_a_static_guide_and_no_timer_runs(demo, ui) -> None:
    app = demo("none")
    async with app.run_test(size=SIZE) as pilot:
        await open_tools(pilot, ui)
        await pilot.press("enter")  # the longer out-breath, no hold, is first
        await ui.settle(pilot)
        assert isinstance(app.screen, BreathingScreen)
        pacer = app.screen.query_one(BreathingPacer)
        assert pacer._timer is None
        text = str(pacer.render())
        assert "Longer breath out (4-6)" in text and "Hold" not in text
        await pilot.press("b")
        await pilot.pause()
        assert "Longer out, short pause (4-2-6)" in str(pacer.render())
        await pilot.press("plus")
        await pilot.pause()
        assert pacer.pace == 1.25 and "about 1.25 seconds" in ui.screen_text(app)


async def test_with_animation_on_the_pacer_moves_and_pauses(demo, ui) -> None:
    app = demo("full")
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.push_screen(BreathingScreen("box"))
        await ui.settle(pilot)
        pacer = app.screen.query_one(BreathingPacer)
        assert pacer._timer is not None
        pacer.elapsed = 0.0
        for _ in range(25):
            pacer.tick()
        assert pacer.position()[0] == 0 and "Breathe in  3 of 4" in str(pacer.render())
        pacer.elapsed = 4.5
        assert str(pacer.render()).startswith("Hold")
        pacer.elapsed = 12.5
        assert str(pacer.render()).startswith("Hold") and "█" not in str(pacer.render())
        await pilot.press("space")
        await pilot.pause()
        before = pacer.elapsed
        pacer.tick()
        assert pacer.elapsed == before and "(paused)" in str(pacer.render())
        await pilot.press("s")
        await pilot.pause()
        assert not pacer.animated and str(pacer.render()).startswith("Box breathing (4-4-4-4)")
        await pilot.press("s")
        await pilot.pause()
        assert pacer.animated


async def test_grounding_walks_through_the_senses(demo, ui) -> None:
    app = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.push_screen(GroundingScreen())
        await ui.settle(pilot)
        screen = app.screen
        assert "Step 1 of 6" in ui.screen_text(app) and "5 things you can see" in ui.screen_text(app)
        await pilot.press(*["space"] * 5)
        await pilot.pause()
        assert screen.index == 1 and "4 things you can feel" in ui.screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert screen.index == 0
        await pilot.press(*["enter"] * 6)
        await pilot.pause()
        assert screen.finished and "That's the end" in ui.screen_text(app)


async def test_muscle_relaxation_timer_counts_down(demo, ui) -> None:
    app = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.push_screen(MuscleRelaxationScreen())
        await ui.settle(pilot)
        screen = app.screen
        await pilot.press("space")
        await pilot.pause()
        assert screen.phase == "tense" and screen._timer is not None
        for _ in range(5):
            screen._tick()
        assert screen.phase == "release" and screen.seconds_left == 10
        await pilot.press("enter")
        await pilot.pause()
        assert screen._timer is None and screen.index == 1


async def test_every_tool_opens_from_the_list_and_strategies_map_to_tools(demo, ui) -> None:
    assert tool_for_strategy("calm-place") is not None and tool_for_strategy("worry-time") is None
    app = demo()
    async with app.run_test(size=SIZE) as pilot:
        tools = await open_tools(pilot, ui)
        expected = [
            BreathingScreen,
            BreathingScreen,
            BreathingScreen,
            GroundingScreen,
            MuscleRelaxationScreen,
            SafePlaceScreen,
        ]
        for index, screen_type in enumerate(expected):
            tools.query_one("#tools-list").highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is tools
