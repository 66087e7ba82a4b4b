"""Everything that can go wrong with a vault, as types (DESIGN.md §2.4), and the warnings that don't stop it.

The words a person sees for each error, and its exit code, are in `copingkit.core.error_words`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path


class VaultError(Exception):
    """Base of every vault error. Its words and its exit code are in `copingkit.core.error_words`."""

    def __init__(self, detail: str = "", *, backups: tuple[Path, ...] = ()) -> None:
        super().__init__(detail or type(self).__name__)
        self.detail = detail
        self.backups = backups


class NotAVault(VaultError):
    """The file doesn't start with the vault magic."""


class UnsupportedVersion(VaultError):
    """A format major version this copingkit doesn't know (made by a newer one)."""


class Malformed(VaultError):
    """Truncated, or lengths and bounds that don't add up; `backups` are offered."""


class Secret(StrEnum):
    """Which kind of secret was tried."""

    PASSPHRASE = "passphrase"
    RECOVERY_KEY = "recovery"


class WrongSecret(VaultError):
    """No key slot of the kind tried opens with the secret given."""

    def __init__(self, secret: Secret = Secret.PASSPHRASE, *, backups: tuple[Path, ...] = ()) -> None:
        super().__init__(secret.value, backups=backups)
        self.secret = secret


class RecoveryKeyShape(WrongSecret):
    """What was given as a recovery key isn't one (not 8 groups of 4 of A–Z and 2–7): a typo to fix, not a wrong key."""

    def __init__(self) -> None:
        super().__init__(Secret.RECOVERY_KEY)


class KeyNotAccepted(WrongSecret):
    """An already-unwrapped data key (from the key agent) doesn't open this vault's body (rotated or replaced)."""


class Tampered(VaultError):
    """A slot opened but the body failed authentication; `backups` are offered."""


class Conflict(VaultError):
    """The file changed since it was opened; `conflict_copy` is where this version was saved (None: it couldn't be)."""

    def __init__(self, detail: str = "", *, conflict_copy: Path | None = None) -> None:
        super().__init__(detail)
        self.conflict_copy = conflict_copy


class Locked(VaultError):
    """Another process holds the vault's lock."""


class SaveFailed(VaultError):
    """A save didn't reach the disk; `detail` says why, in a few words."""


class AlreadyExists(VaultError):
    """A vault is already where one was to be created."""


class VaultMissing(VaultError):
    """There is no vault at the path."""


class CostReason(StrEnum):
    """Why a vault asks for more work than copingkit allows."""

    KDF = "kdf"
    SLOTS = "slots"
    BODY_CEILING = "body-ceiling"
    BODY_MEMORY = "body-memory"


class TooCostly(VaultError):
    """Key-derivation costs above policy, too many passphrase slots, or a body above the size ceiling."""

    def __init__(self, reason: CostReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class NotEnoughMemory(VaultError):
    """A MemoryError (or a derivation child ended by the system) while opening: never a wrong secret."""


class CryptoFailed(VaultError):
    """The crypto library itself failed (an unsupported build, an internal panic): not the file's fault."""


class DerivationCancelled(VaultError):
    """A key derivation was stopped (ctrl-c, quit) before it finished: says nothing about the secret."""


class FolderNotTrusted(VaultError):
    """The vault's folder is owned by someone else, or anyone can replace files in it."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.folder = folder
        self.reason = reason


class ReadOnly(VaultError):
    """A change was asked of a vault opened where it can't be written."""


class WarningKind(Enum):
    """What a vault warning is about: things that don't stop the journal working."""

    FILE_TIGHTENED = "file-tightened"
    FOLDER_OPEN_TO_OTHERS = "folder-open-to-others"
    FOLDER_TRUSTED_ANYWAY = "folder-trusted-anyway"
    READ_ONLY = "read-only"
    FOLDER_NOT_SYNCED = "folder-not-synced"
    BACKUP_NOT_WRITTEN = "backup-not-written"
    BACKUPS_NOT_RESEALED = "backups-not-resealed"


@dataclass(frozen=True)
class VaultWarning:
    """One thing a person should know about the journal's files, with its words."""

    kind: WarningKind
    text: str

    def __str__(self) -> str:
        return self.text

    @classmethod
    def file_tightened(cls, path: Path, mode: int) -> VaultWarning:
        return cls(WarningKind.FILE_TIGHTENED, f"{path} was readable by others ({mode:o}); it is now 600.")

    @classmethod
    def folder_open_to_others(cls, folder: Path, mode: int) -> VaultWarning:
        return cls(
            WarningKind.FOLDER_OPEN_TO_OTHERS,
            f"Others on this computer can look into {folder} ({mode:o}). The journal itself stays private; "
            f"copingkit leaves the folder as it is (`chmod 700 {folder}` would make it private).",
        )

    @classmethod
    def folder_trusted_anyway(cls, folder: Path, reason: str) -> VaultWarning:
        return cls(WarningKind.FOLDER_TRUSTED_ANYWAY, f"Using {folder} because of --trust-folder: {reason}.")

    @classmethod
    def read_only(cls, path: Path) -> VaultWarning:
        return cls(
            WarningKind.READ_ONLY,
            f"This journal is open to read only: changes can't be saved here ({path} can't be written).",
        )

    @classmethod
    def folder_not_synced(cls, reason: str) -> VaultWarning:
        return cls(
            WarningKind.FOLDER_NOT_SYNCED,
            f"Couldn't write the folder to disk ({reason}); the next save tries again.",
        )

    @classmethod
    def backup_not_written(cls, reason: str) -> VaultWarning:
        return cls(WarningKind.BACKUP_NOT_WRITTEN, f"Couldn't write today's backup: {reason}")

    @classmethod
    def backups_not_resealed(cls, count: int) -> VaultWarning:
        return cls(
            WarningKind.BACKUPS_NOT_RESEALED,
            f"Couldn't re-seal {count} backup(s) under the new keys; until they are, they open with the old passphrase.",
        )

    @property
    def from_saving(self) -> bool:
        """Raised by a save (not by opening): the CLI reports these after its command."""
        return self.kind in (
            WarningKind.FOLDER_NOT_SYNCED,
            WarningKind.BACKUP_NOT_WRITTEN,
            WarningKind.BACKUPS_NOT_RESEALED,
        )
