"""Putting a backup back: read it, open it, and replace the journal's file with it (the current one kept beside).

The command line (`copingkit restore PATH`) asks the questions; the files are handled here, beside the
rest of the vault's file work: nothing is replaced before the current journal is saved and a copy of
it is written next to it, and both writes are atomic (a crash leaves the old file or the new one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from copingkit.core.vault import format as fmt
from copingkit.core.vault.errors import ReadOnly
from copingkit.core.vault.folders import check_folder, make_private_folder
from copingkit.core.vault.store import Vault, read_header, read_sealed, unseal, write_file_atomically


@dataclass(frozen=True)
class Backup:
    """A sealed backup read whole (its header checked and its size bounded before the body was read)."""

    path: Path
    data: bytes | bytearray
    header: fmt.Header

    @classmethod
    def read(cls, path: Path, *, allow_costly: bool = False) -> Backup:
        data = read_sealed(path, allow_costly=allow_costly)
        return cls(path, data, fmt.parse_header(data))

    def is_of(self, vault_path: Path) -> bool:
        """Whether this is a backup of the journal at `vault_path` (the same vault id)."""
        return read_header(vault_path).vault_id == self.header.vault_id

    def open(self, passphrase: str, *, allow_costly: bool = False) -> bytes:
        """The backup's database image; WrongSecret if `passphrase` doesn't open it."""
        _, _, image = unseal(self.data, passphrase=passphrase, allow_costly=allow_costly)
        return image


def kept_copy_name(path: Path, now: datetime) -> Path:
    """Where the journal a restore replaces is kept: beside it, `<stem>.before-restore-<local time>.vault`."""
    return path.with_name(f"{path.stem}.before-restore-{now.strftime('%Y%m%dT%H%M%S')}.vault")


def replace_with(vault: Vault, backup: Backup, *, now: Callable[[], datetime] = datetime.now) -> Path:
    """Replace the open `vault`'s file with `backup`; returns where the journal it held is kept.

    The vault is saved first (so the kept copy has everything), then copied beside itself, then the
    backup's bytes take its place. Through a symlink the real file is replaced and the link stays.
    The caller closes `vault` afterwards without saving (its memory is the journal it replaced).
    """
    if vault.read_only:
        raise ReadOnly(str(vault.path))
    vault.save()
    real = vault.path
    kept = kept_copy_name(real, now())
    write_file_atomically(kept, real.read_bytes())
    write_file_atomically(real, backup.data)
    return kept


def restore_missing(vault_path: Path, backup: Backup, *, trust_folder: bool = False) -> Path:
    """Put `backup` where there is no journal yet; returns the file written.

    A dangling symlink gets its target (and stays a link); the folder is checked as opening would
    check it, and made private if it is missing.
    """
    real = vault_path.resolve()
    if real.parent.exists():
        check_folder(real.parent, trust=trust_folder)
    make_private_folder(real.parent)
    write_file_atomically(real, backup.data)
    return real
