"""A vault at an older schema is copied to backups before it migrates; a newer schema is refused untouched."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from copingkit.core import schema
from copingkit.core.vault import TEST_KDF, Vault, errors, unseal

from .conftest import PASSPHRASE

LEGACY = Path(__file__).resolve().parents[2] / "legacy" / "build_v1.py"


def _v1_image() -> bytes:
    spec = importlib.util.spec_from_file_location("copingkit_legacy_build_v1", LEGACY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_v1_image()


def _vault_holding(path: Path, image: bytes) -> None:
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    with vault.database.lock:
        vault.database.connection.deserialize(image)
    vault.save(force=True)
    vault.close()


def _version(image: bytes) -> int:
    connection = sqlite3.connect(":memory:")
    connection.deserialize(image)
    return schema.user_version(connection)


def test_a_sealed_copy_is_written_before_migrating(vault_path: Path) -> None:
    _vault_holding(vault_path, _v1_image())
    before = vault_path.read_bytes()
    with Vault.open(vault_path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0) as vault:
        assert schema.user_version(vault.database.connection) == schema.latest_version()
        backups = vault.backups()
    assert len(backups) == 1
    assert backups[0].read_bytes() == before
    _, _, image = unseal(backups[0].read_bytes(), passphrase=PASSPHRASE)
    assert _version(image) == 1


def test_opening_an_up_to_date_vault_writes_no_backup(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    vault.close()
    with Vault.open(vault_path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0) as vault:
        assert vault.backups() == []


def test_a_newer_schema_is_refused_and_nothing_changes(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    vault.database.connection.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    vault.save(force=True)
    vault.close()
    before = vault_path.read_bytes()
    folder = vault_path.parent
    listing = sorted(p.relative_to(folder) for p in folder.rglob("*") if not p.name.endswith(".lock"))
    with pytest.raises(errors.UnsupportedVersion, match="made by a newer copingkit"):
        Vault.open(vault_path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    assert vault_path.read_bytes() == before
    assert sorted(p.relative_to(folder) for p in folder.rglob("*") if not p.name.endswith(".lock")) == listing
