"""copingkit and an independent reference implementation of DESIGN.md §2.1-2.2 read each other's files."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

import pytest

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, read_identity
from tests.support import reference_vault as ref

PASSPHRASE = "Ame\u0301lie's calm river"  # decomposed é: both sides must NFC-normalise


def rows(image: bytes, sql: str) -> list[tuple]:
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(image)
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def secret_of(recovery_key: str) -> bytes:
    """The 160-bit secret behind the key copingkit shows (eight groups of four base32 letters)."""
    return base64.b32decode(recovery_key.replace("-", ""))


def key_for(secret: bytes) -> str:
    text = base64.b32encode(secret).decode()
    return "-".join(text[i : i + 4] for i in range(0, 32, 4))


@pytest.fixture
def written(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "journal.vault"
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    services = Services(vault.database)
    services.journal.create("a page the reference should read", title="Reference", tags=["shared"])
    services.checkins.create(4, note="steady afternoon")
    vault.save()
    vault.close()
    return path, recovery_key


def test_the_reference_decoder_opens_what_copingkit_writes(written):
    path, recovery_key = written
    data = path.read_bytes()
    decoded = ref.decode(data, passphrase=PASSPHRASE)
    assert (decoded.vault_id, decoded.generation) == read_identity(path)
    assert rows(decoded.image, "SELECT title, body FROM journal_entry") == [
        ("Reference", "a page the reference should read")
    ]
    assert rows(decoded.image, "SELECT mood, note FROM mood_checkin") == [(4, "steady afternoon")]
    assert rows(decoded.image, "SELECT name FROM tag") == [("shared",)]
    assert [slot.slot_type for slot in decoded.slots] == [ref.PASSPHRASE_SLOT, ref.RECOVERY_SLOT]
    assert [slot.kdf_id for slot in decoded.slots] == [ref.ARGON2ID, ref.HKDF_SHA256]
    by_recovery = ref.decode(data, recovery_secret=secret_of(recovery_key))
    assert by_recovery.image == decoded.image and by_recovery.dek == decoded.dek
    with pytest.raises(ref.ReferenceError):
        ref.decode(data, passphrase=PASSPHRASE + " ")


def test_copingkit_opens_what_the_reference_encoder_writes(written, tmp_path: Path):
    image = ref.decode(written[0].read_bytes(), passphrase=PASSPHRASE).image
    secret = bytes(range(20))
    path = tmp_path / "reference.vault"
    path.write_bytes(ref.encode(image, passphrase=PASSPHRASE, recovery_secret=secret, generation=7))
    path.chmod(0o600)

    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    services = Services(vault.database)
    (entry,) = services.journal.list()
    assert entry.title == "Reference" and services.checkins.list()[0].note == "steady afternoon"
    assert vault.generation == 7
    services.journal.create("added by copingkit")
    vault.save()
    vault.close()
    assert Vault.open(path, recovery_key=key_for(secret), kdf=TEST_KDF).generation == 8

    again = ref.decode(path.read_bytes(), passphrase=PASSPHRASE)
    assert again.generation == 8
    assert sorted(rows(again.image, "SELECT body FROM journal_entry")) == [
        ("a page the reference should read",),
        ("added by copingkit",),
    ]


def test_copingkit_migrates_an_empty_database_sealed_by_the_reference(tmp_path: Path):
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE made_by_the_reference(x)")  # an empty database cannot be serialised
    image = connection.serialize()
    connection.close()
    path = tmp_path / "empty.vault"
    path.write_bytes(ref.encode(image, passphrase=PASSPHRASE, recovery_secret=bytes(20)))
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert Services(vault.database).journal.create("first words").id == 1
    assert rows(ref.decode(path.read_bytes(), passphrase=PASSPHRASE).image, "SELECT body FROM journal_entry") == [
        ("first words",),
    ]


def test_the_reference_refuses_what_copingkit_refuses(written):
    """A few single-field changes, refused by both (the fuzz test covers many more)."""
    from cryptography.exceptions import InvalidTag

    from copingkit.core.vault import unseal
    from copingkit.core.vault.errors import VaultError

    data = bytearray(written[0].read_bytes())
    for offset in (0, 8, 10, 12, 13, 14, 32, 40, 64, 65, 66, 68, 72, 76, 156, 160, 200, len(data) - 1):
        changed = bytearray(data)
        changed[offset] ^= 0x01
        with pytest.raises(VaultError):
            unseal(bytes(changed), passphrase=PASSPHRASE)
        with pytest.raises((ref.ReferenceError, InvalidTag)):
            ref.decode(bytes(changed), passphrase=PASSPHRASE)
