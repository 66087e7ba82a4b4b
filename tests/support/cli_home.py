"""A private home for running the real `copingkit` command in a subprocess (the e2e and fault tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

RUNNER = Path(__file__).resolve().parents[1] / "e2e" / "run_cli.py"
PASSPHRASE = "a calm and steady passphrase"


@dataclass
class Home:
    root: Path
    env: dict[str, str]

    @property
    def vault(self) -> Path:
        return Path(self.env["COPINGKIT_VAULT"])

    @property
    def passphrase_file(self) -> Path:
        return Path(self.env["COPINGKIT_PASSPHRASE_FILE"])

    def run(self, *args: str, input: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None):
        return subprocess.run(
            [sys.executable, str(RUNNER), *args],
            input=input,
            capture_output=True,
            text=True,
            env={**self.env, **(env or {})},
            cwd=cwd or self.root / "work",
            timeout=120,
        )


def make_home(tmp_path: Path) -> Home:
    """A private HOME with its own data, config, cache, state and temp folders, and a passphrase file."""
    folders = {
        name: tmp_path / name
        for name in ("home", "data", "config", "cache", "state", "tmp", "work", "secrets", "runtime")
    }
    for folder in folders.values():
        folder.mkdir()
    secret = folders["secrets"] / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COPINGKIT", "XDG_", "TEXTUAL"))}
    env.update(
        HOME=str(folders["home"]),
        XDG_DATA_HOME=str(folders["data"]),
        XDG_CONFIG_HOME=str(folders["config"]),
        XDG_CACHE_HOME=str(folders["cache"]),
        XDG_STATE_HOME=str(folders["state"]),
        TMPDIR=str(folders["tmp"]),
        XDG_RUNTIME_DIR=str(folders["runtime"]),
        COPINGKIT_VAULT=str(folders["data"] / "copingkit" / "journal.vault"),
        COPINGKIT_PASSPHRASE_FILE=str(secret),
        PYTHONDONTWRITEBYTECODE="1",
    )
    src = Path(__file__).resolve().parents[2] / "src"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), str(RUNNER.parent), env.get("PYTHONPATH", "")]))
    return Home(tmp_path, env)


def initialise(home: Home) -> Home:
    result = home.run("init")
    assert result.returncode == 0, result.stderr
    home.recovery_key = result.stdout.strip()
    return home
