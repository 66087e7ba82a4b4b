"""Settings and config.toml: a value out of range is brought into range and the message says so."""

from __future__ import annotations

import tomllib

from textual.widgets import Input, Static


async def test_an_out_of_range_value_is_saved_in_range_and_said_so(make_app, existing_vault, config_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        app.screen.query_one("#settings-auto-lock", Input).value = "999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = str(app.screen.query_one("#settings-message", Static).render())
        assert message == "Lock after: 999 is above 240; using 240. Saved."
        assert app.config.auto_lock_minutes == 240
        assert app.screen.query_one("#settings-auto-lock", Input).value == "240"
    assert tomllib.loads(config_path.read_text(encoding="utf-8"))["auto_lock_minutes"] == 240
