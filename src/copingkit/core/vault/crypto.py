"""Key derivation, key wrapping and body sealing for vault format v1, with `cryptography`'s primitives only."""

from __future__ import annotations

import base64
import math
import os
import secrets
import statistics
import struct
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from copingkit.core import derivation
from copingkit.core.vault import format as fmt
from copingkit.core.vault.errors import CryptoFailed, DerivationCancelled, NotEnoughMemory

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

    def within(self, ceiling: KdfParams) -> bool:
        return self.m_kib <= ceiling.m_kib and self.t <= ceiling.t and self.p <= ceiling.p

    def describe(self) -> str:
        """The cost in words a person can check: "Argon2id, 256 MiB, 4 passes, 4 lanes"."""
        memory = f"{self.m_kib // 1024} MiB" if self.m_kib >= 1024 else f"{self.m_kib} KiB"
        return f"Argon2id, {memory}, {self.t} pass{'es' * (self.t != 1)}, {self.p} lane{'s' * (self.p != 1)}"


@dataclass(frozen=True)
class KdfProfile:
    """How passphrase slots are made: the policy minimum and whether to calibrate to a target time."""

    name: str
    minimum: KdfParams
    calibrate: bool
    target_seconds: float = 1.0


REAL_KDF = KdfProfile("real", KdfParams(m_kib=65_536, t=3, p=4), calibrate=True, target_seconds=1.0)
TEST_KDF = KdfProfile("test", KdfParams(m_kib=32, t=1, p=1), calibrate=False)

POLICY_MAX = KdfParams(m_kib=1_048_576, t=16, p=8)
"""The most work copingkit asks of a machine for one slot (checked before any KDF; DESIGN.md §2.2)."""
MAX_PASSPHRASE_SLOTS_TRIED = 2
CALIBRATION_RUNS = 3
IN_PROCESS_WORK = 65_536
"""m_kib × t at or below which a derivation (well under 0.1 s) runs here rather than in a child."""


def normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def argon2id(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """The Argon2id key; a costly one is derived in a child process that cancel/ctrl-c can end."""
    if params.m_kib * params.t <= IN_PROCESS_WORK:
        return _here(
            lambda: Argon2id(
                salt=salt, length=32, iterations=params.t, lanes=params.p, memory_cost=params.m_kib
            ).derive(secret)
        )
    return _in_child(lambda: derivation.derive(secret, salt, params.m_kib, params.t, params.p))


def _here(work: Callable[[], bytes]) -> bytes:
    try:
        return work()
    except MemoryError as error:
        raise NotEnoughMemory("argon2id") from error
    except Exception as error:
        raise CryptoFailed(type(error).__name__) from error
    except BaseException as error:  # pyo3's PanicException is a BaseException
        if type(error).__name__ != "PanicException":
            raise
        raise CryptoFailed("PanicException") from error


def _in_child(work: Callable[[], object]):
    try:
        return work()
    except derivation.Stopped as error:
        raise DerivationCancelled() from error
    except derivation.OutOfMemory as error:
        raise NotEnoughMemory(str(error)) from error
    except derivation.LibraryFailed as error:
        raise CryptoFailed(str(error)) from error


def cancel_derivations() -> int:
    """End every key derivation running now (quit, a signal); each one raises DerivationCancelled."""
    return derivation.cancel_all()


def time_calibration_runs(params: KdfParams, runs: int) -> list[float]:
    return _in_child(lambda: derivation.time_runs(params.m_kib, params.t, params.p, runs))


def calibrate(
    profile: KdfProfile, *, time_runs: Callable[[KdfParams, int], list[float]] = time_calibration_runs
) -> KdfParams:
    """Argon2id parameters that take about `target_seconds` here: never below the profile's minimum,
    never above POLICY_MAX. The median of CALIBRATION_RUNS timed runs, so one run slowed or sped
    up by other work on the machine can't set the cost of every unlock for the vault's life.
    """
    base = profile.minimum
    if not profile.calibrate:
        return base
    times = time_runs(base, CALIBRATION_RUNS)
    if len(times) < CALIBRATION_RUNS:
        raise ValueError("calibration needs at least three timed runs")
    elapsed = max(statistics.median(times), 1e-3)
    scale = profile.target_seconds / elapsed
    if scale <= 1:
        return base
    t = min(POLICY_MAX.t, max(base.t, math.floor(base.t * scale)))
    remaining = scale * base.t / t
    m = base.m_kib
    if remaining > 1.25:
        m = min(POLICY_MAX.m_kib, 1 << int(math.log2(base.m_kib * remaining)))
        m = max(m, base.m_kib)
    return KdfParams(m_kib=m, t=t, p=min(base.p, POLICY_MAX.p))


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
        unwrapped.slot_type,
        unwrapped.kdf_id,
        unwrapped.m_kib,
        unwrapped.t,
        unwrapped.p,
        unwrapped.kdf_salt,
        unwrapped.wrap_nonce,
        wrapped,
    )


def unwrap_slot(slot: fmt.Keyslot, vault_id: bytes, secret: bytes) -> bytes | None:
    """The DEK if `secret` opens `slot`, else None."""
    kek = slot_kek(slot, secret)
    try:
        dek = AESGCM(kek).decrypt(slot.wrap_nonce, slot.wrapped_dek, _wrap_aad(vault_id, slot.aad_prefix()))
    except InvalidTag:
        return None
    except MemoryError as error:
        raise NotEnoughMemory("unwrap") from error
    except Exception as error:
        raise CryptoFailed(type(error).__name__) from error
    return dek if len(dek) == DEK_LEN else None


def body_key(dek: bytes, body_salt: bytes, generation: int) -> bytes:
    info = BODY_INFO + struct.pack("<Q", generation)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=body_salt, info=info).derive(dek)


def body_length_for(image_len: int) -> int:
    frame_len = 8 + image_len
    frame_len = -(-frame_len // PAD_TO) * PAD_TO
    return fmt.NONCE_LEN + frame_len + fmt.TAG_LEN


class BodyFailed(Exception):
    """The body did not authenticate or its frame is inconsistent."""


def _gcm(key: bytes, nonce: bytes, tag: bytes | None = None) -> Cipher:
    return Cipher(algorithms.AES(key), modes.GCM(nonce, tag))


def seal(dek: bytes, header: fmt.Header, image: bytes | memoryview) -> bytearray:
    """The whole vault file: header ‖ nonce ‖ AES-256-GCM(frame) ‖ tag, with the serialised header as AAD.

    Written into one buffer of the file's size: the frame (length ‖ image ‖ zero padding) is never
    assembled, and the image is encrypted straight from where it is, so a save holds the image and
    the file and no other copy of either. The bytes are those AESGCM(key).encrypt gives (GCM is GCM).
    `header.body_len` must already fit (`body_length_for`).
    """
    header_bytes = header.to_bytes()
    frame_len = header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN
    image = memoryview(image)
    if frame_len < 8 + len(image):
        raise ValueError("the header's body length does not fit the image")
    nonce = os.urandom(fmt.NONCE_LEN)
    out = bytearray(len(header_bytes) + header.body_len)
    view = memoryview(out)
    view[: len(header_bytes)] = header_bytes
    start = len(header_bytes) + fmt.NONCE_LEN
    view[len(header_bytes) : start] = nonce
    encryptor = _gcm(body_key(dek, header.body_salt, header.generation), nonce).encryptor()
    encryptor.authenticate_additional_data(header_bytes)
    at = start
    # Each piece is encrypted into the buffer's remaining space, which always has the 16 tag bytes
    # beyond it (update_into asks for a block of room past the data).
    for piece in (struct.pack("<Q", len(image)), image, bytes(frame_len - 8 - len(image))):
        at += encryptor.update_into(piece, view[at:])
    encryptor.finalize()
    if at != start + frame_len:
        raise CryptoFailed("the sealed frame is not its declared length")
    view[at:] = encryptor.tag
    return out


def seal_body(dek: bytes, header: fmt.Header, image: bytes | memoryview) -> bytes:
    """nonce ‖ AES-256-GCM(frame) ‖ tag alone (the file without its header), for tools and tests."""
    return bytes(memoryview(seal(dek, header, image))[header.header_len :])


VERIFY_CHUNK = 1 << 18


def verify_sealed(dek: bytes, data: bytes | bytearray | memoryview, image: bytes | memoryview) -> None:
    """Check that `data` (a whole sealed file) opens under `dek` to exactly `image`, or raise BodyFailed.

    One streaming pass: the ciphertext is decrypted a chunk at a time into one small buffer and
    compared with the frame it should be (length ‖ image ‖ zeros), then the tag is checked. So the
    check costs one AES-GCM pass and a memcmp, never a second copy of the journal in memory.
    """
    data, image = memoryview(data), memoryview(image)
    header = fmt.parse_header(data[: fmt.MAX_HEADER_LEN], file_size=len(data))
    start = header.header_len + fmt.NONCE_LEN
    end = len(data) - fmt.TAG_LEN
    nonce, tag = bytes(data[header.header_len : start]), bytes(data[end:])
    decryptor = _gcm(body_key(dek, header.body_salt, header.generation), nonce, tag).decryptor()
    decryptor.authenticate_additional_data(bytes(data[: header.header_len]))
    prefix = struct.pack("<Q", len(image))
    frame_len = end - start
    if frame_len < 8 + len(image):
        raise BodyFailed("the frame is shorter than the image")
    room = bytearray(VERIFY_CHUNK + 16)  # update_into wants a block of room past the data
    at = 0  # offset in the frame
    while at < frame_len:
        size = min(VERIFY_CHUNK, frame_len - at)
        got = decryptor.update_into(data[start + at : start + at + size], room)
        if got != size:
            raise BodyFailed("the sealed copy did not decrypt in step")
        if not _frame_matches(room[:got], at, prefix, image):
            raise BodyFailed("the sealed copy did not decrypt to the same journal")
        at += got
    try:
        decryptor.finalize()
    except InvalidTag as error:
        raise BodyFailed("the sealed copy did not authenticate") from error


def _frame_matches(chunk: bytearray, at: int, prefix: bytes, image: memoryview) -> bool:
    """Whether `chunk`, found at offset `at` of a frame, is that part of prefix ‖ image ‖ zeros.

    bytearray == buffer is one memcmp (a memoryview compared with a memoryview goes byte by byte).
    """
    image_end = 8 + len(image)
    end = at + len(chunk)
    if at < 8 and chunk[: min(end, 8) - at] != prefix[at : min(end, 8)]:
        return False
    low, high = max(at, 8), min(end, image_end)
    if low < high and chunk[low - at : high - at] != image[low - 8 : high - 8]:
        return False
    low = max(at, image_end)
    return low >= end or chunk.count(0, low - at) == end - low


def open_body(dek: bytes, header: fmt.Header, header_bytes: bytes, body: bytes | memoryview) -> memoryview:
    """The SQLite image inside an authenticated body: a view into the decrypted frame (no copy of it)."""
    body = memoryview(body)
    nonce, sealed = bytes(body[: fmt.NONCE_LEN]), body[fmt.NONCE_LEN :]
    key = body_key(dek, header.body_salt, header.generation)
    try:
        frame = AESGCM(key).decrypt(nonce, sealed, header_bytes)
    except InvalidTag as error:
        raise BodyFailed("body authentication failed") from error
    except MemoryError as error:
        raise NotEnoughMemory("body") from error
    except (OverflowError, ValueError) as error:
        raise CryptoFailed(type(error).__name__) from error
    if len(frame) % PAD_TO or len(frame) < 8:
        raise BodyFailed("frame is not padded to 64 KiB")
    (db_len,) = struct.unpack_from("<Q", frame, 0)
    if db_len > len(frame) - 8:
        raise BodyFailed("image length beyond the frame")
    if frame.count(0, 8 + db_len) != len(frame) - 8 - db_len:
        raise BodyFailed("padding is not zero")
    return memoryview(frame)[8 : 8 + db_len]


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
