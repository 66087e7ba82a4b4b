"""The first screen imports only what it shows (issue 13: first paint within half a second).

The unlock screen is painted before anything of the vault (crypto, storage, the error table), the
first-run screen (and the content models it reads) or pydantic (the config is plain dataclasses) is
imported; a thread imports the vault's part
once the screen is up, while the passphrase is typed (tests/tui/test_preload.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WATCHED = (
    "copingkit.core.vault",
    "copingkit.core.error_words",
    "copingkit.core.content",
    "copingkit.tui.screens.create",
    "pydantic",
)
PROGRAM = """
import asyncio, sys
from pathlib import Path

from copingkit import hardening

hardening.apply()
from copingkit.config import Config
from copingkit.tui.app import CopingkitApp
from copingkit.tui.screens.unlock import UnlockScreen

UnlockScreen._import_ahead = lambda self: None  # its thread would import them at any moment


async def main() -> None:
    app = CopingkitApp(vault_path=Path(sys.argv[1]), config=Config(), config_path=None)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.pause()
        print(type(app.screen).__name__, sorted(name for name in {watched!r} if name in sys.modules))


asyncio.run(main())
"""


def _first_screen(vault_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(watched=WATCHED), str(vault_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_unlock_screen_paints_without_the_vault_or_the_first_run_screen(tmp_path: Path) -> None:
    vault_path = tmp_path / "journal.vault"
    vault_path.write_bytes(b"not read until Enter")
    assert _first_screen(vault_path) == "UnlockScreen []"


def test_the_first_run_screen_does_import_them(tmp_path: Path) -> None:
    """The check above can see an import: making a journal needs the vault and the content."""
    assert _first_screen(tmp_path / "journal.vault") == (
        "CreateScreen ['copingkit.core.content', 'copingkit.core.error_words', 'copingkit.core.vault', "
        "'copingkit.tui.screens.create', 'pydantic']"
    )
