"""A signal saves what was typed and ends the app: after SIGHUP (the window closed) at once, with no
write to the terminal that is gone; after SIGTERM or SIGINT through the app's own exit, which puts
the terminal back as it was. (tests/e2e/test_tui_signals.py runs the real app on a real terminal.)"""

from __future__ import annotations

import signal

import pytest

from copingkit.tui import locking
from tests.support.stored import stored_bodies

SIZE = (100, 32)


class Ended(Exception):
    """What the replaced os._exit raises, with the status it was given."""


@pytest.fixture
def ended(monkeypatch) -> list[int]:
    codes: list[int] = []

    def end(code: int) -> None:
        codes.append(code)
        raise Ended(code)

    monkeypatch.setattr(locking, "end_process", end)
    return codes


async def test_a_hang_up_saves_then_ends_the_process_without_the_apps_exit(
    make_app, existing_vault, ui, ended, monkeypatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("words written just before the window closed")
        exits: list[object] = []
        monkeypatch.setattr(app, "exit", lambda *a, **k: exits.append(k))
        with pytest.raises(Ended):
            app.exit_on_signal(signal.SIGHUP)
        assert ended == [0] and exits == []
        assert app.vault is None  # closed: saved and the lock released before the end
    assert stored_bodies(existing_vault, ui.PASSPHRASE) == ["words written just before the window closed"]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_term_and_interrupt_save_and_leave_through_the_apps_exit(
    make_app, existing_vault, ui, ended, number
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("kept")
        app.exit_on_signal(number)
        await pilot.pause()
    assert ended == []
    assert app.return_code == 0
    assert stored_bodies(existing_vault, ui.PASSPHRASE) == ["kept"]
