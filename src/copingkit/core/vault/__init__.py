"""The sealed vault: one encrypted file holding the whole SQLite database (DESIGN.md §2)."""

from copingkit.core.vault import errors
from copingkit.core.vault.crypto import REAL_KDF, TEST_KDF, KdfParams, KdfProfile
from copingkit.core.vault.store import Vault, list_backups, read_identity, unseal

__all__ = [
    "REAL_KDF",
    "TEST_KDF",
    "KdfParams",
    "KdfProfile",
    "Vault",
    "errors",
    "list_backups",
    "read_identity",
    "unseal",
]
