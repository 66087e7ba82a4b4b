"""The sealed vault: one encrypted file holding the whole SQLite database (DESIGN.md §2).

The names below are imported from their modules on first use, so `from copingkit.core.vault import
format` (or `ahead`) doesn't load the store, its lock library and the crypto with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from copingkit.core.vault import errors
    from copingkit.core.vault.costs import REAL_KDF, TEST_KDF, KdfParams, KdfProfile
    from copingkit.core.vault.store import Vault, list_backups, read_identity, unseal

_HOMES = {
    "REAL_KDF": "costs",
    "TEST_KDF": "costs",
    "KdfParams": "costs",
    "KdfProfile": "costs",
    "Vault": "store",
    "list_backups": "store",
    "read_identity": "store",
    "unseal": "store",
}
"""name -> the module of copingkit.core.vault it lives in."""


def __getattr__(name: str) -> Any:
    if name == "errors":
        return import_module(f"{__name__}.errors")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
