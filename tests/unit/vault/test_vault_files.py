"""The vault's files (DESIGN.md §2.3): conflicts found by content, the sealed bytes checked before they
are written, symlinks saved through, backups named and matched exactly, folders trusted and never chmod-ed."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from copingkit.core.error_words import exit_code_of, full_words
from copingkit.core.vault import TEST_KDF, Vault, errors, read_identity, store
from tests.support.seal_faults import FaultyEncryption

from .conftest import PASSPHRASE


def _insert(vault: Vault, text: str) -> None:
    with vault.database.connection as conn:
        conn.execute("INSERT INTO probe VALUES (?)", (text,))


def _probe(vault: Vault) -> list[str]:
    return [row[0] for row in vault.database.connection.execute("SELECT x FROM probe ORDER BY rowid")]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- conflicts by content ----------------------------------------------------------------------


def test_a_copy_of_the_same_generation_replacing_the_file_is_a_conflict(made_vault, tmp_path: Path):
    """Two copies each saved once reach the same generation; the sync tool puts the other one in place."""
    path, _ = made_vault
    laptop = tmp_path / "laptop" / "journal.vault"
    laptop.parent.mkdir(mode=0o700)
    shutil.copy2(path, laptop)
    here = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    _insert(here, "written here")
    here.save()
    with Vault.open(laptop, PASSPHRASE, kdf=TEST_KDF) as there:
        _insert(there, "written on the laptop")
    assert read_identity(laptop) == read_identity(path)
    synced = laptop.read_bytes()
    shutil.copy2(laptop, path)

    _insert(here, "more words here")
    with pytest.raises(errors.Conflict) as caught:
        here.save()

    assert path.read_bytes() == synced
    assert here.dirty
    here.close(save=False)
    with Vault.open(caught.value.conflict_copy, PASSPHRASE, kdf=TEST_KDF) as mine:
        assert _probe(mine) == ["hello vault", "written here", "more words here"]
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as theirs:
        assert _probe(theirs) == ["hello vault", "written on the laptop"]


def test_a_missing_file_is_a_conflict_and_nothing_is_written_in_its_place(made_vault):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    path.unlink()
    _insert(vault, "after the file went away")
    with pytest.raises(errors.Conflict) as caught:
        vault.save()
    assert not path.exists()
    assert caught.value.conflict_copy.name.startswith("journal.conflict-")
    vault.close(save=False)


def test_a_vault_saved_twice_without_interference_is_no_conflict(made_vault):
    path, _ = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        for text in ("one", "two", "three"):
            _insert(vault, text)
            assert vault.save()
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as reopened:
        assert _probe(reopened) == ["hello vault", "one", "two", "three"]


# ---- the sealed bytes are checked before anything is written -----------------------------------


def _temp_writes(monkeypatch) -> list[int]:
    """The sizes of the os.write calls into a save's temp file."""
    written: list[int] = []
    real_write = os.write

    def write(fd, data):
        if store.TEMP_MARK in os.readlink(f"/proc/self/fd/{fd}"):
            written.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    return written


def test_a_fault_in_the_encryption_is_caught_before_its_chunk_is_written(made_vault, monkeypatch):
    """Each sealed chunk is decrypted again and compared with the image before it is written: a bit
    flipped by the encryption never reaches the disk, the old file stays, no temp file is left."""
    path, _ = made_vault
    before = path.read_bytes()
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    _insert(vault, "kept in memory")
    fault = FaultyEncryption(monkeypatch).flip(call=1)
    written = _temp_writes(monkeypatch)
    with pytest.raises(errors.SaveFailed):
        vault.save()
    assert fault.flipped == 1
    assert written == []
    assert path.read_bytes() == before and vault.dirty
    assert [p for p in path.parent.iterdir() if store.TEMP_MARK in p.name] == []
    monkeypatch.undo()
    vault.close()
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as reopened:
        assert _probe(reopened) == ["hello vault", "kept in memory"]


def test_a_conflict_copy_that_does_not_verify_is_not_written(made_vault, monkeypatch):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    path.unlink()
    _insert(vault, "kept in memory")
    FaultyEncryption(monkeypatch).flip(call=1)
    with pytest.raises(errors.Conflict) as caught:
        vault.save()
    assert caught.value.conflict_copy is None
    assert list(path.parent.glob("journal.conflict-*")) == []
    assert [p for p in path.parent.iterdir() if store.TEMP_MARK in p.name] == []
    assert vault.dirty
    vault.close(save=False)


def test_a_save_reads_back_neither_its_temp_file_nor_the_whole_vault(made_vault, monkeypatch):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    _insert(vault, "saved once")
    read: list[Path] = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real_read_bytes(self))
    vault.save()
    vault.close()
    assert read == []


# ---- symlinks ---------------------------------------------------------------------------------------


def test_a_vault_reached_through_a_symlink_is_saved_through_to_its_target(made_vault, tmp_path: Path):
    target, _ = made_vault
    link = tmp_path / "link-home" / "journal.vault"
    link.parent.mkdir(mode=0o700)
    link.symlink_to(target)
    generation = read_identity(target)[1]
    with Vault.open(link, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert Path(str(target) + ".lock").exists()
        _insert(vault, "through the link")
        vault.save()
    assert link.is_symlink() and link.resolve() == target
    assert read_identity(target)[1] == generation + 1
    assert sorted(p.name for p in link.parent.iterdir()) == ["journal.vault"]
    assert [p.parent for p in store.list_backups(link)] == [target.parent / "backups" / "journal"]


def test_a_vault_made_through_a_dangling_symlink_is_made_at_its_target(tmp_path: Path):
    target = tmp_path / "sync" / "journal.vault"
    target.parent.mkdir(mode=0o700)
    link = tmp_path / "journal.vault"
    link.symlink_to(target)
    vault, _ = Vault.create(link, PASSPHRASE, kdf=TEST_KDF)
    vault.close()
    assert link.is_symlink() and target.is_file()


# ---- backups: one folder per vault, matched exactly ---------------------------------------------


def test_journal_and_journal_work_keep_each_others_backups(tmp_path: Path):
    folder = tmp_path / "vaults"
    journal = Vault.create(folder / "journal.vault", PASSPHRASE, kdf=TEST_KDF, backups_keep=1)[0]
    work = Vault.create(folder / "journal-work.vault", PASSPHRASE, kdf=TEST_KDF, backups_keep=1)[0]
    flat = folder / "backups"
    flat.mkdir(mode=0o700)
    work_old = [work.backup_now(flat / name) for name in ("journal-work-20260101.vault", "journal-work-20260102.vault")]
    stamped = work.backup_now()
    work.close()
    journal_old = [journal.backup_now(flat / name) for name in ("journal-20260101.vault", "journal-20260102.vault")]
    journal.close()
    work_backups = store.list_backups(folder / "journal-work.vault")

    with Vault.open(folder / "journal.vault", PASSPHRASE, kdf=TEST_KDF, backups_keep=1) as reopened:
        reopened.save(force=True)
        mine = reopened.backups()

    assert all(path.exists() for path in work_old + [stamped])
    assert store.list_backups(folder / "journal-work.vault") == work_backups
    assert set(work_old + [stamped]) <= set(work_backups)
    assert not any(path.exists() for path in journal_old)
    assert [path.relative_to(folder).parent for path in mine] == [Path("backups/journal")]
    assert not set(mine) & set(work_backups)


def test_every_layout_of_this_vaults_backups_is_listed_by_its_exact_pattern(made_vault):
    path, _ = made_vault
    flat = path.parent / "backups"
    shutil.rmtree(flat)
    nested = flat / "journal"
    nested.mkdir(parents=True)
    ours = [
        flat / "journal-20250101.vault",
        flat / "journal-20250102T101010Z.vault",
        nested / "journal-20250103.vault",
        nested / "journal-20250104T101010Z.vault",
    ]
    theirs = [
        flat / "journal-work-20250101.vault",
        flat / "journal-2025.vault",
        flat / "journal-20250101.vault.bak",
        nested / "journal-work-20250103.vault",
        flat / "journal-work" / "journal-work-20250105.vault",
    ]
    for file in ours + theirs:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b"")
    assert store.list_backups(path) == ours


def test_stale_temp_files_in_the_backup_folder_of_this_vault_only_are_found(made_vault):
    path, _ = made_vault
    nested = path.parent / "backups" / "journal"
    nested.mkdir(parents=True, exist_ok=True)
    ours = store.temp_name(nested / "journal-20250103.vault")
    sibling = store.temp_name(path.parent / "backups" / "journal-work" / "journal-work-20250103.vault")
    for temp in (ours, sibling):
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(b"half")
    assert store.stale_temp_files(path) == [ours]


# ---- folders ------------------------------------------------------------------------------------


def test_an_existing_0755_folder_stays_0755_and_is_warned_about(tmp_path: Path):
    folder = tmp_path / "shared-home"
    folder.mkdir()
    os.chmod(folder, 0o755)
    vault, _ = Vault.create(folder / "journal.vault", PASSPHRASE, kdf=TEST_KDF)
    assert [w.kind for w in vault.warnings] == [errors.WarningKind.FOLDER_OPEN_TO_OTHERS]
    vault.close()
    with Vault.open(folder / "journal.vault", PASSPHRASE, kdf=TEST_KDF) as reopened:
        assert reopened.warnings == [errors.VaultWarning.folder_open_to_others(folder, 0o755)]
    assert _mode(folder) == 0o755


def test_new_folders_are_made_0700_whatever_the_umask(tmp_path: Path):
    old = os.umask(0)
    try:
        Vault.create(tmp_path / "a" / "b" / "journal.vault", PASSPHRASE, kdf=TEST_KDF)[0].close()
    finally:
        os.umask(old)
    assert (_mode(tmp_path / "a"), _mode(tmp_path / "a" / "b")) == (0o700, 0o700)


def test_a_folder_owned_by_another_user_is_refused_unless_trusted(made_vault):
    path, _ = made_vault
    os.chown(path.parent, 4242, -1)
    with pytest.raises(errors.FolderNotTrusted) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert caught.value.folder == path.parent and exit_code_of(caught.value) == 1
    message = full_words(caught.value)
    assert str(path.parent) in message and "--trust-folder" in message
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF, trust_folder=True) as vault:
        assert vault.warnings[0].kind is errors.WarningKind.FOLDER_TRUSTED_ANYWAY


def test_a_folder_anyone_can_write_to_is_refused_but_a_sticky_one_is_not(made_vault):
    path, _ = made_vault
    os.chmod(path.parent, 0o777)
    with pytest.raises(errors.FolderNotTrusted):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    os.chmod(path.parent, 0o1777)
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert [w.kind for w in vault.warnings] == [errors.WarningKind.FOLDER_OPEN_TO_OTHERS]


def test_creating_in_a_folder_anyone_can_write_to_is_refused_and_writes_nothing(tmp_path: Path):
    folder = tmp_path / "open"
    folder.mkdir()
    os.chmod(folder, 0o777)
    with pytest.raises(errors.FolderNotTrusted):
        Vault.create(folder / "journal.vault", PASSPHRASE, kdf=TEST_KDF)
    assert list(folder.iterdir()) == []


def test_a_backup_into_an_existing_folder_keeps_its_mode(made_vault, tmp_path: Path):
    path, _ = made_vault
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o3775)
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        vault.backup_now(shared / "copy.vault")
        with pytest.raises(errors.SaveFailed):
            vault.backup_now(tmp_path / "no" / "such" / "copy.vault")
    assert _mode(shared) == 0o3775
    assert not (tmp_path / "no").exists()
