"""Get help and Lock stay visible in the footer however crowded a screen is."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from copingkit.tui.widgets.footer import CopingkitFooter

SIZE = (100, 32)


@pytest.mark.parametrize("key", ["o", "j", "c", "h"])
async def test_get_help_and_lock_come_first_in_the_footer(demo, ui, key) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press(key)
        await ui.settle(pilot)
        footer = app.screen.query_one(CopingkitFooter)
        keys = list(footer.query(FooterKey))
        assert [k.action for k in keys[:3]] == ["get_help", "lock", "panic_lock"]
        for first in keys[:2]:
            region = first.region
            assert region.width > 0 and region.right <= SIZE[0], (first.action, region)


async def test_a_modals_footer_names_both_get_help_keys_and_ctrl_f_works_there(make_app, existing_vault, ui) -> None:
    from copingkit.tui.screens.country import CountryScreen
    from copingkit.tui.screens.get_help import GetHelpScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.unlock(pilot)
        await app.push_screen(CountryScreen())
        await ui.settle(pilot)  # the footer recomposes after the screen's first refresh, then lays its keys out
        keys = list(app.screen.query(FooterKey))
        assert (keys[0].action, keys[0].key_display) == ("get_help", "f1/^f")
        assert keys[0].region.width == len(" f1/^f Get help ") and keys[0].region.right <= 80
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
