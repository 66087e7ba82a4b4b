"""The vault file format v1 (DESIGN.md §2.1): parse and serialise the header, byte for byte.

Parsing checks everything in the documented order and never runs a KDF or a decryption.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, replace

from copingkit.core.vault.errors import Malformed, NotAVault, UnsupportedVersion

MAGIC = bytes.fromhex("89434B560D0A1A0A")
FORMAT_MAJOR = 1
FIXED_LEN = 64
SLOT_LEN = 96
MAX_HEADER_LEN = FIXED_LEN + 4 * SLOT_LEN
AEAD_AES_256_GCM = 1

SLOT_PASSPHRASE = 1
SLOT_RECOVERY = 2
KDF_ARGON2ID = 1
KDF_HKDF_SHA256 = 3

ARGON2_MAX_M_KIB = 2_097_152
ARGON2_MAX_T = 16
ARGON2_MAX_P = 16

NONCE_LEN = 12
TAG_LEN = 16
WRAPPED_DEK_LEN = 48

_FIXED = struct.Struct("<8sHHBBH16sQQ16s")
_SLOT = struct.Struct("<BBHIII16s12s48sI")


@dataclass(frozen=True)
class Keyslot:
    slot_type: int
    kdf_id: int
    m_kib: int
    t: int
    p: int
    kdf_salt: bytes
    wrap_nonce: bytes
    wrapped_dek: bytes

    def to_bytes(self) -> bytes:
        return _SLOT.pack(
            self.slot_type,
            self.kdf_id,
            0,
            self.m_kib,
            self.t,
            self.p,
            self.kdf_salt,
            self.wrap_nonce,
            self.wrapped_dek,
            0,
        )

    def aad_prefix(self) -> bytes:
        """slot[0:32]: the part of the slot bound into its own wrap."""
        return self.to_bytes()[:32]


@dataclass(frozen=True)
class Header:
    vault_id: bytes
    generation: int
    body_len: int
    body_salt: bytes
    slots: tuple[Keyslot, ...]
    aead_id: int = AEAD_AES_256_GCM
    format_major: int = FORMAT_MAJOR
    flags: int = 0

    @property
    def header_len(self) -> int:
        return FIXED_LEN + SLOT_LEN * len(self.slots)

    def to_bytes(self) -> bytes:
        fixed = _FIXED.pack(
            MAGIC,
            self.format_major,
            self.header_len,
            self.aead_id,
            len(self.slots),
            self.flags,
            self.vault_id,
            self.generation,
            self.body_len,
            self.body_salt,
        )
        return fixed + b"".join(slot.to_bytes() for slot in self.slots)

    def with_changes(self, **changes: object) -> Header:
        return replace(self, **changes)


def _check_slot(index: int, raw: bytes) -> Keyslot:
    (slot_type, kdf_id, reserved1, m_kib, t, p, kdf_salt, wrap_nonce, wrapped, reserved2) = _SLOT.unpack(raw)
    where = f"keyslot {index}"
    if slot_type not in (SLOT_PASSPHRASE, SLOT_RECOVERY):
        raise Malformed(f"{where}: unknown slot type {slot_type}")
    if kdf_id not in (KDF_ARGON2ID, KDF_HKDF_SHA256):
        raise Malformed(f"{where}: unknown kdf {kdf_id}")
    if reserved1 != 0 or reserved2 != 0:
        raise Malformed(f"{where}: reserved bytes are not zero")
    if kdf_id == KDF_ARGON2ID:
        if not (1 <= p <= ARGON2_MAX_P and 1 <= t <= ARGON2_MAX_T and 8 * p <= m_kib <= ARGON2_MAX_M_KIB):
            raise Malformed(f"{where}: Argon2id parameters out of bounds")
    else:
        if slot_type != SLOT_RECOVERY:
            raise Malformed(f"{where}: HKDF is only for random recovery secrets")
        if m_kib or t or p:
            raise Malformed(f"{where}: HKDF slot with KDF cost parameters")
    return Keyslot(slot_type, kdf_id, m_kib, t, p, kdf_salt, wrap_nonce, wrapped)


def parse_header(data: bytes, *, file_size: int | None = None) -> Header:
    """Parse and check the header of a vault file.

    `data` is every byte of the file, or (with `file_size`, the file's length) at least its first
    MAX_HEADER_LEN bytes, so the header can be checked before the body is read at all.
    """
    size = len(data) if file_size is None else file_size
    if size < FIXED_LEN or len(data) < FIXED_LEN:
        if data[: len(MAGIC)] != MAGIC[: len(data)] or not data:
            raise NotAVault("too short and no magic")
        raise Malformed("file shorter than the fixed header")
    (magic, major, header_len, aead_id, n_slots, flags, vault_id, generation, body_len, body_salt) = _FIXED.unpack_from(
        data, 0
    )
    if magic != MAGIC:
        raise NotAVault("wrong magic")
    if major != FORMAT_MAJOR:
        raise UnsupportedVersion(f"format_major {major}")
    if flags != 0:
        raise Malformed(f"unknown flags {flags:#x}")
    if aead_id != AEAD_AES_256_GCM:
        raise Malformed(f"unknown aead {aead_id}")
    if not 1 <= n_slots <= 4:
        raise Malformed(f"{n_slots} keyslots")
    if header_len != FIXED_LEN + SLOT_LEN * n_slots:
        raise Malformed("header length does not match the keyslot count")
    if size != header_len + body_len or len(data) < header_len:
        raise Malformed("file length does not match the header")
    if generation < 1:
        raise Malformed("generation is zero")
    if body_len < NONCE_LEN + TAG_LEN + 8:
        raise Malformed("body too short")
    slots = tuple(
        _check_slot(i, data[FIXED_LEN + SLOT_LEN * i : FIXED_LEN + SLOT_LEN * (i + 1)]) for i in range(n_slots)
    )
    return Header(
        vault_id=vault_id,
        generation=generation,
        body_len=body_len,
        body_salt=body_salt,
        slots=slots,
        aead_id=aead_id,
        format_major=major,
        flags=flags,
    )


def read_file_header(path: str | os.PathLike[str]) -> Header:
    """The checked header of the vault file at `path`, read without its body (no KDF, no decryption)."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return parse_header(handle.read(MAX_HEADER_LEN), file_size=size)


def peek_identity(data: bytes) -> tuple[bytes, int]:
    """(vault_id, generation) from the first 64 bytes, after the cheap checks; for conflict detection."""
    if len(data) < FIXED_LEN or data[:8] != MAGIC:
        raise NotAVault("wrong magic")
    return data[16:32], struct.unpack_from("<Q", data, 32)[0]
