"""Conflict copies of a vault: ours, and those sync tools leave beside it (DESIGN.md §2.3).

ours        journal.conflict-20261201T101500123456Z.vault
Syncthing   journal.sync-conflict-20261201-101500-ABCDEF1.vault
Dropbox     journal (Sam's conflicted copy 2026-12-01).vault
Nextcloud   journal (conflicted copy 2026-12-01 101500).vault
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def _patterns(stem: str) -> tuple[re.Pattern[str], ...]:
    name = re.escape(stem)
    return (
        re.compile(rf"{name}\.conflict-\d{{8}}T\d{{6,12}}Z\.vault"),
        re.compile(rf"{name}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]+\.vault"),
        re.compile(rf"{name} \([^()]*conflicted copy[^()]*\)\.vault"),
    )


def is_conflict_copy(vault: Path, candidate: Path) -> bool:
    """Whether `candidate` is a conflict copy of `vault`, sitting beside it."""
    vault, candidate = Path(vault).resolve(), Path(candidate).resolve()
    if candidate.parent != vault.parent or candidate == vault:
        return False
    return any(pattern.fullmatch(candidate.name) for pattern in _patterns(vault.stem))


def conflict_copies(vault: Path) -> list[Path]:
    """The conflict copies beside `vault`, oldest name first."""
    vault = Path(vault).resolve()
    try:
        entries = list(vault.parent.iterdir())
    except OSError:
        return []
    return sorted(entry for entry in entries if entry.is_file() and is_conflict_copy(vault, entry))


def file_away(vault: Path, copy: Path) -> Path:
    """Move a merged conflict copy into the vault's backups folder, so it is no longer offered."""
    from copingkit.core.vault.folders import make_private_folder
    from copingkit.core.vault.store import backup_folder

    folder = backup_folder(Path(vault).resolve())
    make_private_folder(folder)
    target = folder / Path(copy).name
    os.replace(copy, target)
    return target


__all__ = ["conflict_copies", "file_away", "is_conflict_copy"]
