"""The one place vault errors become words on screen (the table itself lives in core/vault/errors.py)."""

from __future__ import annotations

from copingkit.core.vault import errors

GENERIC = "Something went wrong while opening the journal. Nothing in the file was changed."


def error_words(error: BaseException | None) -> str:
    """The one place vault errors become words on screen."""
    if isinstance(error, errors.VaultError):
        return errors.user_message(error)
    return GENERIC


def words_without_backups(error: BaseException | None) -> str:
    """The calm words, minus the backup list the screen shows on its own lines."""
    words = error_words(error)
    for marker in (" Backups you can restore", " No backups were found"):
        words = words.split(marker)[0]
    return words
