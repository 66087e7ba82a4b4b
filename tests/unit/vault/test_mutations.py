"""A changed byte anywhere, every truncation and an appended byte make a vault refuse to open.

Every byte of the header, the key slots, the body nonce and the GCM tag is changed in turn. The
sealed frame between nonce and tag (mostly padding to 64 KiB) is one AES-GCM ciphertext that stands
or falls as a whole, so its first and last blocks and a fixed, seeded sample of the rest are enough.
"""

from __future__ import annotations

import random

import pytest

from copingkit.core.vault import errors
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import unseal

from .conftest import PASSPHRASE


@pytest.fixture(scope="module")
def small_vault(tmp_path_factory):
    from copingkit.core.vault import TEST_KDF, Vault

    path = tmp_path_factory.mktemp("mut") / "small.vault"
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    vault.close()
    return path.read_bytes(), recovery_key


FRAME_SAMPLE = 512
SAMPLE_SEED = 20261201


def mutation_positions(data: bytes) -> list[int]:
    """Header, slots, nonce and tag: every byte; the sealed frame: its ends and a seeded sample."""
    sealed = fmt.parse_header(data).header_len + fmt.NONCE_LEN
    tag = len(data) - fmt.TAG_LEN
    ends = [*range(sealed, sealed + 64), *range(tag - 64, tag)]
    middle = random.Random(SAMPLE_SEED).sample(range(sealed + 64, tag - 64), FRAME_SAMPLE)
    return [*range(sealed), *ends, *sorted(middle), *range(tag, len(data))]


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


def test_the_sample_keeps_every_header_slot_nonce_and_tag_byte(small_vault):
    data, _ = small_vault
    positions = mutation_positions(data)
    header_len = fmt.parse_header(data).header_len
    assert set(range(header_len + fmt.NONCE_LEN)) <= set(positions)
    assert set(range(len(data) - fmt.TAG_LEN, len(data))) <= set(positions)
    assert len(set(positions)) == len(positions) == header_len + fmt.NONCE_LEN + 128 + FRAME_SAMPLE + fmt.TAG_LEN
    assert positions == mutation_positions(data), "the same sample every run"


def test_changing_any_single_byte_refuses_to_open(small_vault):
    data, recovery_key = small_vault
    opened = []
    for position in mutation_positions(data):
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
