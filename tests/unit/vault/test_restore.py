"""Restoring a backup (core/vault/restore.py): the current journal is saved and kept beside it before its
file is replaced; a missing journal's folder is checked and made private; nothing is written for a
journal that can't be changed."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from copingkit.core.vault import TEST_KDF, Vault, errors
from copingkit.core.vault.restore import Backup, kept_copy_name, replace_with, restore_missing
from tests.support.read_only import read_only_mount

PASSPHRASE = "a backup to come back to"
STAMP = datetime(2026, 11, 30, 21, 15, 7)


def _rows(path: Path) -> list[str]:
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault, vault.database.connection as conn:
        return [row[0] for row in conn.execute("SELECT x FROM probe ORDER BY rowid")]


def _write(vault: Vault, text: str) -> None:
    with vault.database.connection as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS probe(x TEXT)")
        conn.execute("INSERT INTO probe VALUES (?)", (text,))


@pytest.fixture
def journal_and_backup(tmp_path: Path) -> tuple[Path, Backup]:
    """A journal holding 'before' and 'after', and a backup of it taken between the two."""
    path = tmp_path / "data" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    _write(vault, "before")
    backup_path = vault.backup_now(tmp_path / "copy.vault")
    _write(vault, "after")
    vault.close()
    return path, Backup.read(backup_path)


def test_a_backup_is_known_as_this_journals_and_opens_with_its_passphrase(journal_and_backup, tmp_path) -> None:
    path, backup = journal_and_backup
    other, _ = Vault.create(tmp_path / "other" / "journal.vault", PASSPHRASE, kdf=TEST_KDF)
    other.close()
    assert (backup.is_of(path), backup.is_of(tmp_path / "other" / "journal.vault")) == (True, False)
    with pytest.raises(errors.WrongSecret):
        backup.open("not the passphrase")
    assert bytes(backup.open(PASSPHRASE)[:16]) == b"SQLite format 3\x00"


def test_replacing_saves_and_keeps_the_current_journal_beside_it_then_puts_the_backup_in_place(
    journal_and_backup,
) -> None:
    path, backup = journal_and_backup
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    try:
        _write(vault, "not saved yet")
        kept = replace_with(vault, backup, now=lambda: STAMP)
    finally:
        vault.close(save=False)
    assert kept == path.with_name("journal.before-restore-20261130T211507.vault")
    assert path.read_bytes() == backup.data
    assert _rows(path) == ["before"]
    assert _rows(kept) == ["before", "after", "not saved yet"]
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_through_a_symlink_the_real_file_is_replaced_and_the_link_stays(journal_and_backup, tmp_path) -> None:
    path, backup = journal_and_backup
    link = tmp_path / "link.vault"
    link.symlink_to(path)
    vault = Vault.open(link, PASSPHRASE, kdf=TEST_KDF)
    try:
        kept = replace_with(vault, backup, now=lambda: STAMP)
    finally:
        vault.close(save=False)
    assert (link.is_symlink(), path.read_bytes() == backup.data, kept.parent) == (True, True, path.parent)


def test_a_journal_that_cannot_be_written_is_refused_and_left_as_it_is(journal_and_backup) -> None:
    path, backup = journal_and_backup
    before = path.read_bytes()
    with read_only_mount(path.parent):
        vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
        try:
            with pytest.raises(errors.ReadOnly):
                replace_with(vault, backup, now=lambda: STAMP)
        finally:
            vault.close(save=False)
    assert (path.read_bytes() == before, sorted(p.name for p in path.parent.glob("*.vault"))) == (
        True,
        ["journal.vault"],
    )


def test_where_there_is_no_journal_the_backup_goes_into_a_new_private_folder(journal_and_backup, tmp_path) -> None:
    _, backup = journal_and_backup
    target = tmp_path / "new" / "place" / "journal.vault"
    written = restore_missing(target, backup)
    assert (written, target.read_bytes() == backup.data) == (target, True)
    assert [stat.S_IMODE(folder.stat().st_mode) for folder in (target.parent, target.parent.parent)] == [0o700, 0o700]


def test_a_dangling_link_gets_its_target_and_stays_a_link(journal_and_backup, tmp_path) -> None:
    _, backup = journal_and_backup
    target = tmp_path / "elsewhere" / "journal.vault"
    target.parent.mkdir()
    link = tmp_path / "link.vault"
    link.symlink_to(target)
    restore_missing(link, backup)
    assert (link.is_symlink(), target.read_bytes() == backup.data) == (True, True)


def test_a_folder_anyone_can_change_is_refused_unless_trusted(journal_and_backup, tmp_path) -> None:
    _, backup = journal_and_backup
    folder = tmp_path / "open"
    folder.mkdir()
    os.chmod(folder, 0o777)
    with pytest.raises(errors.FolderNotTrusted):
        restore_missing(folder / "journal.vault", backup)
    assert list(folder.iterdir()) == []
    restore_missing(folder / "journal.vault", backup, trust_folder=True)
    assert (folder / "journal.vault").read_bytes() == backup.data


def test_the_kept_copy_is_named_by_local_time_beside_the_journal(tmp_path) -> None:
    assert kept_copy_name(tmp_path / "j.vault", STAMP) == tmp_path / "j.before-restore-20261130T211507.vault"
