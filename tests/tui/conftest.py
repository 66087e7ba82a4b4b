"""Fixtures for the Pilot tests: every test gets its own home, config and vault, a fixed clock,
tiny KDF parameters, and no animation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from copingkit.config import Config
from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.timers import TestTime

START = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PASSPHRASE = "kind steady morning light"
SIZE = (100, 32)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real home, config or data folders."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        monkeypatch.setenv(name, str(home / folder))
    import os

    for name in list(os.environ):
        if name.startswith(("COPINGKIT_", "TEXTUAL")) and not name.startswith("TEXTUAL_SNAPSHOT"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(autouse=True)
def test_time(clock: FixedClock) -> Iterator[TestTime]:
    """copingkit's Textual timers follow the test clock: time passes only with `test_time.advance`."""
    with TestTime(clock).installed() as time:
        yield time


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault" / "journal.vault"


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


@pytest.fixture
def config() -> Config:
    return Config(theme="copingkit-calm", auto_lock_minutes=10, country="GB", backups_keep=3)


@pytest.fixture
def existing_vault(vault_path: Path) -> Path:
    """A journal made (and closed) before the app starts, with the test passphrase."""
    vault, _recovery_key = Vault.create(vault_path, PASSPHRASE, kdf=TEST_KDF)
    vault.close()
    return vault_path


@pytest.fixture
def existing_vault_with_key(vault_path: Path) -> tuple[Path, str]:
    vault, recovery_key = Vault.create(vault_path, PASSPHRASE, kdf=TEST_KDF)
    vault.close()
    return vault_path, recovery_key


@pytest.fixture
def make_app(vault_path: Path, config: Config, config_path: Path, clock: FixedClock) -> Callable[..., object]:
    """Build the app the way the CLI does, with test KDF parameters and no animation."""
    from copingkit.tui.app import CopingkitApp

    def make(**overrides: object) -> CopingkitApp:
        arguments: dict[str, object] = {
            "vault_path": vault_path,
            "config": config,
            "config_path": config_path,
            "clock": clock,
            "kdf": TEST_KDF,
        }
        arguments.update(overrides)
        app = CopingkitApp(**arguments)  # type: ignore[arg-type]
        app.animation_level = "none"
        return app

    return make


class UI:
    """Small Pilot helpers shared by the shell tests (the `ui` fixture)."""

    PASSPHRASE = PASSPHRASE
    SIZE = SIZE

    @staticmethod
    async def settle(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    @staticmethod
    async def type_into(pilot, selector: str, text: str) -> None:
        from textual.widgets import Input

        box = pilot.app.screen.query_one(selector, Input)
        box.focus()
        await pilot.pause()
        box.value = text
        await pilot.pause()

    @staticmethod
    def screen_text(app) -> str:
        """Everything the current screen shows, as plain text (what a person could read)."""
        from textual.widgets import Input, Static

        parts: list[str] = []
        for widget in app.screen.walk_children(with_self=True):
            if isinstance(widget, Static):
                parts.append(str(widget.render()))
            elif isinstance(widget, Input) and not widget.password:
                parts.append(widget.value)
        return "\n".join(parts)

    @staticmethod
    def dom_text(app) -> str:
        """Text held by every widget on every screen in the stack, on screen or scrolled away."""
        from textual.widgets import DataTable, Input, OptionList, Static, TextArea

        parts: list[str] = []
        screens = [screen for stack in app._screen_stacks.values() for screen in stack]
        for screen in screens:
            for widget in screen.walk_children(with_self=True):
                if isinstance(widget, Static):
                    parts.append(str(widget.render()))
                elif isinstance(widget, Input):
                    parts.append(widget.value)
                elif isinstance(widget, TextArea):
                    parts.append(widget.text)
                elif isinstance(widget, OptionList):
                    parts.extend(str(option.prompt) for option in widget.options)
                elif isinstance(widget, DataTable):
                    parts.extend(str(cell) for row in range(widget.row_count) for cell in widget.get_row_at(row))
                if widget.tooltip is not None:
                    parts.append(str(widget.tooltip))
        parts.append(app.export_screenshot())
        return "\n".join(parts)

    @staticmethod
    async def unlock(pilot, passphrase: str = PASSPHRASE) -> None:
        await UI.type_into(pilot, "#passphrase", passphrase)
        await pilot.press("enter")
        await UI.settle(pilot)

    @staticmethod
    async def create_journal(pilot, passphrase: str = PASSPHRASE) -> str:
        """Fill in the create screen, wait for the KDF, tick the box, continue. Returns the key shown."""
        from textual.widgets import Button, Checkbox, Static

        from copingkit.tui.screens.create import CreateScreen

        app = pilot.app
        assert isinstance(app.screen, CreateScreen)
        await UI.type_into(pilot, "#passphrase", passphrase)
        await UI.type_into(pilot, "#passphrase-again", passphrase)
        await pilot.click("#create")
        await UI.settle(pilot)
        key = str(app.screen.query_one("#recovery-key", Static).render())
        assert app.screen.query_one("#continue", Button).disabled
        app.screen.query_one("#written-down", Checkbox).value = True
        await pilot.pause()
        await pilot.click("#continue")
        await UI.settle(pilot)
        return key


@pytest.fixture
def ui() -> type[UI]:
    return UI


@pytest.fixture
def demo(make_app, clock: FixedClock) -> Callable[..., tuple[object, Services]]:
    """The real app on an in-memory demo vault (optionally over `database`); `seed` writes data first.
    Counts save requests in `app.saves`."""

    def build(seed: Callable[[Services], object] | None = None, database: Database | None = None):
        vault = Vault.in_memory(database)
        services = Services(vault.database, clock=clock)
        if seed is not None:
            seed(services)
        app = make_app(demo_vault=vault)
        app.saves = 0
        request_save = app.request_save

        def counting_request_save() -> None:
            app.saves += 1
            request_save()

        app.request_save = counting_request_save
        return app, services

    return build
