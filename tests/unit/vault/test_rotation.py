"""Changing the passphrase rotates the data key and re-seals every copy of the vault (DESIGN.md §2.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copingkit.core.passphrase import normalise_passphrase
from copingkit.core.vault import TEST_KDF, Vault, crypto, errors, store
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import copies_of, unseal

from .conftest import PASSPHRASE

NEW = "a brand new passphrase"


def _probe(vault: Vault) -> list[str]:
    return [row[0] for row in vault.database.connection.execute("SELECT x FROM probe ORDER BY rowid")]


def _dek_from(data: bytes, passphrase: str) -> bytes:
    """The data key a person holding `passphrase` and this copy of the file can unwrap."""
    header = fmt.parse_header(data)
    for slot in header.slots:
        if slot.slot_type == fmt.SLOT_PASSPHRASE:
            dek = crypto.unwrap_slot(slot, header.vault_id, normalise_passphrase(passphrase))
            if dek is not None:
                return dek
    raise AssertionError("the passphrase opens no slot of this copy")


def _opens_with_dek(path: Path, dek: bytes) -> bool:
    data = path.read_bytes()
    header = fmt.parse_header(data)
    try:
        crypto.open_body(dek, header, data[: header.header_len], data[header.header_len :])
    except crypto.BodyFailed:
        return False
    return True


@pytest.fixture
def vault_with_backups(made_vault):
    """The made vault with a daily backup (holding "hello vault") and a `backup` copy (holding both rows)."""
    path, recovery_key = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        with vault.database.connection as conn:
            conn.execute("INSERT INTO probe VALUES ('second')")
        vault.backup_now()
    assert len(copies_of(path)) == 2
    return path, recovery_key


def test_after_passwd_the_old_data_key_opens_neither_the_file_nor_any_backup(vault_with_backups):
    path, _ = vault_with_backups
    old_copy = path.read_bytes()
    old_dek = _dek_from(old_copy, PASSPHRASE)
    backups = copies_of(path)
    assert all(_opens_with_dek(copy, old_dek) for copy in [path, *backups])
    contents = {}
    for copy in backups:
        with Vault.open(copy, PASSPHRASE, kdf=TEST_KDF, backups_keep=0) as opened:
            contents[copy] = _probe(opened)
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        vault.change_passphrase(NEW)
    assert copies_of(path) == backups
    assert not _opens_with_dek(path, old_dek)
    for copy in backups:
        assert not _opens_with_dek(copy, old_dek)
        with Vault.open(copy, NEW, kdf=TEST_KDF, backups_keep=0) as opened:
            assert _probe(opened) == contents[copy]
    assert sorted(contents.values()) == [["hello vault"], ["hello vault", "second"]]


def test_without_the_current_recovery_key_a_new_one_is_made_and_the_old_one_stops(made_vault):
    path, old_key = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        new_key = vault.change_passphrase(NEW)
    assert new_key is not None and new_key != old_key
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, recovery_key=old_key, kdf=TEST_KDF)
    Vault.open(path, recovery_key=new_key, kdf=TEST_KDF).close()


def test_a_wrong_current_recovery_key_changes_nothing(made_vault):
    path, _ = made_vault
    before = path.read_bytes()
    other = crypto.format_recovery_key(crypto.new_recovery_secret())
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        with pytest.raises(errors.WrongSecret) as caught:
            vault.change_passphrase(NEW, recovery_key=other)
        assert caught.value.secret is errors.Secret.RECOVERY_KEY
    assert path.read_bytes() == before


def test_recover_keeps_the_recovery_key_it_was_given_and_rotates_the_data_key(made_vault):
    path, recovery_key = made_vault
    old_dek = _dek_from(path.read_bytes(), PASSPHRASE)
    with Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF) as vault:
        assert vault.change_passphrase(NEW) is None
    assert not _opens_with_dek(path, old_dek)
    Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF).close()
    Vault.open(path, NEW, kdf=TEST_KDF).close()


def test_a_new_recovery_key_needs_the_passphrase(made_vault):
    path, old_key = made_vault
    before = path.read_bytes()
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        with pytest.raises(errors.WrongSecret):
            vault.new_recovery_key("not the passphrase")
        assert path.read_bytes() == before
        new_key = vault.new_recovery_key(PASSPHRASE)
    assert not _opens_with_dek(path, _dek_from(before, PASSPHRASE))
    Vault.open(path, recovery_key=new_key, kdf=TEST_KDF).close()


def test_a_failed_vault_write_leaves_every_file_opening_with_the_old_secrets(vault_with_backups, monkeypatch):
    path, recovery_key = vault_with_backups
    before = {copy: copy.read_bytes() for copy in [path, *copies_of(path)]}

    def full_disk(target, fill):
        raise OSError(28, "No space left on device")

    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        monkeypatch.setattr(store, "write_atomically", full_disk)
        with pytest.raises(errors.SaveFailed):
            vault.change_passphrase(NEW)
        monkeypatch.undo()
        with vault.database.connection as conn:
            conn.execute("INSERT INTO probe VALUES ('after the failed change')")
    assert {copy: copy.read_bytes() for copy in before if copy != path} == {
        copy: data for copy, data in before.items() if copy != path
    }
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert _probe(vault)[-1] == "after the failed change"
    Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF).close()


def test_a_backup_that_cant_be_resealed_still_opens_with_the_old_passphrase(vault_with_backups, monkeypatch):
    path, _ = vault_with_backups
    stuck = copies_of(path)[0]
    real_write = store.write_atomically

    def refuse_one(target, fill):
        if Path(target) == stuck:
            raise OSError(30, "Read-only file system")
        return real_write(target, fill)

    monkeypatch.setattr(store, "write_atomically", refuse_one)
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        vault.change_passphrase(NEW)
        assert any("Couldn't re-seal 1 backup" in str(warning) for warning in vault.warnings)
    Vault.open(path, NEW, kdf=TEST_KDF).close()
    Vault.open(stuck, PASSPHRASE, kdf=TEST_KDF, backups_keep=0).close()
    (other,) = [copy for copy in copies_of(path) if copy != stuck]
    Vault.open(other, NEW, kdf=TEST_KDF, backups_keep=0).close()


def test_a_sibling_vaults_backups_are_not_touched(made_vault):
    path, _ = made_vault
    sibling_path = path.with_name("journal-work.vault")
    sibling, _ = Vault.create(sibling_path, PASSPHRASE, kdf=TEST_KDF)
    sibling.save(force=True)
    sibling.close()
    theirs = {copy: copy.read_bytes() for copy in copies_of(sibling_path)}
    assert theirs
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        vault.change_passphrase(NEW)
    assert {copy: copy.read_bytes() for copy in theirs} == theirs
    unseal(sibling_path.read_bytes(), passphrase=PASSPHRASE)
