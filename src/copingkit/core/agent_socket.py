"""Where the key agent's socket is (core/keyagent.py): `<runtime dir>/copingkit-agent/agent.sock`.

Apart from the agent's protocol so that asking whether an agent may be running (a stat of this
path, on the way to every command: copingkit/early_unlock.py) costs none of its imports.
"""

from __future__ import annotations

import contextlib
import os
import stat
import warnings
from pathlib import Path

FOLDER_NAME = "copingkit-agent"
SOCKET_NAME = "agent.sock"


class AgentUnavailable(Exception):
    """No agent could be started or reached (the caller goes on without it)."""


# ---- where --------------------------------------------------------------------------------------


def _runtime_base() -> Path | None:
    value = os.environ.get("XDG_RUNTIME_DIR")
    if value:
        return Path(value)
    try:
        import platformdirs

        with warnings.catch_warnings():  # no RuntimeDirWarning on every command where the variable is unset
            warnings.simplefilter("ignore")
            base = Path(platformdirs.user_runtime_dir())
    except Exception:  # noqa: BLE001 - any failure means: use the private temp folder
        return None
    return base if base.parent.is_dir() else None


def _private_folder(folder: Path, *, create: bool) -> Path:
    """`folder` (made 0700 if missing and `create`); refused (AgentUnavailable) unless it is a real folder
    of ours at 0700."""
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) != 0o700:
        raise AgentUnavailable(f"{folder} is not a private folder of this user")
    return folder


def socket_path(*, create: bool = False) -> Path:
    """The agent's socket: `<runtime dir>/copingkit-agent/agent.sock`, or a private temp folder's.

    The folder is made only with `create` (starting an agent); a client never makes it."""
    base = _runtime_base()
    if base is not None and base.is_dir():
        folder = base / FOLDER_NAME
    else:
        import tempfile  # here: where the runtime folder is set (most logins), no command needs it

        folder = Path(tempfile.gettempdir()) / f"{FOLDER_NAME}-{os.getuid()}"
    return _private_folder(folder, create=create) / SOCKET_NAME
