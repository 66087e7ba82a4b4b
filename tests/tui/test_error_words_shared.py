"""The CLI and the TUI say the same words for the same error: both read core/error_words.py's one table."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from copingkit.core import error_words
from copingkit.core.error_words import Entry, ExitCode, explain
from copingkit.core.vault import TEST_KDF, Vault, errors
from copingkit.tui.screens.locked_error import LockedErrorScreen
from tests.support.cli import PASSPHRASE as CLI_PASSPHRASE
from tests.support.cli import make_home

PASSPHRASE = "kind steady morning light"
SENTINEL = "Words that only the table holds: open somewhere else."


async def _tui_words(make_app, vault: Path, ui) -> str:
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.type_into(pilot, "#passphrase", PASSPHRASE)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert isinstance(app.screen, LockedErrorScreen)
        return str(app.screen.query_one("#error-words", Static).render())


def _cli_said(tmp_path: Path) -> tuple[int, str]:
    home = make_home(tmp_path / "cli")
    holder = Vault.open(home.vault, CLI_PASSPHRASE, kdf=TEST_KDF)
    try:
        result = home.run("list")
    finally:
        holder.close()
    return result.exit_code, result.stderr


async def test_a_journal_open_elsewhere_reads_the_same_in_the_cli_and_the_app(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    expected = explain(errors.Locked())
    assert expected is not None
    holder = Vault.open(existing_vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        shown = await _tui_words(make_app, existing_vault, ui)
    finally:
        holder.close()
    assert (shown, _cli_said(tmp_path)) == (expected.words, (5, expected.full + "\n"))


async def test_both_take_their_words_from_the_one_table(
    make_app, existing_vault: Path, ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(error_words.TABLE, errors.Locked, Entry(SENTINEL, ExitCode.LOCKED))
    holder = Vault.open(existing_vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        shown = await _tui_words(make_app, existing_vault, ui)
    finally:
        holder.close()
    assert (shown, _cli_said(tmp_path)) == (SENTINEL, (5, SENTINEL + "\n"))
