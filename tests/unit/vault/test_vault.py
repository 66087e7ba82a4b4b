"""Opening, saving, keys and locks of a real vault file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from copingkit.core.error_words import exit_code_of, full_words
from copingkit.core.vault import TEST_KDF, Vault, costs, crypto, errors, read_identity
from copingkit.core.vault import format as fmt

from .conftest import PASSPHRASE


def _probe(vault: Vault) -> list[str]:
    return [row[0] for row in vault.database.connection.execute("SELECT x FROM probe ORDER BY rowid")]


def _insert(vault: Vault, text: str) -> None:
    with vault.database.lock:
        vault.database.connection.execute("BEGIN")
        vault.database.connection.execute("INSERT INTO probe VALUES (?)", (text,))
        vault.database.connection.execute("COMMIT")


def test_create_then_open_with_passphrase_and_recovery_key(made_vault):
    path, recovery_key = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert _probe(vault) == ["hello vault"]
    with Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF) as vault:
        assert _probe(vault) == ["hello vault"]
    with Vault.open(path, recovery_key=recovery_key.lower().replace("-", " "), kdf=TEST_KDF) as vault:
        assert _probe(vault) == ["hello vault"]


def test_recovery_key_is_160_bits_in_eight_groups(made_vault):
    _, recovery_key = made_vault
    groups = recovery_key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert len(crypto.parse_recovery_key(recovery_key)) == 20


def test_wrong_passphrase_and_wrong_recovery_key(made_vault):
    path, recovery_key = made_vault
    with pytest.raises(errors.WrongSecret) as caught:
        Vault.open(path, "not it", kdf=TEST_KDF)
    message = full_words(caught.value)
    assert "didn't open" in message and "corrupt" not in message.lower() and "damaged" not in message.lower()
    wrong = crypto.format_recovery_key(bytes(20))
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, recovery_key=wrong, kdf=TEST_KDF)
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, recovery_key="too short", kdf=TEST_KDF)


def test_passphrase_is_nfc_normalised(vault_path):
    vault, _ = Vault.create(vault_path, "cafe\u0301 au lait", kdf=TEST_KDF)
    vault.close()
    Vault.open(vault_path, "caf\u00e9 au lait", kdf=TEST_KDF).close()


def test_change_passphrase_keeps_data_and_the_recovery_key_given(made_vault):
    path, recovery_key = made_vault
    before = path.read_bytes()
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert vault.change_passphrase("a brand new passphrase", recovery_key=recovery_key) is None
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    with Vault.open(path, "a brand new passphrase", kdf=TEST_KDF) as vault:
        assert _probe(vault) == ["hello vault"]
    with Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF) as vault:
        assert _probe(vault) == ["hello vault"]
    assert read_identity(path)[0] == fmt.parse_header(before).vault_id


def test_new_recovery_key_replaces_the_old_one(made_vault):
    path, old_key = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        new_key = vault.new_recovery_key(PASSPHRASE)
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, recovery_key=old_key, kdf=TEST_KDF)
    Vault.open(path, recovery_key=new_key, kdf=TEST_KDF).close()
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF).close()


def test_every_save_uses_a_new_body_salt_and_generation(made_vault):
    path, _ = made_vault
    first = fmt.parse_header(path.read_bytes())
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        _insert(vault, "second")
        assert vault.dirty
        assert vault.save()
        assert not vault.dirty
        assert not vault.save()
    second = fmt.parse_header(path.read_bytes())
    assert second.generation == first.generation + 1
    assert second.body_salt != first.body_salt
    assert second.vault_id == first.vault_id


def test_body_is_padded_to_64_kib(made_vault):
    path, _ = made_vault
    header = fmt.parse_header(path.read_bytes())
    frame = header.body_len - 12 - 16
    assert frame % 65536 == 0


def test_no_plaintext_in_file(made_vault):
    path, _ = made_vault
    data = path.read_bytes()
    assert b"hello vault" not in data and b"SQLite format 3" not in data


def test_keyslot_moved_from_another_vault_does_not_open(made_vault, tmp_path):
    path, _ = made_vault
    other_path = tmp_path / "other.vault"
    other, _ = Vault.create(other_path, PASSPHRASE, kdf=TEST_KDF)
    other.close()
    mine, theirs = path.read_bytes(), other_path.read_bytes()
    spliced = mine[:64] + theirs[64:160] + mine[160:]
    path.write_bytes(spliced)
    with pytest.raises(errors.VaultError):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)


def test_tampered_body_is_reported_as_tampered(made_vault):
    path, _ = made_vault
    data = bytearray(path.read_bytes())
    data[-40] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(errors.Tampered) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert exit_code_of(caught.value) == 4


def test_second_open_is_refused_while_locked(made_vault):
    path, _ = made_vault
    before = path.read_bytes()
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF):
        with pytest.raises(errors.Locked):
            Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert path.read_bytes() == before


def test_lock_is_held_against_another_process(made_vault):
    path, _ = made_vault
    before = path.read_bytes()
    code = textwrap.dedent(
        f"""
        import sys
        from copingkit.core.vault import Vault, TEST_KDF, errors
        try:
            Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF)
        except errors.Locked:
            sys.exit(5)
        sys.exit(0)
        """
    )
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == 5, result.stderr
    assert path.read_bytes() == before


def test_file_replaced_on_disk_makes_save_a_conflict(made_vault, tmp_path):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    other_path = tmp_path / "x" / "journal.vault"
    other, _ = Vault.create(other_path, PASSPHRASE, kdf=TEST_KDF)
    other.close()
    replacement = other_path.read_bytes()
    path.write_bytes(replacement)
    _insert(vault, "my new words")
    with pytest.raises(errors.Conflict) as caught:
        vault.save()
    assert path.read_bytes() == replacement
    copy = caught.value.conflict_copy
    assert copy is not None and copy.parent == path.parent and copy.name.startswith("journal.conflict-")
    assert vault.dirty
    assert _probe(vault) == ["hello vault", "my new words"]
    vault.close(save=False)
    with Vault.open(copy, PASSPHRASE, kdf=TEST_KDF) as conflict:
        assert _probe(conflict) == ["hello vault", "my new words"]


def test_same_vault_saved_elsewhere_is_a_conflict_too(made_vault):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    snapshot = path.read_bytes()
    _insert(vault, "one")
    vault.save()
    newer = path.read_bytes()
    path.write_bytes(snapshot)
    _insert(vault, "two")
    with pytest.raises(errors.Conflict):
        vault.save()
    assert path.read_bytes() == snapshot
    assert newer != snapshot
    vault.close(save=False)


def test_stale_temp_files_are_removed_on_open(made_vault):
    path, _ = made_vault
    stale = path.with_name(f".{path.name}.tmp-deadbeef0000")
    stale.write_bytes(b"half a save")
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF).close()
    assert not stale.exists()


def test_failed_write_keeps_old_file_and_memory(made_vault, monkeypatch):
    path, _ = made_vault
    before = path.read_bytes()
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    _insert(vault, "unsaved words")
    real_fsync = os.fsync

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(errors.SaveFailed):
        vault.save()
    assert path.read_bytes() == before
    assert list(path.parent.glob(".journal.vault.tmp-*")) == []
    assert vault.dirty and _probe(vault) == ["hello vault", "unsaved words"]
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert vault.save()
    vault.close()
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as reopened:
        assert _probe(reopened) == ["hello vault", "unsaved words"]


def test_save_refused_while_a_transaction_is_open(made_vault):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    vault.database.connection.execute("BEGIN")
    vault.database.connection.execute("INSERT INTO probe VALUES ('half')")
    with pytest.raises(errors.SaveFailed):
        vault.save()
    vault.database.connection.execute("ROLLBACK")
    vault.close()


def test_permissions_under_a_loose_umask(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "loose" / "journal.vault"
        vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
        vault.save(force=True)
        vault.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for backup in (path.parent / "backups" / "journal").iterdir():
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    for folder in (path.parent / "backups", path.parent / "backups" / "journal"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_group_readable_vault_is_repaired_with_a_warning(made_vault):
    path, _ = made_vault
    os.chmod(path, 0o644)
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert vault.warnings == [errors.VaultWarning.file_tightened(path, 0o644)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backups_rotate_and_each_opens_on_its_own(made_vault):
    path, _ = made_vault
    folder = path.parent / "backups"
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=2) as vault:
        for day in ("20260101", "20260102", "20260103"):
            vault.backup_now(folder / f"journal-{day}.vault")
        _insert(vault, "newer words")
        vault.save()
        backups = vault.backups()
    assert len(backups) == 2
    assert backups[0].name == "journal-20260103.vault"
    assert backups[1].name.startswith("journal-2") and backups[1].name != "journal-20260103.vault"
    for backup in backups:
        with Vault.open(backup, PASSPHRASE, kdf=TEST_KDF) as opened:
            assert _probe(opened)[0] == "hello vault"


def test_weak_slot_is_rewrapped_to_policy_at_unlock(tmp_path):
    path = tmp_path / "weak.vault"
    weak = costs.KdfParams(m_kib=8, t=1, p=1)
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, params=weak)
    vault.close()
    assert fmt.parse_header(path.read_bytes()).slots[0].m_kib == 8
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert vault.passphrase_params == TEST_KDF.minimum
    slot = fmt.parse_header(path.read_bytes()).slots[0]
    assert (slot.m_kib, slot.t, slot.p) == (32, 1, 1)


def test_in_memory_vault_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    vault = Vault.in_memory()
    vault.database.connection.execute("CREATE TABLE probe(x)")
    assert vault.save() is False
    vault.close()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_create_writes_real_kdf_parameters(tmp_path):
    """The one slow test: `create` calibrates Argon2id to policy (>= 64 MiB, t >= 3, p >= 4)."""
    path = tmp_path / "real.vault"
    vault, _ = Vault.create(path, PASSPHRASE)
    vault.close()
    slot = fmt.parse_header(path.read_bytes()).slots[0]
    assert slot.kdf_id == fmt.KDF_ARGON2ID
    assert slot.m_kib >= 65_536 and slot.t >= 3 and slot.p >= 4
    recovery = fmt.parse_header(path.read_bytes()).slots[1]
    assert recovery.slot_type == fmt.SLOT_RECOVERY and recovery.kdf_id == fmt.KDF_HKDF_SHA256
    Vault.open(path, PASSPHRASE).close()


def test_a_vault_opened_in_one_thread_can_be_closed_in_another(made_vault):
    import threading

    path, _ = made_vault
    opened: list[Vault] = []
    worker = threading.Thread(target=lambda: opened.append(Vault.open(path, PASSPHRASE, kdf=TEST_KDF)))
    worker.start()
    worker.join()
    opened[0].close()
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF).close()
