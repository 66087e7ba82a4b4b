"""Where copingkit keeps its files. Nothing here creates a folder at import time."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "copingkit"
VAULT_ENV = "COPINGKIT_VAULT"
CONFIG_ENV = "COPINGKIT_CONFIG_FILE"
VAULT_FILENAME = "journal.vault"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_vault_path() -> Path:
    """The vault path: `COPINGKIT_VAULT` if set, else the platform data folder."""
    override = os.environ.get(VAULT_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / VAULT_FILENAME


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents we own) as 0700, whatever the umask; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o700)
    except OSError:
        pass
    return path
