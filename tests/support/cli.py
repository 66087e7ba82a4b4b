"""The command line in-process (click's CliRunner) on a vault made with the test KDF profile.

Fast enough to run hundreds of times in one test; the e2e tests cover the real subprocess.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from copingkit import cli
from copingkit.cli import common, secrets
from copingkit.core.clock import FixedClock
from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "a calm and steady passphrase"
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@dataclass
class InProcessCli:
    """A private home with one journal in it; `run` is `copingkit ARGS` with the test KDF and a fixed clock."""

    root: Path
    recovery_key: str = field(default="", repr=False)

    @property
    def vault(self) -> Path:
        return self.root / "data" / "journal.vault"

    @property
    def passphrase_file(self) -> Path:
        return self.root / "secrets" / "passphrase"

    def env(self) -> dict[str, str | None]:
        variables: dict[str, str | None] = {name: None for name in os.environ if name.startswith("COPINGKIT")}
        variables.update(
            HOME=str(self.root / "home"),
            XDG_CONFIG_HOME=str(self.root / "config"),
            XDG_DATA_HOME=str(self.root / "xdg-data"),
            XDG_STATE_HOME=str(self.root / "state"),
            XDG_CACHE_HOME=str(self.root / "cache"),
            XDG_RUNTIME_DIR=str(self.root / "runtime"),
            COPINGKIT_VAULT=str(self.vault),
            COPINGKIT_PASSPHRASE_FILE=str(self.passphrase_file),
        )
        return variables

    def run(
        self,
        *args: str,
        input: bytes | str | None = None,
        env: Mapping[str, str | None] | None = None,
        terminal: bool = False,
    ) -> Result:
        """`terminal=True`: standard input counts as a person at a terminal (prompts are answered from `input`)."""
        saved = common.KDF_PROFILE, common.CLOCK, secrets.on_terminal
        common.KDF_PROFILE, common.CLOCK = TEST_KDF, FixedClock(NOW)
        if terminal:
            secrets.on_terminal = lambda: True
        try:
            return CliRunner().invoke(cli.main, list(args), input=input, env={**self.env(), **(env or {})})
        finally:
            common.KDF_PROFILE, common.CLOCK, secrets.on_terminal = saved


def make_home(root: Path, *, with_vault: bool = True) -> InProcessCli:
    for name in ("home", "config", "xdg-data", "state", "cache", "runtime", "secrets", "data"):
        (root / name).mkdir(mode=0o700, parents=True, exist_ok=True)
    home = InProcessCli(root)
    home.passphrase_file.write_text(PASSPHRASE + "\n")
    if with_vault:
        vault, home.recovery_key = Vault.create(home.vault, PASSPHRASE, kdf=TEST_KDF)
        vault.close()
    return home
