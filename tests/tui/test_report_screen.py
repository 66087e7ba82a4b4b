"""Session report screen (r from Home): the preview says what goes in, the days and trends change it, w saves a
0600 plaintext page after the warning, and an existing file is never replaced."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import Input

from copingkit.core.services import Services
from copingkit.tui.screens.report import PLAINTEXT_NOTICE, ReportScreen
from copingkit.tui.widgets.tick_box import TickBox
from tests.support.spy import Spy

SIZE = (80, 24)


def seed(services: Services) -> None:
    services.journal.create("The walk helped. <script>x</script>", title="Tuesday", shared=True)
    services.journal.create("Only for me", title="Private thoughts")
    services.checkins.create(4, note="shared calm", shared=True)
    services.checkins.create(2, note="kept to myself")


async def open_report(pilot, ui) -> ReportScreen:
    await ui.settle(pilot)
    await pilot.press("r")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, ReportScreen)
    return pilot.app.screen


def preview(app) -> str:
    return str(app.screen.query_one("#report-summary").render())


async def test_the_preview_lists_what_goes_in_and_follows_the_options(demo, ui) -> None:
    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot, ui)
        text = preview(app)
        assert "Everything in the journal" in text
        assert "Shared entries: 1 entry marked to share" in text and "Tuesday" in text
        assert "Shared check-ins: 1 check-in marked to share" in text and "mood 4 (good)" in text
        assert "Trends: numbers from 2 check-ins (no notes, no tags)" in text
        assert "Private thoughts" not in text and "kept to myself" not in text
        screen.query_one("#report-trends", TickBox).value = False
        await ui.settle(pilot)
        assert "Trends: left out" in preview(app)
        await ui.type_into(pilot, "#report-from", "2999-01-01")
        await ui.settle(pilot)
        assert "From 2999-01-01" in preview(app) and "Shared entries: 0 entries marked to share" in preview(app)
        await ui.type_into(pilot, "#report-from", "not a day")
        await ui.settle(pilot)
        problem = str(screen.query_one("#report-problem").render())
        assert problem.startswith("I couldn't read the date 'not a day'.") and preview(app) == ""


async def test_saving_warns_then_writes_0600_and_never_replaces_a_file(demo, ui, tmp_path: Path) -> None:
    app, _ = demo(seed)
    target = tmp_path / "report.html"
    async with app.run_test(size=SIZE) as pilot:
        await open_report(pilot, ui)
        notify = app.notify = Spy(app.notify)
        await pilot.press("w")
        await ui.settle(pilot)
        assert PLAINTEXT_NOTICE[:40] in ui.screen_text(app)
        app.screen.query_one("#text-prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await ui.settle(pilot)
        page = target.read_text(encoding="utf-8")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert "Tuesday" in page and "shared calm" in page and "&lt;script&gt;x&lt;/script&gt;" in page
        assert "Private thoughts" not in page and "kept to myself" not in page
        target.write_text("mine", encoding="utf-8")
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        app.screen.query_one("#text-prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert target.read_text(encoding="utf-8") == "mine"
        assert [call["severity"] for call in notify.calls] == ["information", "warning"]
