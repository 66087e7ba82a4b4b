"""Where copingkit keeps its files. Nothing here creates a folder at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "copingkit"
VAULT_ENV = "COPINGKIT_VAULT"
CONFIG_ENV = "COPINGKIT_CONFIG_FILE"
VAULT_FILENAME = "journal.vault"


def data_dir() -> Path:
    import platformdirs  # here, not at import: a command given --vault never asks

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

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
    """Create `path` (and missing parents) as 0700, whatever the umask; an existing folder is left as it is."""
    from copingkit.core.vault.folders import make_private_folder

    make_private_folder(path)
    return path


def display_path(path: Path | None) -> str:
    """A path as a person reads it: under the home folder it starts with ~."""
    if path is None:
        return ""
    try:
        return "~/" + str(Path(path).resolve().relative_to(Path.home().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
