"""Everything that can go wrong with a vault, as types, and the calm words for each (DESIGN.md §2.4)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class VaultError(Exception):
    """Base of every vault error. `exit_code` is the CLI's exit status for it."""

    exit_code = 4

    def __init__(self, detail: str = "", *, backups: tuple[Path, ...] = ()) -> None:
        super().__init__(detail or type(self).__name__)
        self.detail = detail
        self.backups = backups


class NotAVault(VaultError):
    exit_code = 1


class UnsupportedVersion(VaultError):
    exit_code = 4


class Malformed(VaultError):
    exit_code = 4


class WrongSecret(VaultError):
    exit_code = 3


class RecoveryKeyShape(WrongSecret):
    """What was given as a recovery key isn't one (not 8 groups of 4 of A–Z and 2–7): a typo to fix, not a wrong key."""

    exit_code = 1


class Tampered(VaultError):
    exit_code = 4


class Conflict(VaultError):
    exit_code = 6

    def __init__(self, detail: str = "", *, conflict_copy: Path | None = None) -> None:
        super().__init__(detail)
        self.conflict_copy = conflict_copy


class Locked(VaultError):
    exit_code = 5


class SaveFailed(VaultError):
    exit_code = 1


class AlreadyExists(VaultError):
    exit_code = 1


class VaultMissing(VaultError):
    exit_code = 1


class TooCostly(VaultError):
    """Key-derivation costs above policy, too many passphrase slots, or a body above the size ceiling."""

    exit_code = 4


class NotEnoughMemory(VaultError):
    """A MemoryError (or a derivation child ended by the system) while opening: never a wrong secret."""

    exit_code = 1


class CryptoFailed(VaultError):
    """The crypto library itself failed (an unsupported build, an internal panic): not the file's fault."""

    exit_code = 1


class DerivationCancelled(VaultError):
    """A key derivation was stopped (ctrl-c, quit) before it finished: says nothing about the secret."""

    exit_code = 1


class FolderNotTrusted(VaultError):
    """The vault's folder is owned by someone else, or anyone can replace files in it."""

    exit_code = 1

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.folder = folder
        self.reason = reason


class ReadOnly(VaultError):
    """A change was asked of a vault opened where it can't be written."""

    exit_code = 1


_MESSAGES: dict[type[VaultError], str] = {
    NotAVault: "This is not a copingkit journal.",
    UnsupportedVersion: "This journal was made by a newer copingkit. Please update copingkit to open it.",
    Malformed: "The journal file is damaged, so it can't be opened.",
    WrongSecret: "That passphrase didn't open this journal.",
    RecoveryKeyShape: (
        "That doesn't look like a recovery key: it is 8 groups of 4 letters and digits, like "
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567 (dashes and spaces don't matter). Nothing was changed."
    ),
    Tampered: "The journal file is damaged or was changed outside copingkit, so it can't be opened.",
    Conflict: (
        "The journal was changed by another program since it was opened. "
        "Nothing was overwritten: your version was saved beside it."
    ),
    Locked: "This journal is already open in another window.",
    SaveFailed: "Couldn't save just now. Your writing is safe in memory and will be saved on the next try.",
    AlreadyExists: "A journal already exists there; nothing was changed.",
    VaultMissing: "There is no journal there yet. Run `copingkit init` (or just `copingkit`) to make one.",
    ReadOnly: "This journal can be read here but not changed: its file or folder can't be written. Nothing was changed.",
    TooCostly: "This journal asks for more work than copingkit allows, so nothing was tried.",
    NotEnoughMemory: (
        "There is not enough memory to open this journal just now. Nothing was changed; "
        "closing other programs and trying again may help."
    ),
    CryptoFailed: (
        "copingkit's encryption library couldn't do this here, so nothing was opened or changed. "
        "Reinstalling copingkit usually fixes it."
    ),
    DerivationCancelled: "Stopped before the journal was opened. Nothing was changed.",
}


def user_message(error: VaultError) -> str:
    """The words a person sees for `error`, with what to do next where it helps."""
    message = _MESSAGES.get(type(error), "Something went wrong with the journal file.")
    if isinstance(error, WrongSecret) and error.detail == "recovery":
        message = "That recovery key didn't open this journal. Check each group of letters and try again."
    if isinstance(error, Conflict) and error.conflict_copy is not None:
        message += f" Your version: {error.conflict_copy}"
    elif isinstance(error, Conflict):
        message = (
            "The journal was changed by another program since it was opened. Nothing was overwritten. "
            "A copy of your version couldn't be written just now (the disk may be full), "
            "so it is still only open here; the next save tries again."
        )
    if isinstance(error, FolderNotTrusted):
        message = (
            f"copingkit won't use the folder {error.folder}: {error.reason}, so someone else could swap the "
            "journal. Move the journal to a folder only you can change (`--vault PATH`), or add --trust-folder "
            "if you know this folder is safe."
        )
    if isinstance(error, TooCostly):
        message += {
            "body-ceiling": " It is far larger than any journal copingkit makes; `copingkit restore PATH` brings back a backup.",
            "body-memory": (
                " There isn't enough free memory for a journal this large just now: closing other programs may help, "
                "or start copingkit with --allow-costly-kdf."
            ),
        }.get(error.detail, " If you trust this file, start copingkit with --allow-costly-kdf.")
    if isinstance(error, SaveFailed) and error.detail:
        message += f" ({error.detail})"
    if isinstance(error, (Malformed, Tampered)):
        if error.backups:
            listed = ", ".join(str(path) for path in error.backups[-3:])
            message += f" Backups you can restore with `copingkit restore PATH`: {listed}"
        else:
            message += " No backups were found beside it."
    return message


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
