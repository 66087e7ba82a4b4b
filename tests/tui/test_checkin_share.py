"""Check-ins can be marked to share, like entries: ctrl+t on the form and in the recent list."""

from __future__ import annotations

from copingkit.tui.screens.checkin import CheckInScreen

SIZE = (100, 32)


async def _open(pilot, ui) -> CheckInScreen:
    await ui.settle(pilot)
    await pilot.press("c")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, CheckInScreen)
    return pilot.app.screen


async def test_ctrl_t_on_the_form_marks_the_check_in_to_share(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ui)
        await pilot.press("3")
        await pilot.pause()
        [checkin] = services.checkins.list()
        assert checkin.shared is False  # off unless asked
        screen.query_one("#checkin-note").focus()
        await pilot.press(*"for Tuesday", "ctrl+t")
        await pilot.pause()
        [checkin] = services.checkins.list()
        assert checkin.shared is True and checkin.note == "for Tuesday"
        assert "Marked to share" in str(screen.query_one("#checkin-status").render())


async def test_ctrl_t_in_the_recent_list_toggles_the_highlighted_one(demo, ui) -> None:
    app, services = demo()
    first = services.checkins.create(2, note="older")
    services.checkins.create(4, note="newer")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, ui)
        recent = screen.query_one("#checkin-recent")
        recent.focus()
        recent.highlighted = 1
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert {c.note: c.shared for c in services.checkins.list()} == {"older": True, "newer": False}
        assert "shared" in str(recent.get_option_at_index(1).prompt)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert services.checkins.get(first.id).shared is False
