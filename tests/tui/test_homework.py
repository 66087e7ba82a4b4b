"""Homework: what a pack asks for, due first; one key marks an item done and it is stored."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from copingkit.core.packs import read_pack
from copingkit.tui.screens.homework import HomeworkScreen

SIZE = (80, 24)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homework-pack.toml"


def seed(services) -> None:
    services.homework.import_pack(read_pack(EXAMPLE.read_text(encoding="utf-8")))


def rows(screen: HomeworkScreen) -> list[str]:
    options = screen.query_one("#homework-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_homework(pilot, ui) -> HomeworkScreen:
    await ui.settle(pilot)
    await pilot.press("w")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, HomeworkScreen)
    return pilot.app.screen


async def test_w_shows_what_is_due_and_d_marks_the_highlighted_one_done(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_homework(pilot, ui)
        shown = rows(screen)
        assert len(shown) == 7 and all(row.startswith("Due  ") for row in shown)
        first = screen.items[0]
        assert shown[0] == "Due  Write: Write about one moment this week that felt a bit lighter. · due by 2026-12-10"
        assert "Pack: Between sessions: noticing and settling from Sam Rivera, counsellor" in ui.screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        stored = next(item for item in services.homework.items() if item.id == first.id)
        assert (stored.due, stored.done_count) == (False, 1)
        assert rows(screen)[-1].startswith("Done Write: Write about one moment")
        assert app.saves >= 1


async def test_space_marks_done_too_and_a_cadence_counts_up(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_homework(pilot, ui)
        options = screen.query_one("#homework-list", OptionList)
        options.highlighted = next(i for i, item in enumerate(screen.items) if item.kind == "checkin")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        checkin = next(item for item in services.homework.items() if item.kind == "checkin")
        assert (checkin.status, checkin.due) == ("1 of 5 this week", True)


async def test_no_homework_says_how_a_pack_comes_in(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_homework(pilot, ui)
        assert "copingkit pack import FILE" in ui.screen_text(app)
