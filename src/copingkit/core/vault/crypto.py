"""Key derivation, key wrapping and body sealing for vault format v1, with `cryptography`'s primitives only."""

from __future__ import annotations

import base64
import math
import os
import secrets
import struct
import time
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from copingkit.core.vault import format as fmt

DEK_LEN = 32
SALT_LEN = 16
RECOVERY_SECRET_LEN = 20  # 160 bits
PAD_TO = 64 * 1024
BODY_INFO = b"copingkit/vault/v1/body"
RECOVERY_INFO = b"copingkit/vault/v1/recovery-kek"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, iterations, lanes."""

    m_kib: int
    t: int
    p: int

    def at_least(self, other: KdfParams) -> bool:
        return self.m_kib >= other.m_kib and self.t >= other.t and self.p >= other.p


@dataclass(frozen=True)
class KdfProfile:
    """How passphrase slots are made: the policy minimum and whether to calibrate to a target time."""

    name: str
    minimum: KdfParams
    calibrate: bool
    target_seconds: float = 1.0


REAL_KDF = KdfProfile("real", KdfParams(m_kib=65_536, t=3, p=4), calibrate=True, target_seconds=1.0)
TEST_KDF = KdfProfile("test", KdfParams(m_kib=32, t=1, p=1), calibrate=False)


def normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def argon2id(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt, length=32, iterations=params.t, lanes=params.p, memory_cost=params.m_kib
    ).derive(secret)


def calibrate(profile: KdfProfile) -> KdfParams:
    """Argon2id parameters that take about `target_seconds` here, never below the profile's minimum."""
    base = profile.minimum
    if not profile.calibrate:
        return base
    started = time.perf_counter()
    argon2id(b"calibration", os.urandom(SALT_LEN), base)
    elapsed = max(time.perf_counter() - started, 1e-3)
    scale = profile.target_seconds / elapsed
    if scale <= 1:
        return base
    t = min(fmt.ARGON2_MAX_T, max(base.t, math.floor(base.t * scale)))
    remaining = scale * base.t / t
    m = base.m_kib
    if remaining > 1.25:
        m = min(fmt.ARGON2_MAX_M_KIB, 1 << int(math.log2(base.m_kib * remaining)))
        m = max(m, base.m_kib)
    return KdfParams(m_kib=m, t=t, p=base.p)


def _wrap_aad(vault_id: bytes, slot_prefix: bytes) -> bytes:
    return fmt.MAGIC + struct.pack("<H", fmt.FORMAT_MAJOR) + vault_id + slot_prefix


def slot_kek(slot: fmt.Keyslot, secret: bytes) -> bytes:
    """The key-encryption key for `slot` from a passphrase (normalised) or a recovery secret."""
    if slot.kdf_id == fmt.KDF_ARGON2ID:
        return argon2id(secret, slot.kdf_salt, KdfParams(slot.m_kib, slot.t, slot.p))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=slot.kdf_salt, info=RECOVERY_INFO).derive(secret)


def make_slot(slot_type: int, vault_id: bytes, dek: bytes, secret: bytes, params: KdfParams | None) -> fmt.Keyslot:
    """A new slot wrapping `dek`; `params` None means HKDF (for a random recovery secret)."""
    if params is None:
        unwrapped = fmt.Keyslot(slot_type, fmt.KDF_HKDF_SHA256, 0, 0, 0, os.urandom(SALT_LEN), os.urandom(12), b"")
    else:
        unwrapped = fmt.Keyslot(
            slot_type, fmt.KDF_ARGON2ID, params.m_kib, params.t, params.p, os.urandom(SALT_LEN), os.urandom(12), b""
        )
    kek = slot_kek(unwrapped, secret)
    wrapped = AESGCM(kek).encrypt(unwrapped.wrap_nonce, dek, _wrap_aad(vault_id, unwrapped.aad_prefix()))
    return fmt.Keyslot(
        unwrapped.slot_type, unwrapped.kdf_id, unwrapped.m_kib, unwrapped.t, unwrapped.p,
        unwrapped.kdf_salt, unwrapped.wrap_nonce, wrapped,
    )


def unwrap_slot(slot: fmt.Keyslot, vault_id: bytes, secret: bytes) -> bytes | None:
    """The DEK if `secret` opens `slot`, else None."""
    kek = slot_kek(slot, secret)
    try:
        dek = AESGCM(kek).decrypt(slot.wrap_nonce, slot.wrapped_dek, _wrap_aad(vault_id, slot.aad_prefix()))
    except InvalidTag:
        return None
    return dek if len(dek) == DEK_LEN else None


def body_key(dek: bytes, body_salt: bytes, generation: int) -> bytes:
    info = BODY_INFO + struct.pack("<Q", generation)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=body_salt, info=info).derive(dek)


def body_length_for(image_len: int) -> int:
    frame_len = 8 + image_len
    frame_len = -(-frame_len // PAD_TO) * PAD_TO
    return fmt.NONCE_LEN + frame_len + fmt.TAG_LEN


def seal_body(dek: bytes, header: fmt.Header, image: bytes) -> bytes:
    """nonce ‖ AES-256-GCM(frame) with the serialised header as AAD; `header.body_len` must already fit."""
    frame_len = header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN
    frame = bytearray(frame_len)
    struct.pack_into("<Q", frame, 0, len(image))
    frame[8 : 8 + len(image)] = image
    nonce = os.urandom(fmt.NONCE_LEN)
    key = body_key(dek, header.body_salt, header.generation)
    return nonce + AESGCM(key).encrypt(nonce, bytes(frame), header.to_bytes())


class BodyFailed(Exception):
    """The body did not authenticate or its frame is inconsistent."""


def open_body(dek: bytes, header: fmt.Header, header_bytes: bytes, body: bytes | memoryview) -> bytes:
    body = memoryview(body)
    nonce, sealed = bytes(body[: fmt.NONCE_LEN]), body[fmt.NONCE_LEN :]
    key = body_key(dek, header.body_salt, header.generation)
    try:
        frame = AESGCM(key).decrypt(nonce, sealed, header_bytes)
    except InvalidTag as error:
        raise BodyFailed("body authentication failed") from error
    if len(frame) % PAD_TO or len(frame) < 8:
        raise BodyFailed("frame is not padded to 64 KiB")
    (db_len,) = struct.unpack_from("<Q", frame, 0)
    if db_len > len(frame) - 8:
        raise BodyFailed("image length beyond the frame")
    if frame.count(0, 8 + db_len) != len(frame) - 8 - db_len:
        raise BodyFailed("padding is not zero")
    return frame[8 : 8 + db_len]


# Recovery keys: 160 random bits, shown as eight groups of four base32 letters.

def new_recovery_secret() -> bytes:
    return secrets.token_bytes(RECOVERY_SECRET_LEN)


def format_recovery_key(secret: bytes) -> str:
    text = base64.b32encode(secret).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The secret from a typed recovery key (case, spaces and dashes forgiven; 0/1/8 read as O/I/B)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    if len(cleaned) != 32:
        return None
    try:
        secret = base64.b32decode(cleaned)
    except (ValueError, base64.binascii.Error):
        return None
    return secret if len(secret) == RECOVERY_SECRET_LEN else None
