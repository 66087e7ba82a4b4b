"""The debounced save controller.

Saving belongs to the open vault, not to screens: the controller listens to the vault's database, so
every committed write (through any service, from any screen or worker) schedules a save. It waits for
a quiet moment (but never longer than `max_wait_seconds` while changes keep coming), then
saves in a thread worker (the app's `_save_in_thread`, group "save"). Only one save runs at a time:
a request that arrives while saving is remembered and run afterwards, so two threads never write the
file at once. A failed save keeps everything in memory and is tried again later; a conflict stops
automatic saving, because trying again would only conflict again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from copingkit.tui.messages import DatabaseChanged, SaveFinished

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from copingkit.core.vault import Vault

T = TypeVar("T")

_VAULT_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copingkit-vault")


def on_vault_thread(function: Callable[..., T], /, *args: object, **kwargs: object) -> T:
    """Run `function` on the one thread that opens, saves and closes vaults, and wait for it.

    The vault's file lock (filelock, thread-local by default) can only be released by the thread
    that took it, and each Textual thread worker is a new thread; so every call that takes or
    releases the lock (create, open, close) goes through this single long-lived thread.
    """
    return _VAULT_THREAD.submit(function, *args, **kwargs).result()


SAVED = "Saved"
SAVING = "Saving…"
NOT_SAVED_DEMO = "Demo — nothing is saved"
READ_ONLY_TEXT = "Read only here — changes can't be saved to this journal's file"


def failed_text(retry_seconds: float) -> str:
    return f"Couldn't save just now — your writing is safe in memory; trying again in {retry_seconds:g} s"


class SaveState(Enum):
    IDLE = "idle"
    PENDING = "pending"
    SAVING = "saving"
    FAILED = "failed"
    CONFLICT = "conflict"
    READ_ONLY = "read-only"
    DEMO = "demo"


class StatusLine(str):
    """The save status in words, carrying the state it describes: the status line tells a failed save by
    `failed`, never by reading the words."""

    state: SaveState

    def __new__(cls, text: str, state: SaveState) -> StatusLine:
        line = super().__new__(cls, text)
        line.state = state
        return line

    @property
    def failed(self) -> bool:
        return self.state in (SaveState.FAILED, SaveState.CONFLICT)


class SaveController:
    """Decides when to save; the app runs the blocking part in a thread worker."""

    debounce_seconds: float = 2.0
    max_wait_seconds: float = 10.0
    retry_seconds: float = 30.0

    def __init__(
        self,
        app: App,
        start_worker: Callable[[Vault, bool], object],
        on_status: Callable[[SaveState, str], None],
    ) -> None:
        self._app = app
        self._start_worker = start_worker
        self._on_status = on_status
        self._vault: Vault | None = None
        self._demo = False
        self._timer: Timer | None = None
        self._retry: Timer | None = None
        self._running = False
        self._again = False
        self._longest_wait: Timer | None = None
        self.close_requested = False
        self._thread_lock = threading.Lock()
        self.state = SaveState.IDLE
        self.last_error: BaseException | None = None

    # -- wiring ---------------------------------------------------------------------------

    def attach(self, vault: Vault | None, *, demo: bool = False) -> None:
        self._cancel_timers()
        if self._vault is not None:
            self._vault.database.remove_change_listener(self._database_changed)
        self._vault = vault
        if vault is not None:
            vault.database.add_change_listener(self._database_changed)
        self._demo = demo
        self._again = False
        self.close_requested = False
        self.last_error = None
        if vault is not None and not demo and vault.read_only:
            self._set(SaveState.READ_ONLY)
        else:
            self._set(SaveState.DEMO if demo else SaveState.IDLE)

    def detach(self) -> None:
        self.attach(None)

    @property
    def busy(self) -> bool:
        return self._running

    # -- triggers -------------------------------------------------------------------------

    def _database_changed(self) -> None:
        """The vault's database listener; may run on any thread, so it only posts a message."""
        self._app.post_message(DatabaseChanged())

    def request(self) -> None:
        """An edit happened: save after a quiet moment."""
        if self._vault is None or self._demo or self.state in (SaveState.CONFLICT, SaveState.READ_ONLY):
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(self.debounce_seconds, self.save_now, name="save-debounce")
        if self._longest_wait is None:  # not restarted by later changes
            self._longest_wait = self._app.set_timer(self.max_wait_seconds, self.save_now, name="save-longest-wait")
        if self.state is not SaveState.FAILED:
            self._set(SaveState.PENDING)

    def save_now(self) -> None:
        """Save as soon as possible (after the save already running, if any)."""
        self._cancel_timers()
        if self._vault is None or self._demo:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self._set(SaveState.SAVING)
        self._start_worker(self._vault, self.close_requested)

    def save_and_close(self) -> None:
        """Save, then close the vault (drop the key, release the lock); for lock and quit."""
        if self._vault is None:
            return
        self.close_requested = True
        if self._demo:
            return
        self.save_now()

    def resume_after_conflict(self) -> None:
        """The file on disk has been merged in and adopted (Vault.adopt_disk_copy): save again now."""
        if self.state is not SaveState.CONFLICT:
            return
        self.last_error = None
        self._set(SaveState.IDLE)
        self.save_now()

    def cancel_close(self) -> None:
        self.close_requested = False

    # -- the thread part ------------------------------------------------------------------

    def run_blocking(self, vault: Vault, close: bool) -> None:
        """Runs in a worker thread: save (and close), then post `SaveFinished` to the app."""
        try:
            with self._thread_lock:
                on_vault_thread(_save, vault, close)
        except Exception as error:  # every failure is reported, none is fatal
            self._app.post_message(SaveFinished(error=error, closed=False))
        else:
            self._app.post_message(SaveFinished(closed=close))

    # -- results --------------------------------------------------------------------------

    def finished(self, message: SaveFinished) -> None:
        """Called by the app on the UI thread when a save worker reports back."""
        self._running = False
        if message.ok:
            self.last_error = None
            if message.closed:
                self._vault = None
                self.close_requested = False
                self._set(SaveState.IDLE)
                return
            self._set(SaveState.IDLE)
            if self._again or self.close_requested:
                self.save_now()
            return
        self.last_error = message.error
        if _is_conflict(message.error):
            self._set(SaveState.CONFLICT)
            return
        if _is_read_only(message.error):  # trying again can't help: the file or folder can't be written
            self._set(SaveState.READ_ONLY)
            return
        self._set(SaveState.FAILED)
        if self._retry is not None:
            self._retry.stop()
        self._retry = self._app.set_timer(self.retry_seconds, self.save_now, name="save-retry")

    # -- helpers --------------------------------------------------------------------------

    def status_text(self) -> StatusLine:
        return StatusLine(_status_text(self.state, self.last_error, self.retry_seconds), self.state)

    def _set(self, state: SaveState) -> None:
        self.state = state
        self._on_status(state, self.status_text())

    def _cancel_timers(self) -> None:
        for timer in (self._timer, self._retry, self._longest_wait):
            if timer is not None:
                timer.stop()
        self._timer = self._retry = self._longest_wait = None


def _save(vault: Vault, close: bool) -> None:
    vault.save()
    if close:
        vault.close()


def _is_conflict(error: BaseException | None) -> bool:
    from copingkit.core.vault import errors

    return isinstance(error, errors.Conflict)


def _is_read_only(error: BaseException | None) -> bool:
    from copingkit.core.vault import errors

    return isinstance(error, errors.ReadOnly)


def _status_text(state: SaveState, error: BaseException | None, retry_seconds: float) -> str:
    if state is SaveState.DEMO:
        return NOT_SAVED_DEMO
    if state is SaveState.READ_ONLY:
        return READ_ONLY_TEXT
    if state in (SaveState.PENDING, SaveState.SAVING):
        return SAVING
    if state is SaveState.FAILED:
        return failed_text(retry_seconds)
    if state is SaveState.CONFLICT:
        from copingkit.core.error_words import words_for

        return words_for(error)
    return SAVED
