"""Check-in screen: one key saves; emotions, energy, sleep and confidence are optional and saved too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from textual.app import App
from textual.screen import Screen

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.screens.checkin import AUTOSAVE_SECONDS, CheckInScreen, emotion_id

NOW = datetime(2026, 11, 29, 14, 0, tzinfo=UTC)


class ScreenHarness(App):
    """Just what screens use of the real app: services, clock, vault, request_save, note_activity."""

    def __init__(self, make_screen: Callable[[], Screen], services: Services, vault: Vault) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.services = services
        self.clock = services.clock
        self.vault = vault
        self.saves = 0

    def request_save(self) -> None:
        self.saves += 1

    def note_activity(self) -> None:
        pass

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


def harness(make_screen: Callable[[], Screen] = CheckInScreen) -> ScreenHarness:
    database = Database.new()
    return ScreenHarness(make_screen, Services(database, clock=FixedClock(NOW)), Vault.in_memory(database))


async def type_into(pilot, screen: Screen, selector: str, text: str) -> None:
    screen.query_one(selector).focus()
    await pilot.press(*text)


async def test_one_key_is_a_whole_check_in() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        [checkin] = app.services.checkins.list()
        assert checkin.mood == 2 and checkin.emotions == () and checkin.energy is None
        assert app.saves == 1


async def test_emotions_energy_sleep_confidence_note_and_tags_are_stored() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await type_into(pilot, screen, f"#{emotion_id('anxious')}", "6")
        await type_into(pilot, screen, f"#{emotion_id('hopeful')}", "3")
        await type_into(pilot, screen, "#checkin-energy", "2")
        await type_into(pilot, screen, "#checkin-sleep", "6.5")
        await type_into(pilot, screen, "#checkin-confidence", "7")
        await type_into(pilot, screen, "#checkin-note", "after group")
        await type_into(pilot, screen, "#checkin-tags", "group, walk")
        assert app.services.checkins.count() == 0, "nothing is saved before a mood is picked"
        screen.query_one("#checkin-mood").focus()
        await pilot.press("3")
        await pilot.pause()
        [checkin] = app.services.checkins.list()
        assert checkin.mood == 3
        assert {item.name: item.intensity for item in checkin.emotions} == {"anxious": 6, "hopeful": 3}
        assert checkin.energy == 2
        assert checkin.sleep_hours == 6.5
        assert checkin.coping_confidence == 7
        assert checkin.note == "after group"
        assert set(checkin.tags) == {"group", "walk"}
        assert checkin.at == NOW


async def test_adding_detail_after_the_mood_updates_the_same_check_in() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await type_into(pilot, app.screen, "#checkin-confidence", "8")
        await pilot.pause(AUTOSAVE_SECONDS + 0.3)
        [checkin] = app.services.checkins.list()
        assert checkin.mood == 4 and checkin.coping_confidence == 8


async def test_an_unclear_number_is_named_and_the_rest_is_saved() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_into(pilot, app.screen, "#checkin-confidence", "12")
        await type_into(pilot, app.screen, "#checkin-energy", "4")
        app.screen.query_one("#checkin-mood").focus()
        await pilot.press("5")
        await pilot.pause()
        [checkin] = app.services.checkins.list()
        assert checkin.mood == 5 and checkin.energy == 4 and checkin.coping_confidence is None
        assert "Coping confidence is a number from 0 to 10" in str(app.screen.query_one("#checkin-status").content)


async def test_backdating_with_words() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_into(pilot, app.screen, "#checkin-when", "2 days ago")
        app.screen.query_one("#checkin-mood").focus()
        await pilot.press("3")
        await pilot.pause()
        assert app.services.checkins.list()[0].at == NOW - timedelta(days=2)


async def test_recent_check_ins_can_be_edited_and_deleted_with_undo() -> None:
    app = harness()
    older = app.services.checkins.create(2, at=NOW - timedelta(days=1), note="rough")
    app.services.checkins.create(4, at=NOW - timedelta(hours=2))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await pilot.press("r", "down", "enter")
        await pilot.pause()
        assert screen.checkin_id == older.id
        assert screen.query_one("#checkin-note").value == "rough"
        await pilot.press("3")
        await pilot.pause()
        assert app.services.checkins.get(older.id).mood == 3
        assert app.services.checkins.count() == 2

        await pilot.press("r")
        recent = screen.query_one("#checkin-recent")
        recent.highlighted = 1
        await pilot.press("d")
        await pilot.pause()
        assert [checkin.mood for checkin in app.services.checkins.list()] == [4]
        await pilot.press("u")
        await pilot.pause()
        restored = app.services.checkins.list()
        assert [checkin.mood for checkin in restored] == [4, 3]
        assert restored[1].note == "rough" and restored[1].at == older.at


async def test_opened_for_a_home_check_in_adds_to_it() -> None:
    app = harness()
    checkin = app.services.checkins.create(4)
    app.make_screen = lambda: CheckInScreen.for_checkin(checkin.id)
    async with app.run_test(size=(100, 32)) as pilot:
        await type_into(pilot, app.screen, f"#{emotion_id('calm')}", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [stored] = app.services.checkins.list()
        assert stored.id == checkin.id and stored.mood == 4
        assert [(item.name, item.intensity) for item in stored.emotions] == [("calm", 5)]
