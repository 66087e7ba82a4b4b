"""The committed vectors in tests/vectors/ keep their outcomes in every later version."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from pathlib import Path
from unittest import mock

import pytest

from copingkit.core.error_words import exit_code_of
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, crypto, errors

VECTORS = Path(__file__).resolve().parents[2] / "vectors"
MANIFEST = tomllib.loads((VECTORS / "manifest.toml").read_text())
RECOVERY_KEY = (VECTORS / "recovery_key.txt").read_text().strip()
SHA256SUMS = dict(reversed(line.split()) for line in (VECTORS / "SHA256SUMS").read_text().splitlines())


def _secret(kind: str) -> dict[str, str]:
    if kind == "passphrase":
        return {"passphrase": MANIFEST["passphrase"]}
    if kind == "recovery":
        return {"recovery_key": RECOVERY_KEY}
    return {"passphrase": "not the vector passphrase"}


@pytest.mark.parametrize("vector", MANIFEST["vector"], ids=lambda v: f"{v['file']}-{v['secret']}")
def test_vector(vector: dict, tmp_path: Path):
    path = tmp_path / vector["file"]
    shutil.copyfile(VECTORS / vector["file"], path)
    original = path.read_bytes()
    if vector["outcome"] == "opens":
        with Vault.open(path, kdf=TEST_KDF, backups_keep=0, **_secret(vector["secret"])) as vault:
            entries = Services(vault.database).journal.list()
            assert [e.preview for e in entries] == [vector["entry"]]
        return
    expected = getattr(errors, vector["outcome"])
    with mock.patch.object(crypto, "argon2id", wraps=crypto.argon2id) as kdf:
        with pytest.raises(expected) as caught:
            Vault.open(path, kdf=TEST_KDF, **_secret(vector["secret"]))
    assert exit_code_of(caught.value) == vector["exit_code"]
    if "kdf_calls" in vector:
        assert kdf.call_count == vector["kdf_calls"]
    assert path.read_bytes() == original


def test_vectors_are_committed_byte_for_byte():
    """SHA256SUMS (written by make_vectors.py) pins every vector file; `sha256sum -c` checks it too."""
    on_disk = {path.name for path in VECTORS.iterdir() if path.suffix == ".vault"} | {"recovery_key.txt"}
    assert set(SHA256SUMS) == on_disk
    assert {vector["file"] for vector in MANIFEST["vector"]} <= on_disk
    for name, digest in SHA256SUMS.items():
        assert hashlib.sha256((VECTORS / name).read_bytes()).hexdigest() == digest, name
