"""What a closed vault holds, read back the way a later session would (for tests that end the app)."""

from __future__ import annotations

from pathlib import Path


def stored_bodies(vault_path: Path, passphrase: str) -> list[str]:
    """Every journal entry's body in the vault at `vault_path`, newest first."""
    from copingkit.core.services import Services
    from copingkit.core.vault import TEST_KDF, Vault

    vault = Vault.open(vault_path, passphrase, kdf=TEST_KDF)
    try:
        services = Services(vault.database)
        return [services.journal.get(summary.id).body for summary in services.journal.list()]
    finally:
        vault.close()
