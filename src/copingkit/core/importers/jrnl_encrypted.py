"""A journal jrnl encrypted itself, decrypted in memory with its password (never a plaintext copy on disk).

The three layouts jrnl reads (from jrnl's own encryption modules):

- v3 (jrnl 4.6 writes it): `JRNLv3`, a big-endian 2-byte length, that many bytes of header — base64
  of JSON `{"salt": <urlsafe base64 of 16 bytes>}` (early v3 files hold the JSON itself) — then a
  Fernet token. The Fernet key is urlsafe-base64 of PBKDF2-HMAC-SHA256(password, salt, 100,000
  iterations, 32 bytes).
- v2 (jrnl 2 and 3): the file is one Fernet token (it starts `gAAAAA`), the key as above with jrnl's
  fixed salt.
- v1 (jrnl 1): 16 bytes of IV, then AES-256-CBC with key SHA-256(password), PKCS#7 padding (the
  oldest files pad with spaces).

What the file controls is bounded before any key is derived: its size (the import ceiling), v3's
header (at most 4 KiB of JSON naming a salt of 8 to 64 bytes). The header carries no work factor:
the iteration count is jrnl's fixed 100,000, so a file cannot ask for more work. The decrypted text
is read as a jrnl plain journal (`jrnl_txt`), with `--time-format` if the journal has its own.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import struct

from copingkit.core.errors import InvalidInput
from copingkit.core.importers import Options, Parsed, PassphraseNeeded, WrongSourcePassphrase, jrnl_txt

V3_PREFIX = b"JRNLv3"
V2_SALT = b"\xf2\xd5q\x0e\xc1\x8d.\xde\xdc\x8e6t\x89\x04\xce\xf8"
"""jrnl's hard-coded v2 salt (jrnl/encryption/Jrnlv2Encryption.py)."""
ITERATIONS = 100_000
HEADER_MAX = 4096
SALT_BYTES = (8, 64)


def parse(data: bytes, options: Options) -> Parsed:
    version = version_of(data)
    if options.passphrase is None:
        raise PassphraseNeeded("That jrnl journal is encrypted; copingkit needs its password to read it.")
    text = decrypt(data, options.passphrase, version)
    return jrnl_txt.parse_text(text.replace("\r\n", "\n"), options, "jrnl-encrypted")


def version_of(data: bytes) -> int:
    """3, 2 or 1; InvalidInput for a file that can't be any of them (checked before any work)."""
    if data.startswith(V3_PREFIX):
        salt_of(data)
        return 3
    if data.startswith(b"gAAAAA"):
        return 2
    if len(data) >= 32 and len(data) % 16 == 0:
        return 1
    raise InvalidInput("That file is not a journal encrypted by jrnl.")


def salt_of(data: bytes) -> tuple[bytes, bytes]:
    """(salt, Fernet token) of a v3 file; InvalidInput if its header is not jrnl's."""
    offset = len(V3_PREFIX)
    try:
        (length,) = struct.unpack_from(">H", data, offset)
    except struct.error:
        raise InvalidInput("That jrnl journal is damaged (its header is cut short).") from None
    offset += 2
    if length > HEADER_MAX or offset + length > len(data):
        raise InvalidInput("That jrnl journal is damaged (its header is longer than jrnl writes).")
    field = data[offset : offset + length]
    try:
        try:
            header = json.loads(base64.b64decode(field, validate=True))
        except binascii.Error:
            header = json.loads(field)
        salt = base64.urlsafe_b64decode(header["salt"])
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise InvalidInput("That jrnl journal is damaged (its header can't be read).") from None
    if not SALT_BYTES[0] <= len(salt) <= SALT_BYTES[1]:
        raise InvalidInput("That jrnl journal is damaged (its header's salt is not what jrnl writes).")
    return salt, data[offset + length :]


def decrypt(data: bytes, passphrase: str, version: int | None = None) -> str:
    """The journal's text; WrongSourcePassphrase when the password does not open it."""
    version = version or version_of(data)
    secret = passphrase.encode("utf-8")
    if version == 1:
        plain = _v1(data, secret)
    else:
        salt, token = salt_of(data) if version == 3 else (V2_SALT, data)
        plain = _fernet(token.strip(), secret, salt)
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError:
        raise _wrong() from None


def fernet_key(secret: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=ITERATIONS)
    return base64.urlsafe_b64encode(kdf.derive(secret))


def _fernet(token: bytes, secret: bytes, salt: bytes) -> bytes:
    from cryptography.fernet import Fernet, InvalidToken

    try:
        return Fernet(fernet_key(secret, salt)).decrypt(token)
    except (InvalidToken, ValueError, TypeError):
        raise _wrong() from None


def _v1(data: bytes, secret: bytes) -> bytes:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    iv, body = data[:16], data[16:]
    decryptor = Cipher(algorithms.AES(hashlib.sha256(secret).digest()), modes.CBC(iv)).decryptor()
    padded = decryptor.update(body) + decryptor.finalize()
    if padded.endswith(b" "):
        return padded.rstrip(b" ")
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise _wrong() from None


def _wrong() -> WrongSourcePassphrase:
    return WrongSourcePassphrase("That password didn't open the jrnl journal.")
