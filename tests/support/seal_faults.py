"""A fault in the encryption itself, for the checks that a save verifies each sealed chunk before it is
written: `FaultyEncryption(monkeypatch).flip(call=n)` makes the n-th `update_into` of every AES-GCM
*encryptor* the vault makes flip one bit of what it produced (or, with `where="tag"`, the tag)."""

from __future__ import annotations

import pytest

from copingkit.core.vault import crypto


class _Encryptor:
    def __init__(self, real, fault: FaultyEncryption) -> None:
        self._real, self._fault = real, fault

    def authenticate_additional_data(self, data) -> None:
        self._real.authenticate_additional_data(data)

    def update_into(self, data, out) -> int:
        count = self._real.update_into(data, out)
        self._fault.calls += 1
        if self._fault.call == self._fault.calls and count:
            out[count // 2] ^= 0x01
            self._fault.flipped += 1
        return count

    def finalize(self) -> bytes:
        return self._real.finalize()

    @property
    def tag(self) -> bytes:
        tag = self._real.tag
        if self._fault.where == "tag":
            self._fault.flipped += 1
            return bytes([tag[0] ^ 0x01]) + tag[1:]
        return tag


class _Cipher:
    def __init__(self, real, fault: FaultyEncryption) -> None:
        self._real, self._fault = real, fault

    def encryptor(self):
        return _Encryptor(self._real.encryptor(), self._fault)

    def decryptor(self):
        return self._real.decryptor()


class FaultyEncryption:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.call: int | None = None
        self.where = "data"
        self.calls = 0
        self.flipped = 0

    def flip(self, *, call: int | None = None, where: str = "data") -> FaultyEncryption:
        self.call, self.where = call, where
        real = crypto._gcm
        self._monkeypatch.setattr(crypto, "_gcm", lambda key, nonce, tag=None: _Cipher(real(key, nonce, tag), self))
        return self
