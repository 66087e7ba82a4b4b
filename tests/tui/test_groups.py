"""Groups screen: log a peer-support session by keys, change or delete a past one, keep a strategy
learned from the group (source "group"), and Get help and Lock still work from here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Input, OptionList, TextArea

from copingkit.core.services import Services
from copingkit.tui.screens.get_help import GetHelpScreen
from copingkit.tui.screens.groups import GroupsScreen
from copingkit.tui.screens.unlock import UnlockScreen

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def keys(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


async def open_groups(pilot, ui) -> GroupsScreen:
    """From home, g opens the Groups screen with the date field focused."""
    await ui.settle(pilot)
    await pilot.press("g")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, GroupsScreen)
    return pilot.app.screen


def two_sessions(services: Services) -> None:
    services.groups.log("Tuesday circle", at=NOW - timedelta(days=7), what_i_shared="the nightmares", connectedness=4)
    services.groups.log("Veterans group", at=NOW - timedelta(days=2), takeaways="cold water on my face")


async def test_a_session_logged_by_keys_is_stored_with_90_minutes_by_default(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_groups(pilot, ui)
        assert screen.focused is screen.query_one("#groups-when")
        await pilot.press(*keys("yesterday"), "tab")
        await pilot.press(*keys("Tuesday circle"), "tab")
        await pilot.press("tab")  # minutes: leave the typical 90
        await pilot.press(*keys("how hard sleep has been"), "tab")
        await pilot.press(*keys("others wake at 3am too"), "tab")
        await pilot.press(*keys("box breathing"), "tab")
        await pilot.press("7")
        assert services.groups.count() == 0, "nothing is stored before saving"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [session] = services.groups.list()
        assert session.group_name == "Tuesday circle"
        assert session.minutes == 90
        assert session.what_i_shared == "how hard sleep has been"
        assert session.what_i_heard == "others wake at 3am too"
        assert session.takeaways == "box breathing"
        assert session.connectedness == 7
        assert session.at.astimezone().date() == NOW.astimezone().date() - timedelta(days=1)
        assert app.saves >= 1
        past = screen.query_one("#groups-past", OptionList)
        assert "Tuesday circle" in str(past.get_option_at_index(0).prompt)


async def test_every_field_is_optional_and_names_attended_before_are_suggested(demo, ui) -> None:
    app, services = demo(seed=two_sessions)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_groups(pilot, ui)
        await pilot.press("ctrl+s")
        await pilot.pause()
        newest = services.groups.list()[0]
        assert services.groups.count() == 3
        assert newest.group_name == "Veterans group", "an empty name is the group attended last"
        assert newest.minutes == 90 and newest.at == NOW
        assert newest.what_i_shared is None and newest.connectedness is None

        await pilot.press("ctrl+n")
        await pilot.pause()
        screen.query_one("#groups-name").focus()
        await pilot.press("t", "u")
        await ui.settle(pilot)
        await pilot.press("right")
        await pilot.pause()
        assert screen.query_one("#groups-name", Input).value == "Tuesday circle"


async def test_a_past_session_opens_to_edit_and_keeps_its_date(demo, ui) -> None:
    app, services = demo(seed=two_sessions)
    before = services.groups.list()[1]
    assert before.group_name == "Tuesday circle"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_groups(pilot, ui)
        await pilot.press("ctrl+r", "down", "enter")
        await pilot.pause()
        assert screen.query_one("#groups-shared", TextArea).text == "the nightmares"
        assert screen.query_one("#groups-connected", Input).value == "4"
        screen.query_one("#groups-connected").focus()
        await pilot.press("backspace", "8")
        screen.query_one("#groups-heard").focus()
        await pilot.press(*keys("I am not the only one"))
        await pilot.press("ctrl+s")
        await pilot.pause()
    after = services.groups.get(before.id)
    assert services.groups.count() == 2, "an edit changes the session, it doesn't add one"
    assert after.connectedness == 8
    assert after.what_i_heard == "I am not the only one"
    assert after.what_i_shared == "the nightmares"
    assert after.at == before.at and after.group_name == "Tuesday circle" and after.minutes == 90


async def test_deleting_a_session_asks_first(demo, ui) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    app, services = demo(seed=two_sessions)
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot, ui)
        await pilot.press("ctrl+r", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await pilot.pause()
        assert services.groups.count() == 2, "escape keeps it"
        saves = app.saves
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
        assert [s.group_name for s in services.groups.list()] == ["Tuesday circle"]
        assert app.saves > saves
        past = app.screen.query_one("#groups-past", OptionList)
        assert past.option_count == 1 and "Tuesday circle" in str(past.get_option_at_index(0).prompt)


async def test_a_strategy_learned_from_the_group_goes_into_the_library_marked_group(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot, ui)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*keys("Cold water"), "tab")
        await pilot.press(*keys("Run cold water"), "enter", *keys("Hold your wrists under it"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
        [learned] = [s for s in services.coping.strategies() if s.title == "Cold water"]
        assert learned.source == "group"
        assert learned.steps == ("Run cold water", "Hold your wrists under it")
        assert app.saves >= 1
        assert "learned from my group" in ui.screen_text(app)


async def test_get_help_and_lock_work_from_groups_and_keep_what_was_typed(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_groups(pilot, ui)
        await pilot.press("tab", *keys("Open circle"))
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
        assert app.screen.query_one("#groups-name", Input).value == "Open circle"
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "Open circle" not in ui.dom_text(app)
    assert [s.group_name for s in services.groups.list()] == ["Open circle"], "typed text is kept at lock"


async def test_groups_is_in_the_command_palette(demo, ui) -> None:
    from copingkit.tui.navigation import CopingkitCommands

    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        names = [hit.text async for hit in CopingkitCommands(app.screen).discover()]
        assert "Groups" in names
