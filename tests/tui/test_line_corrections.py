"""Correcting a bundled crisis line in Settings: Get help (locked too) and the printable plan show
the person's number marked "(your correction)"; clearing the field brings the bundled one back."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input

from copingkit.config import LineCorrection
from copingkit.tui.screens.get_help import GetHelpScreen
from copingkit.tui.screens.safety_plan import SafetyPlanScreen

SIZE = (100, 32)


def shown(ui, app) -> str:
    return " ".join(ui.screen_text(app).split())


async def _save_correction(pilot, ui, text: str) -> None:
    pilot.app.go("settings")
    await ui.settle(pilot)
    pilot.app.screen.query_one("#settings-corrected-lines", Input).value = text
    await pilot.press("ctrl+s")
    await ui.settle(pilot)


async def test_a_correction_made_in_settings_shows_on_get_help_and_holds_while_locked(
    make_app, existing_vault, config_path, ui
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await _save_correction(pilot, ui, "samaritans: 116 999")
        assert tomllib.loads(config_path.read_text(encoding="utf-8"))["corrected_lines"] == [
            {"service": "Samaritans", "kind": "call", "value": "116 999"}
        ]
        assert app.screen.query_one("#settings-corrected-lines", Input).value == "Samaritans: call 116 999"
        await pilot.press("f1")
        await ui.settle(pilot)
        assert isinstance(app.screen, GetHelpScreen)
        text = shown(ui, app)
        assert "Call: 116 999 (your correction)" in text
        assert "116 123" not in text
        await pilot.press("escape")
        await ui.settle(pilot)
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert not app.unlocked
        await pilot.press("f1")
        await ui.settle(pilot)
        assert isinstance(app.screen, GetHelpScreen)
        assert "Call: 116 999 (your correction)" in shown(ui, app)


async def test_clearing_the_correction_restores_the_bundled_number(make_app, existing_vault, config_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await _save_correction(pilot, ui, "Shout: text 99999")
        await _save_correction(pilot, ui, "")
        assert "corrected_lines" not in tomllib.loads(config_path.read_text(encoding="utf-8"))
        await pilot.press("f1")
        await ui.settle(pilot)
        text = shown(ui, app)
        assert "Text: 85258 — Text SHOUT to 85258." in text
        assert "your correction" not in text


async def test_a_name_that_is_no_bundled_line_is_said_and_not_kept(make_app, existing_vault, config_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await _save_correction(pilot, ui, "Samaritens: 116 999")
        assert 'No bundled line is called "Samaritens"; that correction wasn\'t kept. Saved.' in shown(ui, app)
        assert app.config.corrected_lines == ()


async def test_the_printable_plan_shows_the_correction(demo, ui, tmp_path: Path) -> None:
    app, _ = demo()
    target = tmp_path / "plan.html"
    async with app.run_test(size=SIZE) as pilot:
        app.config = app.config.with_changes(
            corrected_lines=(LineCorrection(service="Samaritans", kind="call", value="116 999"),)
        )
        await ui.settle(pilot)
        await pilot.press("p")
        await ui.settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen)
        app.set_focus(None)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#text-prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await ui.settle(pilot)
    page = target.read_text(encoding="utf-8")
    assert "call 116 999 (your correction)" in page
    assert "116 123" not in page
