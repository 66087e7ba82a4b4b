"""The committed vectors in tests/vectors/ keep their outcomes in every later version."""

from __future__ import annotations

import shutil
import time
import tomllib
from pathlib import Path

import pytest

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, errors

VECTORS = Path(__file__).resolve().parents[2] / "vectors"
MANIFEST = tomllib.loads((VECTORS / "manifest.toml").read_text())
RECOVERY_KEY = (VECTORS / "recovery_key.txt").read_text().strip()


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
    started = time.perf_counter()
    with pytest.raises(expected) as caught:
        Vault.open(path, kdf=TEST_KDF, **_secret(vector["secret"]))
    elapsed = time.perf_counter() - started
    assert caught.value.exit_code == vector["exit_code"]
    if "max_seconds" in vector:
        assert elapsed < vector["max_seconds"]
    assert path.read_bytes() == original


def test_vectors_are_committed_byte_for_byte():
    assert (VECTORS / "good.vault").read_bytes()[:8] == bytes.fromhex("89434B560D0A1A0A")
    assert len(MANIFEST["vector"]) >= 7
