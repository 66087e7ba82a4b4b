"""Screens' writes through a service: a refusal is a calm word to the person, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.notifications import SeverityLevel
from textual.widget import Widget

from copingkit.core.errors import InvalidInput, NotFound


def write_or_warn(widget: Widget, change: Callable[[], object]) -> bool:
    """Run `change`; if the service refuses it (bad input, or the row is gone), show why and return False."""
    try:
        change()
    except (InvalidInput, NotFound) as error:
        widget.notify(str(error), severity="warning", timeout=6)
        return False
    return True


def write_file_or_say(widget: Widget, path: Path, text: str, *, saved: str, make_folder: bool = False) -> None:
    """In a thread worker: write a file the person named and say how it went (`saved` when it worked).

    The file is plaintext the person asked for, so it goes through core/plaintext.py: 0600, and never
    over a file that is already there (the exclusive create is the check). `make_folder` first makes
    the folders it is to go in.
    """
    from copingkit.core.error_words import file_already_there
    from copingkit.core.plaintext import write_plaintext

    def say(words: str, severity: SeverityLevel = "information") -> None:
        widget.app.call_from_thread(widget.notify, words, severity=severity, timeout=8, markup=False)

    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_plaintext(path, text)
        except FileExistsError:
            say(file_already_there(path), "warning")
            return
    except OSError as error:
        reason = error.strerror or "it couldn't be written"
        say(f"Couldn't write {path}: {reason}.", "error")
        return
    say(saved)


__all__ = ["write_file_or_say", "write_or_warn"]
