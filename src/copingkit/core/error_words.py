"""The words and the exit code for every error copingkit shows: the one table the CLI and the TUI both read.

It lives in the core, beside the error types it describes, because it is plain data about them
(DESIGN.md §2.4 and §4) and needs neither click nor textual; the core stays headless. The CLI prints
`explain(error).full` and exits with `.exit_code`; the TUI shows `.words`, lists `.backups` on lines
of its own and, on the "didn't open" screen, `what_next(error)`. Nobody takes a sentence apart or
decides anything by its text: what differs between errors is a type, an enum or a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from copingkit.core import errors as core_errors
from copingkit.core.errors import ExitCode
from copingkit.core.vault import errors

OWN_MESSAGE = None
"""In the table: the error's own message is its words (an InvalidInput says what to change)."""

GENERIC = "Something went wrong while opening the journal. Nothing in the file was changed."
"""What the TUI says for what isn't an error of ours (a bug): calm, and true."""

RESTORE_HINT = "Backups you can restore with `copingkit restore PATH`: "
NO_BACKUPS = "No backups were found beside it."
BACKUPS_LISTED = 3
"""How many backups (the newest) the one-line words name; the TUI lists more on lines of their own."""


@dataclass(frozen=True)
class Entry:
    words: str | None
    exit_code: ExitCode
    offers_backups: bool = False


TABLE: dict[type[BaseException], Entry] = {
    errors.NotAVault: Entry("This is not a copingkit journal.", ExitCode.BAD_INPUT),
    errors.UnsupportedVersion: Entry(
        "This journal was made by a newer copingkit. Please update copingkit to open it.", ExitCode.DAMAGED
    ),
    errors.Malformed: Entry("The journal file is damaged, so it can't be opened.", ExitCode.DAMAGED, True),
    errors.WrongSecret: Entry("That passphrase didn't open this journal.", ExitCode.WRONG_SECRET),
    errors.KeyNotAccepted: Entry(
        "The unlocked key no longer opens this journal; please give your passphrase.", ExitCode.WRONG_SECRET
    ),
    errors.RecoveryKeyShape: Entry(
        "That doesn't look like a recovery key: it is 8 groups of 4 letters and digits, like "
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567 (dashes and spaces don't matter). Nothing was changed.",
        ExitCode.BAD_INPUT,
    ),
    errors.Tampered: Entry(
        "The journal file is damaged or was changed outside copingkit, so it can't be opened.", ExitCode.DAMAGED, True
    ),
    errors.Conflict: Entry(
        "The journal was changed by another program since it was opened. "
        "Nothing was overwritten: your version was saved beside it.",
        ExitCode.CONFLICT,
    ),
    errors.Locked: Entry("This journal is already open in another window.", ExitCode.LOCKED),
    errors.SaveFailed: Entry(
        "Couldn't save just now. Your writing is safe in memory and will be saved on the next try.",
        ExitCode.BAD_INPUT,
    ),
    errors.AlreadyExists: Entry("A journal already exists there; nothing was changed.", ExitCode.BAD_INPUT),
    errors.VaultMissing: Entry(
        "There is no journal there yet. Run `copingkit init` (or just `copingkit`) to make one.", ExitCode.BAD_INPUT
    ),
    errors.ReadOnly: Entry(
        "This journal can be read here but not changed: its file or folder can't be written. Nothing was changed.",
        ExitCode.BAD_INPUT,
    ),
    errors.TooCostly: Entry(
        "This journal asks for more work than copingkit allows, so nothing was tried.", ExitCode.DAMAGED
    ),
    errors.NotEnoughMemory: Entry(
        "There is not enough memory to open this journal just now. Nothing was changed; "
        "closing other programs and trying again may help.",
        ExitCode.BAD_INPUT,
    ),
    errors.CryptoFailed: Entry(
        "copingkit's encryption library couldn't do this here, so nothing was opened or changed. "
        "Reinstalling copingkit usually fixes it.",
        ExitCode.BAD_INPUT,
    ),
    errors.DerivationCancelled: Entry(
        "Stopped before the journal was opened. Nothing was changed.", ExitCode.BAD_INPUT
    ),
    errors.FolderNotTrusted: Entry(
        "copingkit won't use the folder {folder}: {reason}, so someone else could swap the journal. Move the "
        "journal to a folder only you can change (`--vault PATH`), or add --trust-folder if you know this folder "
        "is safe.",
        ExitCode.BAD_INPUT,
    ),
    errors.VaultError: Entry("Something went wrong with the journal file.", ExitCode.DAMAGED),
    core_errors.CopingkitError: Entry(OWN_MESSAGE, ExitCode.BAD_INPUT),
    core_errors.InvalidInput: Entry(OWN_MESSAGE, ExitCode.BAD_INPUT),
    core_errors.NotFound: Entry(OWN_MESSAGE, ExitCode.BAD_INPUT),
    core_errors.SchemaTooNew: Entry(OWN_MESSAGE, ExitCode.BAD_INPUT),
    FileNotFoundError: Entry("There is no file at {filename}.", ExitCode.BAD_INPUT),
    IsADirectoryError: Entry("{filename} is a folder, not a file.", ExitCode.BAD_INPUT),
    PermissionError: Entry("copingkit isn't allowed to use {filename_or_that}.", ExitCode.BAD_INPUT),
    OSError: Entry("copingkit couldn't use {filename_or_that}: {strerror}.", ExitCode.BAD_INPUT),
    UnicodeError: Entry(
        "Something given to copingkit isn't valid text (UTF-8); nothing was written.", ExitCode.BAD_INPUT
    ),
    RecursionError: Entry("That is nested too deeply for copingkit to read; nothing was written.", ExitCode.BAD_INPUT),
    MemoryError: Entry("There isn't enough memory for that just now; nothing was written.", ExitCode.BAD_INPUT),
    OverflowError: Entry(
        "A number or a date in that is too large for copingkit to use; nothing was written.", ExitCode.BAD_INPUT
    ),
}
"""Every error type copingkit explains, with its words and its exit code. A type not here is found by
its nearest listed base class; one with no listed base is not ours to explain (a bug: the traceback
handler's business)."""

BY_NAME: dict[str, Entry] = {
    "copingkit.core.importers.PassphraseNeeded": Entry(OWN_MESSAGE, ExitCode.USAGE),
    "copingkit.core.importers.WrongSourcePassphrase": Entry(OWN_MESSAGE, ExitCode.WRONG_SECRET),
    "copingkit.core.packs.PackError": Entry(OWN_MESSAGE, ExitCode.BAD_INPUT),
}
"""Error types of the core's heavier modules (importers, packs), named rather than imported, so that
this table stays cheap to load; tests/unit/test_error_words.py checks each name is a real type."""


def _name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


RECOVERY_KEY_WRONG = "That recovery key didn't open this journal. Check each group of letters and try again."
CONFLICT_COPY_NOT_WRITTEN = (
    "The journal was changed by another program since it was opened. Nothing was overwritten. "
    "A copy of your version couldn't be written just now (the disk may be full), "
    "so it is still only open here; the next save tries again."
)
TOO_COSTLY_NEXT: dict[errors.CostReason, str] = {
    errors.CostReason.BODY_CEILING: (
        " It is far larger than any journal copingkit makes; `copingkit restore PATH` brings back a backup."
    ),
    errors.CostReason.BODY_MEMORY: (
        " There isn't enough free memory for a journal this large just now: closing other programs may help, "
        "or start copingkit with --allow-costly-kdf."
    ),
}
TOO_COSTLY_TRUST = " If you trust this file, start copingkit with --allow-costly-kdf."
SAVE_FAILED_ENDING = "Couldn't save{detail}. Nothing was changed; please try again once that is sorted out."
"""SaveFailed where the process ends (the CLI): nothing is kept in memory, so it says so."""


@dataclass(frozen=True)
class Explanation:
    """What to tell a person about one error."""

    words: str
    """The calm sentence(s), without the list of backups."""
    exit_code: ExitCode
    backups: tuple[Path, ...] | None = None
    """For a damaged journal, the backups found beside it (oldest first; maybe none); else None."""

    @property
    def full(self) -> str:
        """The words with the newest backups named, in one line (the CLI's stderr line)."""
        if self.backups is None:
            return self.words
        if not self.backups:
            return f"{self.words} {NO_BACKUPS}"
        listed = ", ".join(str(path) for path in self.backups[-BACKUPS_LISTED:])
        return f"{self.words} {RESTORE_HINT}{listed}"


def entry_for(kind: type[BaseException]) -> Entry | None:
    """The table's entry for `kind` or its nearest listed base class."""
    for base in kind.__mro__:
        entry = TABLE.get(base) or BY_NAME.get(_name(base))
        if entry is not None:
            return entry
    return None


def explain(error: BaseException, *, process_ends: bool = False) -> Explanation | None:
    """The words and exit code for `error`; None for what isn't ours to explain.

    `process_ends`: the words are said by a process that exits right after (the CLI), so a failed save
    has nothing left in memory to try again with.
    """
    entry = entry_for(type(error))
    if entry is None:
        return None
    words = str(error) if entry.words is OWN_MESSAGE else entry.words
    if isinstance(error, errors.VaultError):
        words = _vault_words(error, words, process_ends=process_ends)
    elif isinstance(error, OSError):
        words = words.format(
            filename=error.filename,
            filename_or_that=error.filename or "that file",
            strerror=error.strerror or error,
        )
    backups = tuple(error.backups) if entry.offers_backups and isinstance(error, errors.VaultError) else None
    return Explanation(words, entry.exit_code, backups)


def _vault_words(error: errors.VaultError, words: str, *, process_ends: bool) -> str:
    if isinstance(error, errors.RecoveryKeyShape):
        return words
    if isinstance(error, errors.WrongSecret) and error.secret is errors.Secret.RECOVERY_KEY:
        return RECOVERY_KEY_WRONG
    if isinstance(error, errors.Conflict):
        return f"{words} Your version: {error.conflict_copy}" if error.conflict_copy else CONFLICT_COPY_NOT_WRITTEN
    if isinstance(error, errors.FolderNotTrusted):
        return words.format(folder=error.folder, reason=error.reason)
    if isinstance(error, errors.TooCostly):
        return words + TOO_COSTLY_NEXT.get(error.reason, TOO_COSTLY_TRUST)
    if isinstance(error, errors.SaveFailed):
        if process_ends:
            return SAVE_FAILED_ENDING.format(detail=f" ({error.detail})" if error.detail else "")
        return f"{words} ({error.detail})" if error.detail else words
    return words


def exit_code_of(error: BaseException) -> ExitCode | None:
    """The exit code the CLI ends with for `error` (None: not ours, a traceback)."""
    entry = entry_for(type(error))
    return None if entry is None else entry.exit_code


def file_already_there(path: Path, *, or_else: str = "") -> str:
    """The refusal of a file the person named that is already there (an export, a report, a printable
    plan: core/plaintext.py never writes over one). The CLI adds its way out: " or add --overwrite"."""
    return f"{path} already exists; nothing was written. Choose another name{or_else}."


def words_for(error: BaseException | None) -> str:
    """The words the TUI shows for `error` (GENERIC for what isn't ours, or for nothing)."""
    said = explain(error) if error is not None else None
    return GENERIC if said is None else said.words


def full_words(error: BaseException) -> str:
    """The words and backups in one line, as the CLI says them (GENERIC for what isn't ours)."""
    said = explain(error)
    return GENERIC if said is None else said.full


_WHAT_NEXT: dict[type[errors.VaultError], str] = {
    errors.Locked: (
        "Close copingkit in the other window (or wait for it to finish), then choose Try again. "
        "Only one window can have the journal open, so two copies never fight."
    ),
    errors.NotAVault: (
        "{where} If your journal is somewhere else, start copingkit with --vault PATH "
        "(or set COPINGKIT_VAULT). This file was not changed."
    ),
    errors.UnsupportedVersion: (
        "Update copingkit (for example `pipx upgrade copingkit`), then open it again. This file was not changed."
    ),
    errors.Malformed: (
        "The file itself was left as it is. A backup can be restored with "
        "`copingkit restore PATH`, which shows what a backup holds before replacing anything."
    ),
    errors.Tampered: (
        "The file itself was left as it is. A backup can be restored with "
        "`copingkit restore PATH`, which shows what a backup holds before replacing anything."
    ),
}
_WHAT_NEXT_OTHERWISE = "{where} Nothing was changed. You can try again, or run `copingkit doctor` to check the install."


def what_next(error: BaseException | None, vault_path: Path | None) -> str:
    """What to do next when the journal didn't open (the TUI's "didn't open" screen)."""
    where = f"copingkit is looking at {vault_path}." if vault_path else ""
    text = next((_WHAT_NEXT[kind] for kind in type(error).__mro__ if kind in _WHAT_NEXT), _WHAT_NEXT_OTHERWISE)
    return text.format(where=where)
