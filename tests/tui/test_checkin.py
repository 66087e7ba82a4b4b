"""Check-in screen: one key saves; emotions, energy, sleep and confidence are optional and saved too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.screen import Screen

from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.drafts import FLUSH_SECONDS as AUTOSAVE_SECONDS
from copingkit.tui.screens.checkin import CheckInScreen, emotion_id

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


async def open_checkin(pilot, ui, checkin_id: int | None = None) -> CheckInScreen:
    """From home: c opens the check-in screen (or it is pushed for an earlier check-in)."""
    await ui.settle(pilot)
    if checkin_id is None:
        await pilot.press("c")
    else:
        pilot.app.push_screen(CheckInScreen.for_checkin(checkin_id))
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, CheckInScreen)
    return pilot.app.screen


async def type_into(pilot, screen: Screen, selector: str, text: str) -> None:
    screen.query_one(selector).focus()
    await pilot.press(*text)


async def test_one_key_is_a_whole_check_in(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot, ui)
        await pilot.press("2")
        await pilot.pause()
        [checkin] = services.checkins.list()
        assert checkin.mood == 2 and checkin.emotions == () and checkin.energy is None
        assert app.saves == 1


async def test_emotions_energy_sleep_confidence_note_and_tags_are_stored(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot, ui)
        screen = app.screen
        await type_into(pilot, screen, f"#{emotion_id('anxious')}", "6")
        await type_into(pilot, screen, f"#{emotion_id('hopeful')}", "3")
        await type_into(pilot, screen, "#checkin-energy", "2")
        await type_into(pilot, screen, "#checkin-sleep", "6.5")
        await type_into(pilot, screen, "#checkin-confidence", "7")
        await type_into(pilot, screen, "#checkin-note", "after group")
        await type_into(pilot, screen, "#checkin-tags", "group, walk")
        assert services.checkins.count() == 0, "nothing is saved before a mood is picked"
        screen.query_one("#checkin-mood").focus()
        await pilot.press("3")
        await pilot.pause()
        [checkin] = services.checkins.list()
        assert checkin.mood == 3
        assert {item.name: item.intensity for item in checkin.emotions} == {"anxious": 6, "hopeful": 3}
        assert checkin.energy == 2
        assert checkin.sleep_hours == 6.5
        assert checkin.coping_confidence == 7
        assert checkin.note == "after group"
        assert set(checkin.tags) == {"group", "walk"}
        assert checkin.at == NOW


async def test_adding_detail_after_the_mood_updates_the_same_check_in(demo, ui, test_time) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot, ui)
        await pilot.press("4")
        await pilot.pause()
        await type_into(pilot, app.screen, "#checkin-confidence", "8")
        await test_time.advance(pilot, AUTOSAVE_SECONDS)
        [checkin] = services.checkins.list()
        assert checkin.mood == 4 and checkin.coping_confidence == 8


async def test_an_out_of_range_number_is_refused_in_the_box_with_a_word(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot, ui)
        await type_into(pilot, screen, "#checkin-confidence", "12")
        assert screen.query_one("#checkin-confidence").value == "1"
        status = str(screen.query_one("#checkin-status").content)
        assert status == "Coping confidence is a number from 0 to 10. “2” wasn't added."
        await type_into(pilot, screen, "#checkin-energy", "7")
        assert screen.query_one("#checkin-energy").value == ""
        await type_into(pilot, screen, "#checkin-sleep", "24.5")
        assert screen.query_one("#checkin-sleep").value == "24."
        screen.query_one("#checkin-mood").focus()
        await pilot.press("5")
        await pilot.pause()
        [checkin] = services.checkins.list()
        assert (checkin.mood, checkin.energy, checkin.coping_confidence, checkin.sleep_hours) == (5, None, 1, 24.0)
        assert str(screen.query_one("#checkin-status").content).startswith("Saved: 5")


async def test_backdating_with_words(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot, ui)
        await type_into(pilot, app.screen, "#checkin-when", "2 days ago")
        app.screen.query_one("#checkin-mood").focus()
        await pilot.press("3")
        await pilot.pause()
        assert services.checkins.list()[0].at == NOW - timedelta(days=2)


async def test_recent_check_ins_can_be_edited_and_deleted_with_undo(demo, ui) -> None:
    made = {}

    def seed(services: Services) -> None:
        made["older"] = services.checkins.create(2, at=NOW - timedelta(days=1), note="rough")
        services.checkins.create(4, at=NOW - timedelta(hours=2))

    app, services = demo(seed)
    older = made["older"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot, ui)
        await pilot.press("r", "down", "enter")
        await pilot.pause()
        assert screen.checkin_id == older.id
        assert screen.query_one("#checkin-note").value == "rough"
        await pilot.press("3")
        await pilot.pause()
        assert services.checkins.get(older.id).mood == 3
        assert services.checkins.count() == 2

        await pilot.press("r")
        recent = screen.query_one("#checkin-recent")
        recent.highlighted = 1
        await pilot.press("delete")
        await pilot.pause()
        assert [checkin.mood for checkin in services.checkins.list()] == [4]
        await pilot.press("u")
        await pilot.pause()
        restored = services.checkins.list()
        assert [checkin.mood for checkin in restored] == [4, 3]
        assert restored[1].note == "rough" and restored[1].at == older.at


async def test_home_check_in_then_c_adds_detail_to_the_same_one(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("4", "c")
        await ui.settle(pilot)
        [checkin] = services.checkins.list()
        assert isinstance(app.screen, CheckInScreen) and app.screen.checkin_id == checkin.id
        await type_into(pilot, app.screen, f"#{emotion_id('calm')}", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [stored] = services.checkins.list()
        assert stored.id == checkin.id and stored.mood == 4
        assert [(item.name, item.intensity) for item in stored.emotions] == [("calm", 5)]


async def test_opening_an_earlier_check_in_changes_nothing_until_edited(demo, ui, test_time) -> None:
    made = {}

    def seed(services: Services) -> None:
        made["checkin"] = services.checkins.create(3, note="quiet", at=NOW - timedelta(days=1), energy=2)

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot, ui, made["checkin"].id)
        await test_time.advance(pilot, AUTOSAVE_SECONDS)
        assert services.checkins.get(made["checkin"].id) == made["checkin"]
        assert app.saves == 0


async def test_lock_keeps_detail_typed_a_moment_ago(make_app, existing_vault, ui) -> None:
    from copingkit.core.vault import Vault as RealVault

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        screen = await open_checkin(pilot, ui)
        await pilot.press("2")
        await type_into(pilot, screen, "#checkin-note", "before the lock")
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert not app.unlocked
    vault = RealVault.open(existing_vault, passphrase=ui.PASSPHRASE)
    try:
        [checkin] = Services(vault.database).checkins.list()
        assert checkin.mood == 2 and checkin.note == "before the lock"
    finally:
        vault.close()


# -- the detail boxes: focus that can be seen, keys that land where the focus is -----------------


def fast(app, *keys: str) -> None:
    """Queue keys at once, as fast typing does: none is read before the one before it is."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_every_tab_stop_is_a_box_the_mood_or_the_list(demo, ui) -> None:
    from textual.widgets import Input, OptionList

    from copingkit.tui.widgets.mood_picker import MoodPicker

    app, _ = demo(lambda services: services.checkins.create(3, at=NOW - timedelta(hours=1)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot, ui)
        stops = []
        for _ in range(20):
            await pilot.press("tab")
            stops.append(screen.focused)
        assert all(isinstance(stop, (Input, MoodPicker, OptionList)) for stop in stops), stops


async def test_digits_in_a_detail_box_never_change_the_mood(demo, ui) -> None:
    made = {}
    app, services = demo(lambda services: made.setdefault("it", services.checkins.create(3)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot, ui, made["it"].id)
        screen.query_one("#checkin-mood").focus()
        await pilot.press("tab")  # from the mood to the first box
        assert screen.focused.id == emotion_id("anxious")
        await pilot.press("4", "tab", "5", "tab", "1")
        assert screen.mood == 3
        assert [screen.query_one(f"#{emotion_id(name)}").value for name in ("anxious", "sad", "angry")] == [
            "4",
            "5",
            "1",
        ]


@pytest.mark.parametrize("move", ["tab", "enter"])
async def test_a_digit_typed_straight_after_moving_on_lands_in_the_next_box(demo, ui, move: str) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot, ui)
        screen.query_one(f"#{emotion_id('ashamed')}").focus()
        await pilot.pause()
        fast(app, "4", move, "5")
        await ui.settle(pilot)
        assert screen.query_one(f"#{emotion_id('ashamed')}").value == "4"
        assert screen.query_one(f"#{emotion_id('lonely')}").value == "5"


@pytest.mark.parametrize("theme", ["copingkit-calm", "copingkit-high-contrast", "no-color"])
async def test_the_focused_box_shows_in_shape_not_only_in_colour(make_app, ui, monkeypatch, theme: str) -> None:
    from copingkit.config import Config

    if theme == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(
        demo_vault=Vault.in_memory(), config=Config(theme="copingkit-calm" if theme == "no-color" else theme)
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot, ui)
        box = screen.query_one("#checkin-energy")
        assert box.styles.border_left[0] == "blank"
        box.focus()
        await pilot.pause()
        assert box.styles.border_left[0] == "tall"
        assert box.get_component_rich_style("input--cursor").reverse
        mood = screen.query_one("#checkin-mood")
        mood.focus()
        await pilot.pause()
        assert mood.styles.text_style.underline
