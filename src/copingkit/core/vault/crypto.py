"""Key derivation, key wrapping and body sealing for vault format v1, with `cryptography`'s primitives only."""

from __future__ import annotations

import base64
import contextlib
import math
import mmap
import os
import secrets
import statistics
import struct
from collections.abc import Callable, Iterable
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from copingkit.core import derivation
from copingkit.core.vault import format as fmt
from copingkit.core.vault.costs import POLICY_MAX, KdfParams, KdfProfile
from copingkit.core.vault.errors import CryptoFailed, DerivationCancelled, NotEnoughMemory

DEK_LEN = 32
SALT_LEN = 16
RECOVERY_SECRET_LEN = 20  # 160 bits
PAD_TO = 64 * 1024
BODY_INFO = b"copingkit/vault/v1/body"
RECOVERY_INFO = b"copingkit/vault/v1/recovery-kek"


CALIBRATION_RUNS = 3


def argon2id(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """The Argon2id key; a costly one is derived in a child process that cancel/ctrl-c can end."""
    if params.m_kib * params.t <= derivation.IN_PROCESS_WORK:
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

    Written into one buffer of the file's size, for tools and tests that want the file as bytes; a
    save streams the same bytes to disk with seal_to and holds no such buffer. The frame (length ‖
    image ‖ zero padding) is never assembled: the image is encrypted straight from where it is. The
    bytes are those AESGCM(key).encrypt gives (GCM is GCM). `header.body_len` must already fit
    (`body_length_for`).
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


STREAM_CHUNK = 1 << 20
"""How much of a frame is encrypted, checked and written (or read and decrypted) at a time."""


class SealNotVerified(BodyFailed):
    """A chunk of a streamed seal did not decrypt back to the frame it was made from."""


SEAL_BUFFER = STREAM_CHUNK + fmt.MAX_HEADER_LEN + fmt.NONCE_LEN + 2 * fmt.TAG_LEN
"""The size of each buffer a Sink hands out: a chunk, the header and nonce before the first, the tag
after the last, and the block of room update_into wants past its output."""


class Sink(Protocol):
    """Where seal_to's bytes go, in buffers the sink owns (so it may write one while the next is made)."""

    def take(self) -> bytearray:
        """A buffer of at least SEAL_BUFFER bytes to fill (waiting, if need be, until one is free)."""
        ...

    def give(self, buffer: bytearray, length: int) -> None:
        """Write buffer[:length]; the buffer is the sink's again (seal_to never touches it after)."""
        ...


def seal_to(sink: Sink, dek: bytes, header: fmt.Header, image: bytes | memoryview) -> bytes:
    """Stream the whole vault file, header ‖ nonce ‖ AES-256-GCM(frame) ‖ tag, into `sink`; return the tag.

    The bytes are exactly those `seal` gives (and AESGCM(key).encrypt: GCM is GCM), made STREAM_CHUNK
    at a time into the sink's small buffers, so no file-sized sealed buffer ever exists. Each encrypted
    chunk is decrypted again by a second GCM context over the same key, nonce and header and compared
    with the frame it was made from (length ‖ image ‖ zeros) before it is given to the sink; that
    context must accept the tag before the last chunk is given. A chunk that would not open is never
    given (SealNotVerified), so a file that is written whole opens to exactly `image`.
    """
    header_bytes = header.to_bytes()
    frame_len = header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN
    image = memoryview(image)
    if frame_len < 8 + len(image):
        raise ValueError("the header's body length does not fit the image")
    nonce = os.urandom(fmt.NONCE_LEN)
    key = body_key(dek, header.body_salt, header.generation)
    encryptor = _gcm(key, nonce).encryptor()
    encryptor.authenticate_additional_data(header_bytes)
    checker = _gcm(key, nonce).decryptor()
    checker.authenticate_additional_data(header_bytes)
    size = min(STREAM_CHUNK, frame_len)
    opened = bytearray(size + 16)  # update_into wants a block of room past the data
    chunks = list(_frame_chunks(struct.pack("<Q", len(image)), image, frame_len, size))
    start = len(header_bytes) + fmt.NONCE_LEN
    for number, parts in enumerate(chunks):
        buffer = sink.take()
        view = memoryview(buffer)
        begin = 0
        if number == 0:
            view[:start] = header_bytes + nonce
            begin = start
        filled = begin
        for part in parts:
            filled += encryptor.update_into(part, view[filled:])
        if checker.update_into(view[begin:filled], opened) != filled - begin or not _opens_to(opened, parts):
            raise SealNotVerified("a sealed chunk did not decrypt to the journal it was made from")
        if number == len(chunks) - 1:
            encryptor.finalize()
            tag = encryptor.tag
            try:
                checker.finalize_with_tag(tag)
            except InvalidTag as error:
                raise SealNotVerified("the sealed copy did not authenticate") from error
            view[filled : filled + fmt.TAG_LEN] = tag
            filled += fmt.TAG_LEN
        view.release()
        sink.give(buffer, filled)
    return tag


def _frame_chunks(prefix: bytes, image: memoryview, frame_len: int, size: int):
    """The frame, prefix ‖ image ‖ zero padding, as one list of views per `size` bytes (no copies)."""
    zeros = memoryview(bytes(min(size, PAD_TO)))  # the padding is shorter than PAD_TO
    image_end = 8 + len(image)
    at = 0
    while at < frame_len:
        end = min(at + size, frame_len)
        parts = []
        if at < 8:
            parts.append(memoryview(prefix)[at : min(end, 8)])
        low, high = max(at, 8), min(end, image_end)
        if low < high:
            parts.append(image[low - 8 : high - 8])
        low = max(at, image_end)
        if low < end:
            parts.append(zeros[: end - low])
        yield parts
        at = end


def _opens_to(opened: bytearray, parts: list[memoryview]) -> bool:
    """Whether `opened` begins with the parts, one after another (bytearray.startswith is one memcmp)."""
    at = 0
    for part in parts:
        if not opened.startswith(part, at):
            return False
        at += len(part)
    return True


def frame_buffer(size: int) -> mmap.mmap:
    """`size` writable zero bytes of their own memory, for a decrypted frame.

    An anonymous private mapping, asked for in huge pages where the system gives them (Linux's
    madvise): a fresh buffer of tens of MiB otherwise costs a page fault per 4 KiB on first touch,
    which on a virtual machine is most of the cost of decrypting into it. Unmapped when the last
    view of it goes.
    """
    try:
        if hasattr(mmap, "MAP_PRIVATE"):
            buffer = mmap.mmap(-1, max(size, 1), flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        else:  # Windows: anonymous memory backed by the paging file
            buffer = mmap.mmap(-1, max(size, 1))
    except (MemoryError, OSError) as error:
        raise NotEnoughMemory("frame") from error
    if hasattr(mmap, "MADV_HUGEPAGE"):
        with contextlib.suppress(OSError):
            buffer.madvise(mmap.MADV_HUGEPAGE)
    return buffer


PAGE = 4096


def frame_for(header: fmt.Header, *, touched: bool = False) -> mmap.mmap:
    """The buffer open_body_chunks decrypts the body of `header` into (its length bounded by policy
    before this is asked for). `touched`: every page written once now, so its first-touch faults (and,
    where the system makes huge pages by compacting memory, that compaction: seen at ~0.1 s) happen
    here, while a key derivation runs in its child, rather than while decrypting."""
    room = 16  # update_into wants a block of room past the data
    frame = frame_buffer(header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN + room)
    if touched:
        view = memoryview(frame)
        try:
            view[::PAGE] = bytes(len(range(0, len(view), PAGE)))
        finally:
            view.release()
    return frame


def open_body_chunks(
    dek: bytes,
    header: fmt.Header,
    header_bytes: bytes,
    nonce: bytes,
    tag: bytes,
    chunks: Iterable[memoryview],
    frame: mmap.mmap | None = None,
) -> memoryview:
    """The SQLite image inside a body given as its ciphertext in pieces (nonce and tag apart).

    The pieces are decrypted one after another into one frame-sized buffer (frame_buffer); the tag,
    known before the first piece, is checked when the last is in, and only then is anything of the
    frame looked at or returned, so nothing unauthenticated leaves here. Returns a view of the image
    inside that buffer (no copy); the buffer goes when the view is released. `frame`: one frame_for
    made already (the open makes it before waiting for the key); else one is made here.
    """
    frame_len = header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN
    key = body_key(dek, header.body_salt, header.generation)
    try:
        decryptor = _gcm(key, nonce, tag).decryptor()
    except ValueError as error:  # a tag of the wrong size
        raise BodyFailed(str(error)) from error
    decryptor.authenticate_additional_data(header_bytes)
    if frame is None:
        frame = frame_for(header)
    view = memoryview(frame)
    at = 0
    try:
        for chunk in chunks:
            if at + len(chunk) > frame_len:
                raise BodyFailed("the body is longer than its header says")
            at += decryptor.update_into(chunk, view[at:])
        if at != frame_len:
            raise BodyFailed("the body is shorter than its header says")
        try:
            decryptor.finalize()
        except InvalidTag as error:
            raise BodyFailed("body authentication failed") from error
        image = _image_in(view[:frame_len])
    finally:
        view.release()  # the image's own view (a slice) keeps the buffer; without one it is unmapped
    return image


def _image_in(frame: memoryview) -> memoryview:
    """The image inside an authenticated frame, after checking its length and its zero padding."""
    if len(frame) % PAD_TO or len(frame) < 8:
        raise BodyFailed("frame is not padded to 64 KiB")
    (db_len,) = struct.unpack_from("<Q", frame, 0)
    if db_len > len(frame) - 8:
        raise BodyFailed("image length beyond the frame")
    padding = frame[8 + db_len :]
    if len(padding) and bytes(padding).count(0) != len(padding):
        raise BodyFailed("padding is not zero")
    return frame[8 : 8 + db_len]


def open_body(dek: bytes, header: fmt.Header, header_bytes: bytes, body: bytes | memoryview) -> memoryview:
    """The SQLite image inside an authenticated body (nonce ‖ ciphertext ‖ tag): a view into the
    decrypted frame (no copy of it), decrypted STREAM_CHUNK at a time as open_body_chunks does."""
    body = memoryview(body)
    if len(body) < fmt.NONCE_LEN + fmt.TAG_LEN:
        raise BodyFailed("the body is shorter than a nonce and a tag")
    nonce, tag = bytes(body[: fmt.NONCE_LEN]), bytes(body[-fmt.TAG_LEN :])
    sealed = body[fmt.NONCE_LEN : -fmt.TAG_LEN]
    pieces = (sealed[at : at + STREAM_CHUNK] for at in range(0, len(sealed), STREAM_CHUNK))
    return open_body_chunks(dek, header, header_bytes, nonce, tag, pieces)


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
