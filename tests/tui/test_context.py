"""The typed context screens reach the app through (tui/context.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copingkit.tui.context import JournalLocked, app_context, open_services
from copingkit.tui.screens.home import HomeScreen

SIZE = (100, 32)


async def test_open_services_is_the_apps_services_while_unlocked_and_says_so_plainly_when_locked(
    make_app, existing_vault: Path, ui
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert app_context(home) is app
        assert open_services(home) is app.services
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert app.services is None
        with pytest.raises(JournalLocked, match="^HomeScreen needs the open journal, and the journal is locked$"):
            open_services(home)
