from __future__ import annotations

from pathlib import Path

import pytest

from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.vault"


@pytest.fixture
def made_vault(vault_path: Path):
    """A closed vault on disk with one row written; yields (path, recovery_key)."""
    vault, recovery_key = Vault.create(vault_path, PASSPHRASE, kdf=TEST_KDF)
    with vault.database.connection as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS probe(x TEXT)")
        conn.execute("INSERT INTO probe VALUES ('hello vault')")
    vault.close()
    return vault_path, recovery_key
