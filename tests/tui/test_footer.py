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


async def test_a_deferred_footer_refresh_leaves_a_screen_that_is_no_longer_shown_alone() -> None:
    """The footer recomposes after a refresh; by then its screen may be covered or on its way out (a lock
    replaces every screen, removing their widgets first). It must not ask that screen for its bindings:
    the screen's `check_action` reads widgets that may be gone. Seen under load as a crash during lock."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class ReadsItsWidgets(Screen):
        BINDINGS = [("x", "thing", "Thing")]

        def compose(self):
            yield Static(id="thing")
            yield CopingkitFooter()

        def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
            self.query_one("#thing")  # raises NoMatches once the widget is gone
            return True

        def action_thing(self) -> None:
            pass

    class Other(Screen):
        def compose(self):
            yield Static("other")

    class Harness(App):
        def on_mount(self) -> None:
            self.push_screen(ReadsItsWidgets())

    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(CopingkitFooter)
        await app.push_screen(Other())
        await screen.query_one("#thing").remove()
        await footer._recompose_if_changed()  # what call_after_refresh runs; must not raise
        assert app.screen is not screen
