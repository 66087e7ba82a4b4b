"""Typing never navigates by surprise (DESIGN.md §5): a sentence typed right after a screen opens
lands in a writing screen's first box, and on no screen does it switch screens or change data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.containers import Vertical
from textual.widgets import Input, TextArea

from copingkit.core.services import Services
from copingkit.tui.modals.confirm_delete_forever import ConfirmDeleteForever
from copingkit.tui.modals.strategy_form import StrategyFormModal
from copingkit.tui.navigation import PLACES, load_screen_class
from copingkit.tui.screens.checkin import CheckInScreen
from copingkit.tui.screens.home import HomeScreen
from copingkit.tui.screens.journal import JournalScreen
from copingkit.tui.screens.library import LibraryScreen
from copingkit.tui.typing_guard import TYPING_PAUSE, has_text_boxes

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
SENTENCE = "Not sleeping for two nights"
WRITING_SCREENS = {"groups": "#groups-when", "safety-plan": ".plan-add", "settings": "#settings-auto-lock"}
NAMES = [item.name for item in PLACES]


def keys(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


def seed(services: Services) -> None:
    services.journal.create("Walked to the park.", title="Walk", at=NOW - timedelta(days=1))
    services.journal.delete(services.journal.create("Old words", title="Old", at=NOW - timedelta(days=2)).id)
    services.checkins.create(3, at=NOW - timedelta(hours=3))
    services.safety.add_item("warning_signs", "Skipping meals")


def snapshot(services: Services) -> tuple[object, ...]:
    """Everything a stray key could change."""
    entries = services.journal.list(limit=50) + services.journal.list(limit=50, deleted=True)
    return (
        [(e.id, e.title, e.starred, e.shared, e.deleted) for e in entries],
        [(c.id, c.mood) for c in services.checkins.list()],
        [(s.id, s.title, s.favourite, s.hidden) for s in services.coping.strategies(include_hidden=True)],
        [(s.key, [i.text for i in s.items]) for s in services.safety.plan().steps],
        [g.id for g in services.groups.list()],
    )


async def open_screen(pilot, ui, name: str):
    await ui.settle(pilot)
    if name != "home":
        pilot.app.go(name)
        await ui.settle(pilot)
    screen = pilot.app.screen
    target = next(item for item in PLACES if item.name == name)
    assert isinstance(screen, load_screen_class(target))
    return screen


def box_text(widget) -> str:
    return widget.text if isinstance(widget, TextArea) else widget.value


@pytest.mark.parametrize("name", NAMES)
async def test_a_sentence_typed_on_opening_never_switches_screens(demo, ui, name: str) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, name)
        before = snapshot(services)
        await pilot.press(*keys(SENTENCE))
        await ui.settle(pilot)

        assert app.screen is screen
        assert snapshot(services) == before
        if name in WRITING_SCREENS:
            first = screen.query(WRITING_SCREENS[name]).first()
            assert screen.focused is first
            if name != "settings":  # its first box takes whole minutes, so letters are refused there
                assert box_text(first) == SENTENCE


async def test_settings_opens_in_its_first_box_and_it_takes_what_is_typed(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "settings")
        box = screen.query_one("#settings-auto-lock", Input)
        assert screen.focused is box
        await pilot.press("end", "5")
        assert box.value == "105"


@pytest.mark.parametrize("name", ["home", "checkin"])
async def test_the_one_key_check_in_still_takes_one_key(demo, ui, name: str) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ui, name)
        await pilot.press("4")
        await ui.settle(pilot)
        [checkin] = services.checkins.list()
        assert checkin.mood == 4


async def test_after_a_pause_a_key_pressed_on_purpose_works_again(demo, ui, clock) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "checkin")
        await pilot.press(*keys("I slept 3"))
        await ui.settle(pilot)
        assert services.checkins.count() == 0
        assert app.screen is screen

        clock.advance(seconds=TYPING_PAUSE.total_seconds())
        await pilot.press("3")
        await ui.settle(pilot)
        assert [c.mood for c in services.checkins.list()] == [3]


async def test_a_key_that_is_not_a_character_ends_typing_at_once(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ui, "home")
        await pilot.press("N", "o")
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("escape", "j")
        await ui.settle(pilot)
        assert isinstance(app.screen, JournalScreen)


async def test_typing_is_named_once_in_calm_words(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ui, "home")
        await pilot.press(*keys(SENTENCE))
        await ui.settle(pilot)
        notices = [n.message for n in app._notifications if "paused while you type" in n.message]
        assert len(notices) == 1


async def test_app_letters_do_nothing_on_a_screen_with_text_boxes(demo, ui) -> None:
    """One letter, pressed alone: it is the app's key for Coping, but the check-in has text boxes."""
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "checkin")
        assert isinstance(screen, CheckInScreen)
        await pilot.press("o")
        await ui.settle(pilot)
        assert app.screen is screen


async def test_a_text_box_mounted_later_keeps_letters_for_writing_until_it_is_removed(demo, ui) -> None:
    """Whether a screen has text boxes is remembered between key checks: a box mounted after the screen
    opened, deep inside a container already there, turns the app's letters off at once; removing it
    turns them back on."""
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        home = await open_screen(pilot, ui, "home")
        assert not has_text_boxes(home)  # remembered from here on
        holder = Vertical(Vertical())
        await home.mount(holder)
        assert not has_text_boxes(home)
        box = Input()
        await holder.children[0].mount(box)
        await pilot.press("j")
        await ui.settle(pilot)
        assert app.screen is home
        assert not box.has_focus, "the letter reached the app, not the box"

        await box.remove()
        await pilot.press("escape", "j")  # escape ends the typing that j started
        await ui.settle(pilot)
        assert isinstance(app.screen, JournalScreen)


async def test_app_letters_still_go_from_home(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ui, "home")
        await pilot.press("j")
        await ui.settle(pilot)
        assert isinstance(app.screen, JournalScreen)


@pytest.mark.parametrize("trash", [False, True])
async def test_dear_diary_on_the_journal_list_never_asks_to_delete_forever(demo, ui, trash: bool) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "journal")
        if trash:
            await pilot.press("x")
            await ui.settle(pilot)
        before = snapshot(services)
        await pilot.press("D")
        await ui.settle(pilot)
        assert not isinstance(app.screen, ConfirmDeleteForever)
        await pilot.press(*keys("ear diary"))
        await ui.settle(pilot)
        assert app.screen is screen
        assert snapshot(services) == before


async def test_delete_forever_needs_ctrl_d_in_the_deleted_entries_and_asks_first(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "journal")
        await pilot.press("ctrl+d")
        await ui.settle(pilot)
        assert app.screen is screen, "not from the journal list"
        await pilot.press("x")
        await ui.settle(pilot)
        await pilot.press("ctrl+d")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmDeleteForever)
        assert app.screen.focused.id == "delete-forever-keep"


async def test_a_letter_never_edits_a_built_in_strategy(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "library")
        assert isinstance(screen, LibraryScreen)
        assert screen.current is not None and screen.current.source == "builtin"
        await pilot.press("e")
        await ui.settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+e")
        await ui.settle(pilot)
        assert isinstance(app.screen, StrategyFormModal)


async def test_a_letter_on_the_recent_check_ins_never_deletes_one(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "checkin")
        screen.query_one("#checkin-recent").focus()
        await pilot.pause()
        await pilot.press("d")
        await ui.settle(pilot)
        assert services.checkins.count() == 1


async def test_a_letter_on_a_safety_plan_line_never_removes_it(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ui, "safety-plan")
        screen.query_one("#plan-warning-signs").focus()
        await pilot.pause()
        await pilot.press("x")
        await ui.settle(pilot)
        assert [i.text for i in services.safety.step("warning_signs").items] == ["Skipping meals"]
