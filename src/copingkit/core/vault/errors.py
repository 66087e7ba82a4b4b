"""Everything that can go wrong with a vault, as types, and the calm words for each (DESIGN.md §2.4)."""

from __future__ import annotations

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


_MESSAGES: dict[type[VaultError], str] = {
    NotAVault: "This is not a copingkit journal.",
    UnsupportedVersion: "This journal was made by a newer copingkit. Please update copingkit to open it.",
    Malformed: "The journal file is damaged, so it can't be opened.",
    WrongSecret: "That passphrase didn't open this journal.",
    Tampered: "The journal file is damaged or was changed outside copingkit, so it can't be opened.",
    Conflict: (
        "The journal was changed by another program since it was opened. "
        "Nothing was overwritten: your version was saved beside it."
    ),
    Locked: "This journal is already open in another window.",
    SaveFailed: "Couldn't save just now. Your writing is safe in memory and will be saved on the next try.",
    AlreadyExists: "A journal already exists there; nothing was changed.",
    VaultMissing: "There is no journal there yet. Run `copingkit init` (or just `copingkit`) to make one.",
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
    if isinstance(error, SaveFailed) and error.detail:
        message += f" ({error.detail})"
    if isinstance(error, (Malformed, Tampered)):
        if error.backups:
            listed = ", ".join(str(path) for path in error.backups[-3:])
            message += f" Backups you can restore with `copingkit restore PATH`: {listed}"
        else:
            message += " No backups were found beside it."
    return message
