"""jrnl's older encrypted layouts, built from jrnl's documented format with `cryptography` directly.

jrnl 4.6 writes only v3 (the fixtures in tests/fixtures/imports/ were made by it); these build v2
(one Fernet token, PBKDF2-HMAC-SHA256 with jrnl's fixed salt, 100,000 iterations) and v1
(16-byte IV + AES-256-CBC, key SHA-256 of the password, PKCS#7) the way jrnl 2-3 and 1 wrote them.
Written here independently of copingkit's reader so a test of one is not a test of itself.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

JRNL_V2_SALT = bytes.fromhex("f2d5710ec18d2ededc8e36748904cef8")


def jrnl_v2(text: str, password: str) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=JRNL_V2_SALT, iterations=100_000)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(password.encode()))).encrypt(text.encode())


def jrnl_v1(text: str, password: str) -> bytes:
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(text.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(hashlib.sha256(password.encode()).digest()), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(padded) + encryptor.finalize()
