"""Safety plan screen: lines added, edited, moved, removed and stored; contacts; escaped 0600 export."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import Input

from copingkit.core.error_words import file_already_there
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.screens.get_help import GetHelpScreen
from copingkit.tui.screens.safety_plan import SafetyPlanScreen, add_id, list_id

SIZE = (100, 32)


async def open_plan(pilot, ui) -> SafetyPlanScreen:
    await ui.settle(pilot)
    await pilot.press("p")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, SafetyPlanScreen)
    return pilot.app.screen


async def add_line(pilot, screen, key: str, text: str) -> None:
    box = screen.query_one(f"#{add_id(key)}", Input)
    box.focus()
    await pilot.pause()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


def texts(services: Services, key: str) -> list[str]:
    return [item.text for item in services.safety.step(key).items]


async def test_add_edit_move_remove_lines_are_stored(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, ui)
        text = ui.screen_text(app)
        assert (
            "1. Warning signs" in text and "6. Making my surroundings safer" in text and "Reasons to keep going" in text
        )
        await add_line(pilot, screen, "warning_signs", "Not sleeping")
        await add_line(pilot, screen, "warning_signs", "Cancelling plans")
        await add_line(pilot, screen, "reasons_to_live", "My niece's laugh")
        assert texts(services, "warning_signs") == ["Not sleeping", "Cancelling plans"]
        assert texts(services, "reasons_to_live") == ["My niece's laugh"]
        assert app.saves >= 3
        lines = screen.query_one(f"#{list_id('warning_signs')}")
        lines.focus()
        lines.highlighted = 1
        await pilot.press("shift+up")
        await pilot.pause()
        assert texts(services, "warning_signs") == ["Cancelling plans", "Not sleeping"]
        assert lines.highlighted == 0
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#text-prompt-input", Input)
        box.value = "Cancelling plans with friends"
        await pilot.press("enter")
        await pilot.pause()
        assert texts(services, "warning_signs") == ["Cancelling plans with friends", "Not sleeping"]
        lines.focus()
        lines.highlighted = 1
        await pilot.press("delete")
        await pilot.pause()
        assert texts(services, "warning_signs") == ["Cancelling plans with friends"]


async def test_contacts_added_here_come_first_in_get_help(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, ui)
        screen.query_one("#plan-contact-name", Input).value = "Jo from group"
        reach = screen.query_one("#plan-contact-reach", Input)
        reach.focus()
        reach.value = "text 07700 900456"
        await pilot.press("enter")
        await pilot.pause()
        assert [(c.name, c.how_to_reach) for c in services.safety.contacts()] == [
            ("Jo from group", "text 07700 900456")
        ]
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
        text = ui.screen_text(app)
        assert text.index("Jo from group") < text.index("Samaritans")


async def test_get_help_opens_the_plan_in_one_key(demo, ui) -> None:
    app, services = demo(lambda s: s.safety.add_item("reasons_to_live", "The sea"))
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("s")
        await ui.settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen)
        reasons = app.screen.query_one(f"#{list_id('reasons_to_live')}")
        assert [str(option.prompt) for option in reasons.options] == ["The sea"]


async def test_printable_copy_warns_then_writes_escaped_0600_html(demo, ui, tmp_path: Path) -> None:
    def seed(services: Services) -> None:
        services.safety.add_item("warning_signs", "<script>alert(1)</script> & more")
        services.safety.add_contact("Sam <sister>", how_to_reach="0770")

    app, services = demo(seed)
    target = tmp_path / "out" / "plan.html"
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot, ui)
        app.set_focus(None)
        await pilot.press("w")
        await pilot.pause()
        assert "plaintext" in ui.screen_text(app)
        app.screen.query_one("#text-prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await ui.settle(pilot)
        page = target.read_text(encoding="utf-8")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
        assert "Sam &lt;sister&gt;" in page and "Samaritans" in page
        # an existing file is never replaced, and the refusal is the report's and the CLI's sentence
        said: list[tuple[str, str]] = []
        notify = app.notify
        app.notify = lambda message, **options: (
            said.append((message, options["severity"])),
            notify(message, **options),
        )
        app.set_focus(None)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#text-prompt-input", Input).value = str(target)
        before = target.read_bytes()
        await pilot.press("enter")
        await ui.settle(pilot)
        assert target.read_bytes() == before
        assert said == [(file_already_there(target), "warning")]
        assert file_already_there(target) == f"{target} already exists; nothing was written. Choose another name."


async def test_a_line_typed_but_not_added_is_kept_when_locking(make_app, existing_vault, ui) -> None:
    from copingkit.core.vault import TEST_KDF

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        screen = await open_plan(pilot, ui)
        box = screen.query_one(f"#{add_id('reasons_to_live')}", Input)
        box.focus()
        box.value = "Seeing the spring again"
        await pilot.pause()
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert app.vault is None
        assert "Seeing the spring again" not in ui.dom_text(app)
    vault = Vault.open(existing_vault, ui.PASSPHRASE, kdf=TEST_KDF)
    try:
        assert texts(Services(vault.database), "reasons_to_live") == ["Seeing the spring again"]
    finally:
        vault.close()


async def test_the_printable_copy_leaves_off_a_line_hidden_in_settings(demo, ui, tmp_path: Path) -> None:
    app, _ = demo()
    target = tmp_path / "plan.html"
    async with app.run_test(size=SIZE) as pilot:
        app.config = app.config.with_changes(hidden_lines=("Shout",))
        await open_plan(pilot, ui)
        app.set_focus(None)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#text-prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await ui.settle(pilot)
        page = target.read_text(encoding="utf-8")
        assert "Samaritans" in page and "116 123" in page
        assert "Shout" not in page and "85258" not in page
