"""While the passphrase is typed, Home's screen module (with all it imports) and the services it reads
as it opens are imported in a thread worker, so unlocking doesn't wait for those imports."""

from __future__ import annotations

import sys

import pytest

import copingkit.core.services
import copingkit.tui.screens
from copingkit.tui.screens.unlock import UnlockScreen

HOME = "copingkit.tui.screens.home"
READS = {"checkins": "copingkit.core.services.checkins", "journal": "copingkit.core.services.journal"}
SIZE = (100, 32)


async def test_home_is_imported_before_the_passphrase_is_entered(
    make_app, existing_vault, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, HOME, raising=False)  # as in a fresh process (restored after)
    monkeypatch.delattr(copingkit.tui.screens, "home", raising=False)
    for name, module in READS.items():
        monkeypatch.delitem(sys.modules, module, raising=False)
        monkeypatch.delattr(copingkit.core.services, name, raising=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await ui.settle(pilot)  # the unlock screen painted, and its preload worker done
        assert {HOME, *READS.values()} <= set(sys.modules)
        preloaded = sys.modules[HOME]
        await ui.unlock(pilot)
        assert type(app.screen) is preloaded.HomeScreen


async def test_without_the_unlock_screen_nothing_imports_home(
    make_app, vault_path, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: the first-run screen doesn't preload, so Home isn't imported there."""
    monkeypatch.delitem(sys.modules, HOME, raising=False)
    monkeypatch.delattr(copingkit.tui.screens, "home", raising=False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        assert HOME not in sys.modules
