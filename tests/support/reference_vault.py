"""A test-only reference decoder and encoder for vault format v1, written from DESIGN.md §2.1-2.2 alone.

It does not import copingkit: it uses `struct` and `cryptography` directly, so a misreading of the
design in copingkit's vault code shows up as a disagreement between the two.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = bytes([0x89, 0x43, 0x4B, 0x56, 0x0D, 0x0A, 0x1A, 0x0A])
MAJOR = 1
FIXED = 64
SLOT = 96
AES_256_GCM = 1
PASSPHRASE_SLOT, RECOVERY_SLOT = 1, 2
ARGON2ID, HKDF_SHA256 = 1, 3
PAD = 64 * 1024
BODY_INFO = b"copingkit/vault/v1/body"
RECOVERY_INFO = b"copingkit/vault/v1/recovery-kek"


class ReferenceError(ValueError):
    """The reference decoder refused the file; `.reason` says why."""


@dataclass(frozen=True)
class Slot:
    slot_type: int
    kdf_id: int
    m_kib: int
    t: int
    p: int
    kdf_salt: bytes
    wrap_nonce: bytes
    wrapped_dek: bytes

    def pack(self) -> bytes:
        return (
            struct.pack("<BBHIII", self.slot_type, self.kdf_id, 0, self.m_kib, self.t, self.p)
            + self.kdf_salt
            + self.wrap_nonce
            + self.wrapped_dek
            + b"\0\0\0\0"
        )


@dataclass(frozen=True)
class Decoded:
    vault_id: bytes
    generation: int
    body_salt: bytes
    slots: tuple[Slot, ...]
    dek: bytes
    image: bytes


def _le64(value: int) -> bytes:
    return struct.pack("<Q", value)


def passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _kek(slot: Slot, secret: bytes) -> bytes:
    if slot.kdf_id == ARGON2ID:
        return Argon2id(salt=slot.kdf_salt, length=32, iterations=slot.t, lanes=slot.p, memory_cost=slot.m_kib).derive(
            secret
        )
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=slot.kdf_salt, info=RECOVERY_INFO).derive(secret)


def _wrap_aad(vault_id: bytes, slot_prefix: bytes) -> bytes:
    # AAD = magic ‖ format_major ‖ vault_id ‖ slot[0:32]; format_major is the 2-byte LE field.
    return MAGIC + struct.pack("<H", MAJOR) + vault_id + slot_prefix


def _body_key(dek: bytes, body_salt: bytes, generation: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=body_salt, info=BODY_INFO + _le64(generation)).derive(dek)


def parse(data: bytes) -> tuple[dict, tuple[Slot, ...]]:
    """The fixed header fields and the slots, checked in the order §2.1 gives."""
    if len(data) < FIXED:
        raise ReferenceError("size")
    if data[:8] != MAGIC:
        raise ReferenceError("magic")
    major, header_len, aead_id, n, flags = struct.unpack_from("<HHBBH", data, 8)
    if major != MAJOR:
        raise ReferenceError("major")
    if flags != 0:
        raise ReferenceError("flags")
    if aead_id != AES_256_GCM:
        raise ReferenceError("aead_id")
    if not 1 <= n <= 4:
        raise ReferenceError("n_keyslots")
    if header_len != FIXED + SLOT * n:
        raise ReferenceError("header_len")
    vault_id = data[16:32]
    generation, body_len = struct.unpack_from("<QQ", data, 32)
    body_salt = data[48:64]
    if len(data) != header_len + body_len:
        raise ReferenceError("file length")
    if generation < 1:
        raise ReferenceError("generation")
    if body_len < 12 + 16 + 8:  # nonce, tag and at least the frame's LE64 length
        raise ReferenceError("body too short")
    slots = []
    for i in range(n):
        raw = data[FIXED + SLOT * i : FIXED + SLOT * (i + 1)]
        slot_type, kdf_id, reserved, m, t, p = struct.unpack_from("<BBHIII", raw, 0)
        if slot_type not in (PASSPHRASE_SLOT, RECOVERY_SLOT):
            raise ReferenceError("slot_type")
        if kdf_id not in (ARGON2ID, HKDF_SHA256):
            raise ReferenceError("kdf_id")
        if reserved != 0 or raw[92:96] != b"\0\0\0\0":
            raise ReferenceError("reserved")
        if kdf_id == ARGON2ID and not (8 * p <= m <= 2_097_152 and 1 <= t <= 16 and 1 <= p <= 16):
            raise ReferenceError("argon2 bounds")
        if kdf_id == HKDF_SHA256 and (m, t, p) != (0, 0, 0):
            raise ReferenceError("hkdf bounds")
        if kdf_id == HKDF_SHA256 and slot_type == PASSPHRASE_SLOT:
            raise ReferenceError("HKDF is only for random secrets, never a passphrase")
        slots.append(Slot(slot_type, kdf_id, m, t, p, raw[16:32], raw[32:44], raw[44:92]))
    fields = {
        "header_len": header_len,
        "vault_id": vault_id,
        "generation": generation,
        "body_len": body_len,
        "body_salt": body_salt,
    }
    return fields, tuple(slots)


def decode(data: bytes, *, passphrase: str | None = None, recovery_secret: bytes | None = None) -> Decoded:
    """The SQLite image inside a vault file, opened with a passphrase or a raw 160-bit recovery secret."""
    fields, slots = parse(data)
    wanted, secret = (
        (PASSPHRASE_SLOT, passphrase_bytes(passphrase)) if passphrase is not None else (RECOVERY_SLOT, recovery_secret)
    )
    dek = None
    for slot in slots:
        if slot.slot_type != wanted:
            continue
        prefix = slot.pack()[:32]
        try:
            dek = AESGCM(_kek(slot, secret)).decrypt(
                slot.wrap_nonce, slot.wrapped_dek, _wrap_aad(fields["vault_id"], prefix)
            )
            break
        except Exception:  # InvalidTag: not this slot
            continue
    if dek is None or len(dek) != 32:
        raise ReferenceError("no slot opens")
    header = data[: fields["header_len"]]
    body = data[fields["header_len"] :]
    nonce, sealed = body[:12], body[12:]
    key = _body_key(dek, fields["body_salt"], fields["generation"])
    frame = AESGCM(key).decrypt(nonce, sealed, header)
    if len(frame) % PAD:
        raise ReferenceError("frame not padded to 64 KiB")
    (db_len,) = struct.unpack_from("<Q", frame, 0)
    if db_len > len(frame) - 8 or any(frame[8 + db_len :]):
        raise ReferenceError("frame")
    return Decoded(fields["vault_id"], fields["generation"], fields["body_salt"], slots, dek, frame[8 : 8 + db_len])


def _make_slot(slot_type: int, vault_id: bytes, dek: bytes, secret: bytes, params: tuple[int, int, int] | None) -> Slot:
    kdf_id, (m, t, p) = (HKDF_SHA256, (0, 0, 0)) if params is None else (ARGON2ID, params)
    unwrapped = Slot(slot_type, kdf_id, m, t, p, os.urandom(16), os.urandom(12), b"\0" * 48)
    wrapped = AESGCM(_kek(unwrapped, secret)).encrypt(
        unwrapped.wrap_nonce, dek, _wrap_aad(vault_id, unwrapped.pack()[:32])
    )
    return Slot(slot_type, kdf_id, m, t, p, unwrapped.kdf_salt, unwrapped.wrap_nonce, wrapped)


def encode(
    image: bytes,
    *,
    passphrase: str,
    recovery_secret: bytes,
    params: tuple[int, int, int] = (32, 1, 1),
    generation: int = 1,
    vault_id: bytes | None = None,
) -> bytes:
    """A whole v1 vault file holding `image`: a passphrase slot (Argon2id m, t, p) and a recovery slot (HKDF)."""
    vault_id = vault_id or os.urandom(16)
    dek = os.urandom(32)
    slots = (
        _make_slot(PASSPHRASE_SLOT, vault_id, dek, passphrase_bytes(passphrase), params),
        _make_slot(RECOVERY_SLOT, vault_id, dek, recovery_secret, None),
    )
    frame_len = -(-(8 + len(image)) // PAD) * PAD
    frame = _le64(len(image)) + image + b"\0" * (frame_len - 8 - len(image))
    body_len = 12 + frame_len + 16
    body_salt = os.urandom(16)
    header = (
        MAGIC
        + struct.pack("<HHBBH", MAJOR, FIXED + SLOT * len(slots), AES_256_GCM, len(slots), 0)
        + vault_id
        + _le64(generation)
        + _le64(body_len)
        + body_salt
        + b"".join(slot.pack() for slot in slots)
    )
    nonce = os.urandom(12)
    sealed = AESGCM(_body_key(dek, body_salt, generation)).encrypt(nonce, frame, header)
    return header + nonce + sealed
