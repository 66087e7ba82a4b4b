"""The folders a vault lives in: made private when copingkit makes them, never chmod-ed otherwise,
trusted only when no one else can swap the journal (DESIGN.md §2.3, Permissions)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from copingkit.core.vault.errors import FolderNotTrusted, VaultWarning


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700, whatever the umask. Existing folders are left alone."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs, so not ours to chmod
        if sys.platform != "win32":
            os.chmod(created, 0o700)


def untrusted_reason(folder: Path) -> str | None:
    """Why someone other than this user could replace files in `folder`, or None when no one can."""
    if sys.platform == "win32":
        return None
    info = folder.stat()
    if info.st_uid not in (os.geteuid(), 0):
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & stat.S_IWOTH and not info.st_mode & stat.S_ISVTX:
        return f"anyone can change files in it ({stat.S_IMODE(info.st_mode):o})"
    return None


def check_folder(folder: Path, *, trust: bool = False) -> list[VaultWarning]:
    """Refuse a folder others can write to (FolderNotTrusted) unless `trust`; warn when others can look in."""
    if sys.platform == "win32":
        return []
    warnings = []
    reason = untrusted_reason(folder)
    if reason is not None:
        if not trust:
            raise FolderNotTrusted(folder, reason)
        warnings.append(VaultWarning.folder_trusted_anyway(folder, reason))
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077:
        warnings.append(VaultWarning.folder_open_to_others(folder, mode))
    return warnings


def can_write(path: Path) -> bool:
    """Whether a save could replace `path`: the file and its folder are writable (a read-only mount is not)."""
    return os.access(path.parent, os.W_OK | os.X_OK) and (not path.exists() or os.access(path, os.W_OK))
