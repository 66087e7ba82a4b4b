"""A unique canary typed into every kind of personal text (entry, check-in note, strategy, safety plan,
passphrase) never lands in a file or an output it should not: not in the data, config, cache or state
folders, the working folder, or the system temp folders, in UTF-8, UTF-16-LE or base64.

The safety plan line goes through `services.safety.add_item`; there is no CLI command for strategies
or the safety plan, so the CLI session adds those two through the services in-process, with the same
isolated folders.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from copingkit.config import Config
from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support import reference_vault as ref

from .canary import SYSTEM_TEMP, contains, files_with, new_canary

START = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def add_safety_plan_item(database: Database, text: str) -> None:
    Services(database).safety.add_item("reasons_to_live", text)


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Private HOME, XDG folders, TMPDIR and working folder for an in-process session."""
    names = ("home", "data", "config", "cache", "state", "runtime", "tmp", "work")
    made = {name: tmp_path / name for name in names}
    for folder in made.values():
        folder.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(made["home"]))
    for variable, name in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
        ("TMPDIR", "tmp"),
    ):
        monkeypatch.setenv(variable, str(made[name]))
    for name in list(os.environ):
        if name.startswith(("COPINGKIT_", "TEXTUAL")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.chdir(made["work"])
    return made


def scan_roots(folders: dict[str, Path]) -> list[Path]:
    return [*folders.values(), *SYSTEM_TEMP]


async def test_a_tui_session_leaves_the_canary_nowhere(folders, capfd) -> None:
    from textual.widgets import Checkbox, Input, Static

    from copingkit.tui.app import CopingkitApp
    from copingkit.tui.screens.checkin import CheckInScreen
    from copingkit.tui.screens.editor import EditorScreen

    canary = new_canary()
    passphrase = f"{canary} quiet harbour"
    since = time.time()
    vault_path = folders["data"] / "copingkit" / "journal.vault"
    app = CopingkitApp(
        vault_path=vault_path,
        config=Config(country="GB", backups_keep=3),
        config_path=folders["config"] / "copingkit" / "config.toml",
        clock=FixedClock(START),
        kdf=TEST_KDF,
    )
    app.animation_level = "none"
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # the clipboard is only for when a person asks

    async def settle(pilot) -> None:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    async def type_into(pilot, selector: str, text: str) -> None:
        box = app.screen.query_one(selector, Input)
        box.focus()
        await pilot.pause()
        box.value = text  # typed key by key in the editor below; set here to keep the test quick
        await pilot.pause()

    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await type_into(pilot, "#passphrase", passphrase)
        await type_into(pilot, "#passphrase-again", passphrase)
        await pilot.click("#create")
        await settle(pilot)
        assert len(str(app.screen.query_one("#recovery-key", Static).render()).split()) == 8
        app.screen.query_one("#written-down", Checkbox).value = True
        await pilot.pause()
        await pilot.click("#continue")
        await settle(pilot)

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*f"an entry holding {canary} today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        await type_into(pilot, "#checkin-note", f"note {canary}")
        app.screen.query_one("#checkin-mood").focus()
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        app.services.coping.create(f"Strategy {canary}", [f"step with {canary}"])
        add_safety_plan_item(app.vault.database, f"plan {canary}")
        app.request_save()
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)

    assert copied == []
    stored = Vault.open(vault_path, passphrase, kdf=TEST_KDF)
    try:
        services = Services(stored.database)
        kept = {
            "entry": [services.journal.get(e.id).body for e in services.journal.list()],
            "check-in": [c.note for c in services.checkins.list()],
            "strategy": [s.title for s in services.coping.strategies(query=canary)],
            "safety plan": [repr(services.safety.plan())],
        }
    finally:
        stored.close(save=False)
    assert {where: any(canary in (text or "") for text in texts) for where, texts in kept.items()} == dict.fromkeys(
        kept, True
    ), "the session did not store the canary everywhere it should"
    captured = capfd.readouterr()
    assert not contains(captured.out + captured.err, canary)
    assert files_with(canary, scan_roots(folders), since=since) == []


def test_a_cli_session_leaves_the_canary_only_where_an_entry_was_asked_for(home, tmp_path: Path) -> None:
    canary = new_canary()
    since = time.time()
    home.passphrase_file.write_text(f"{canary} passphrase words\n")
    new_passphrase = home.root / "secrets" / "new-passphrase"
    new_passphrase.write_text(f"{canary} another passphrase\n")
    quiet = [
        home.run("init"),
        home.run("write", f"entry {canary}", "--tag", "walk"),
        home.run("write", "-", input=f"piped entry {canary}\n"),
        home.run("checkin", "2", "--note", f"note {canary}"),
    ]
    # No CLI command for strategies or the safety plan: add them through the services, same folders.
    with Vault.open(home.vault, f"{canary} passphrase words", kdf=TEST_KDF) as vault:
        Services(vault.database).coping.create(f"Strategy {canary}", [f"step {canary}"])
        add_safety_plan_item(vault.database, f"plan {canary}")
    quiet += [
        home.run("backup", str(home.root / "work" / "copy.vault")),
        home.run("passwd", "--new-passphrase-file", str(new_passphrase)),
        home.run("--passphrase-file", str(new_passphrase), "doctor"),
        home.run("--passphrase-file", str(new_passphrase), "list", "--tag", "nothing-here"),
    ]
    asked = [
        home.run("--passphrase-file", str(new_passphrase), "list"),
        home.run("--passphrase-file", str(new_passphrase), "search", canary, "--format", "json"),
    ]
    for result in quiet + asked:
        assert result.returncode in (0, 1), (result.args, result.stderr)  # doctor may find things to check
    for result in quiet:
        assert not contains(result.stdout + result.stderr, canary), result.args
    assert all(contains(result.stdout, canary) for result in asked), "the entry was asked for and not shown"
    assert not any(contains(result.stderr, canary) for result in asked)
    roots = [home.root / name for name in ("home", "data", "config", "cache", "state", "tmp", "work")]
    assert files_with(canary, [*roots, *SYSTEM_TEMP], since=since, exclude=[home.root / "secrets"]) == []


def test_an_entry_deleted_forever_is_gone_from_the_image_and_the_file(tmp_path: Path) -> None:
    canary = new_canary()
    path = tmp_path / "journal.vault"
    vault, _ = Vault.create(path, "purge passphrase", kdf=TEST_KDF)
    services = Services(vault.database)
    for number in range(30):
        services.journal.create(f"an ordinary day {number}", tags=["daily"])
    doomed = services.journal.create(f"words to forget {canary} entirely", title=f"title {canary}", tags=[canary])
    services.journal.create("a later day", tags=["daily"])
    vault.save()
    assert contains(vault.database.image(), canary)
    services.journal.delete(doomed.id)
    services.journal.purge(doomed.id)
    assert not contains(vault.database.image(), canary)
    vault.save()
    vault.close()
    image = ref.decode(path.read_bytes(), passphrase="purge passphrase").image
    assert not contains(image, canary)
    connection = sqlite3.connect(":memory:")
    connection.deserialize(image)
    assert connection.execute("SELECT count(*) FROM journal_entry").fetchone() == (31,)
    connection.close()
