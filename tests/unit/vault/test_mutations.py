"""Every single-byte change, every truncation and an appended byte make a vault refuse to open."""

from __future__ import annotations

import pytest

from copingkit.core.vault import errors
from copingkit.core.vault.store import unseal

from .conftest import PASSPHRASE


@pytest.fixture(scope="module")
def small_vault(tmp_path_factory):
    from copingkit.core.vault import TEST_KDF, Vault

    path = tmp_path_factory.mktemp("mut") / "small.vault"
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    vault.close()
    return path.read_bytes(), recovery_key


def _refuses(data: bytes, **secret) -> bool:
    try:
        unseal(data, **secret)
    except errors.VaultError:
        return True
    return False


def test_the_unchanged_file_opens(small_vault):
    data, recovery_key = small_vault
    unseal(data, passphrase=PASSPHRASE)
    unseal(data, recovery_key=recovery_key)


def test_changing_any_single_byte_refuses_to_open(small_vault):
    data, recovery_key = small_vault
    opened = []
    for position in range(len(data)):
        mutated = bytearray(data)
        mutated[position] ^= 0x5A
        mutated = bytes(mutated)
        secret = {"passphrase": PASSPHRASE} if position < 160 else {"recovery_key": recovery_key}
        if not _refuses(mutated, **secret):
            opened.append(position)
    assert opened == []


def test_header_bytes_refuse_with_the_recovery_key_too(small_vault):
    data, recovery_key = small_vault
    for position in range(256):
        mutated = bytearray(data)
        mutated[position] ^= 0x01
        assert _refuses(bytes(mutated), recovery_key=recovery_key), position


def test_truncation_at_every_length_refuses_to_open(small_vault):
    data, recovery_key = small_vault
    for length in range(len(data)):
        assert _refuses(data[:length], recovery_key=recovery_key), length


def test_one_appended_byte_refuses_to_open(small_vault):
    data, _ = small_vault
    with pytest.raises(errors.Malformed):
        unseal(data + b"\0", passphrase=PASSPHRASE)
